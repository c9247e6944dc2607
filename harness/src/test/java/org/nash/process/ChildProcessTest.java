package org.nash.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library on real processes (sh scripts): each way a worker goes wrong ends in a failure that
 * says what happened, with its whole process tree gone, including a grandchild that holds the
 * worker's stdout; and the happy path (environment, directory, request and reply).
 */
// a regression here hangs (a read that never ends) rather than fails: the guard turns it into a failure
@Timeout(120)
class ChildProcessTest {
  private static final Wait LONG = Wait.millis(30_000);
  private static final Wait SHORT = Wait.millis(400);

  @TempDir
  Path dir;

  private static ChildProcess start(String script) {
    return ChildProcess.builder(Procs.sh(script)).name("test worker").graceMillis(300).start();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }
  }

  @Test
  void requestAndReplyWithEnvironmentAndDirectory() throws Exception {
    ChildProcess c = ChildProcess.builder(Procs.sh("echo \"$(pwd) $NASH_T $HOME_SET\"; while read l; do echo \"got $l\"; done"))
        .directory(dir).env("NASH_T", "a b").envIfAbsent("HOME_SET", "x").envIfAbsent("PATH", "not used").start();
    assertEquals(dir.toRealPath() + " a b x", c.readLine(LONG, "the hello"));
    c.send("one", LONG, "a message");
    c.send(new StringBuilder("two"), LONG, "a message");
    assertEquals("got one", c.request(LONG, "a reply"));
    assertEquals("got two", c.readLine(LONG, "a reply"));
    assertTrue(c.usable());
    long pid = c.pid();
    c.close();
    assertFalse(c.usable());
    assertEquals(0, c.exitCode());
    assertEquals(List.of(), Procs.survivors(List.of(pid)));
  }

  @Test
  void timeoutKillsTheTreeIncludingAGrandchildHoldingStdout() throws Exception {
    // the grandchild shares the worker's stdout: killing the worker alone would leave the read hanging
    ChildProcess c = start("sleep 300 & echo $!; echo about to hang >&2; sleep 300");
    long grandchild = Long.parseLong(c.readLine(LONG, "its first line"));
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> c.readLine(SHORT, "an ask"));
    assertEquals(ProcessFailure.Kind.TIMEOUT, f.kind());
    assertMentions(f.getMessage(), "test worker", "timeout", "within 0.4 s", "while an ask", "about to hang");
    assertEquals(List.of(), Procs.survivors(List.of(c.pid(), grandchild)));
    assertFalse(c.usable());
  }

  @Test
  void crashIsACrashWithExitCodeAndStderrEvenWhenAGrandchildHoldsStdout() throws Exception {
    ChildProcess c = start("sleep 300 & echo $!; read l; echo Traceback >&2; echo 'ZeroDivisionError: x' >&2; exit 3");
    long grandchild = Long.parseLong(c.readLine(LONG, "its first line"));
    c.send("go", LONG, "a message");
    // a long wait: if the grandchild kept the pipe open, this would end as a timeout, not a crash
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> c.request(LONG, "an ask"));
    assertEquals(ProcessFailure.Kind.CRASH, f.kind(), f.getMessage());
    assertEquals(3, f.exitCode());
    assertEquals(List.of("Traceback", "ZeroDivisionError: x"), f.stderrTail());
    assertMentions(f.getMessage(), "crash: it exited (code 3) while an ask", "ZeroDivisionError: x");
    assertEquals(List.of(), Procs.survivors(List.of(c.pid(), grandchild)));
  }

  @Test
  void aWorkerKilledBySignalSaysWhichSignal() throws Exception {
    ChildProcess c = start("echo ready; kill -9 $$");
    assertEquals("ready", c.readLine(LONG, "the hello"));
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> c.readLine(LONG, "an ask"));
    assertEquals(ProcessFailure.Kind.CRASH, f.kind());
    assertMentions(f.reason(), "code 137, killed by signal 9");
  }

  @Test
  void closeKillsAnIdleWorkerThatIgnoresEndOfInputAndItsGrandchild() throws Exception {
    ChildProcess c = start("trap '' TERM INT HUP; sleep 300 & echo $!; while true; do sleep 1; done");
    long grandchild = Long.parseLong(c.readLine(LONG, "its first line"));
    c.close();
    assertEquals(List.of(), Procs.survivors(List.of(c.pid(), grandchild)));
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> c.readLine(LONG, "an ask"));
    assertEquals(ProcessFailure.Kind.STOPPED, f.kind());
  }

  @Test
  void aCleanExitStillTakesWhatTheWorkerLeftRunning() throws Exception {
    ChildProcess c = start("sleep 300 & echo $!; exit 0");
    long grandchild = Long.parseLong(c.readLine(LONG, "its first line"));
    assertTrue(c.handle().onExit().get(30, TimeUnit.SECONDS) != null);
    assertEquals(List.of(), Procs.survivors(List.of(grandchild)));
  }

  @Test
  void anEndlessLineFailsAtTheCapNotWithAnOutOfMemoryError() throws Exception {
    // NUL bytes forever, never a newline
    ChildProcess c = ChildProcess.builder(Procs.sh("cat /dev/zero")).name("endless worker").maxLineBytes(1 << 20).start();
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> c.readLine(LONG, "trial t/7"));
    assertEquals(ProcessFailure.Kind.LINE_TOO_LONG, f.kind());
    assertMentions(f.getMessage(), "endless worker", "a line longer than 1 MB while trial t/7");
    assertEquals(List.of(), Procs.survivors(List.of(c.pid())));
  }

  @Test
  void anEndlessStderrLineIsCutNotHeld() throws Exception {
    List<String> seen = new ArrayList<>();
    ChildProcess c = ChildProcess.builder(Procs.sh("head -c 300000 /dev/zero | tr '\\0' e >&2; echo >&2; echo short >&2; "
        + "echo done")).stderr((line, more) -> {
          synchronized (seen) {
            seen.add(line);
          }
        }).start();
    assertEquals("done", c.readLine(LONG, "the end"));
    c.close();
    synchronized (seen) {
      assertEquals(2, seen.size(), "one cut line and one short line");
      assertEquals(ChildProcess.STDERR_MAX_LINE_BYTES, seen.get(0).length());
      assertEquals("short", seen.get(1));
    }
    assertTrue(c.stderrTail().get(0).length() <= ChildProcess.TAIL_LINE_CHARS + 3);
  }

  @Test
  void aWorkerThatDoesNotReadTimesOutOnTheWrite() throws Exception {
    ChildProcess c = start("echo ready; sleep 300");
    assertEquals("ready", c.readLine(LONG, "the hello"));
    String big = "x".repeat(1 << 20);
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> {
      c.send(big, SHORT, "sending the domain");
      c.flush(SHORT, "sending the domain");
    });
    assertEquals(ProcessFailure.Kind.TIMEOUT, f.kind());
    assertTrue(f.writing());
    assertMentions(f.reason(), "timeout: it did not read its input within 0.4 s while sending the domain");
  }

  @Test
  void aMissingProgramIsAStartFailure() {
    ProcessFailure f = assertThrows(ProcessFailure.class,
        () -> ChildProcess.builder(List.of("no-such-program-xyz")).start());
    assertEquals(ProcessFailure.Kind.START, f.kind());
    assertMentions(f.getMessage(), "cannot start [no-such-program-xyz]", "not on PATH");
    ProcessFailure g = assertThrows(ProcessFailure.class,
        () -> ChildProcess.builder(List.of("./no/such/prog")).directory(dir).start());
    assertMentions(g.getMessage(), "./no/such/prog is not an executable file (relative to " + dir);
  }

  @Test
  void closedOutputOfALiveWorkerIsNotACrash() throws Exception {
    ChildProcess c = start("exec 1>&-; sleep 300");
    ProcessFailure f = assertThrows(ProcessFailure.class, () -> c.readLine(LONG, "an ask"));
    assertEquals(ProcessFailure.Kind.OUTPUT_CLOSED, f.kind(), f.getMessage());
    assertNull(f.exitCode());
    assertEquals(List.of(), Procs.survivors(List.of(c.pid())));
  }

  @Test
  void theLogGetsEveryStderrLineWithItsPrefix() throws Exception {
    Path file = dir.resolve("w.log");
    try (ProcessLog log = ProcessLog.open(file, "== header")) {
      ChildProcess c = ChildProcess.builder(Procs.sh("echo a >&2; echo b >&2; echo done")).stderr(log.sink("[w 1] ")).start();
      assertEquals("done", c.readLine(LONG, "the end"));
      c.close();
    }
    assertEquals(List.of("== header", "[w 1] a", "[w 1] b"), Files.readAllLines(file));
  }
}
