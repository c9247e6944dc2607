package org.nash.searchers.external;

import org.nash.plan.Plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.run.ExperimentRunner;
import org.nash.results.TrialsFile;

/**
 * The red team's process findings (issue 23): a worker whose grandchild shares its stdout can
 * neither hang nash nor survive it (timeout, crash, end of run), a crash is reported as a crash, and
 * an endless line fails its trial at the cap, naming the searcher and the trial.
 */
// a regression here hangs (a read that never ends) rather than fails: the guard turns it into a failure
@Timeout(120)
class ExternalProcessTreeTest {
  @TempDir
  Path dir;

  private static final String KEY = "cifar10/skip+c1x1+c3x3/fx/2";

  private String yaml(String mode, double timeout) throws IOException {
    Path pids = Files.createDirectories(dir.resolve("pids"));
    return """
        benchmark: nb201
        datasets: [cifar10]
        pools: ["skip,c1x1,c3x3"]
        searchers:
          - name: external
            label: fx
            params: {command: %s, timeout_s: %s}
        budget: {queries: 20}
        seeds: 4
        """.formatted(ExternalFixtures.command("python3", ExternalFixtures.resource("tree.py"), mode, pids), timeout);
  }

  /** Every pid the fixture's workers wrote: each worker and its grandchild. */
  private List<Long> pids() throws IOException {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve("pids"))) {
      for (Path p : s.toList()) {
        for (String n : Files.readString(p, StandardCharsets.UTF_8).trim().split(" ")) {
          out.add(Long.parseLong(n));
        }
      }
    }
    return out;
  }

  /** Pids still alive after a bounded wait (a killed orphan that stays a zombie counts as dead). */
  private static List<Long> survivors(List<Long> pids) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    List<Long> left = pids.stream().filter(ExternalProcessTreeTest::alive).toList();
    while (!left.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
      left = left.stream().filter(ExternalProcessTreeTest::alive).toList();
    }
    return left;
  }

  private static boolean alive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private String failure(String mode, double timeout) throws Exception {
    Plan plan = ExternalFixtures.plan(yaml(mode, timeout));
    NashException e = assertThrows(NashException.class, () -> ExperimentRunner.run(plan, dir.resolve("out"), 1, null));
    assertEquals(2, TrialsFile.read(dir.resolve("out").resolve(TrialsFile.NAME)).trials().size(), "trials 0 and 1 are kept");
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }
  }

  @Test
  void aHangingWorkerWithAGrandchildOnItsStdoutTimesOutAndTheTreeDies() throws Exception {
    String m = failure("spawn-hang", 1);
    assertMentions(m, "external searcher 'fx'", KEY, "timeout: no reply to an ask within timeout_s = 1.0 s",
        "killed with its process tree", "fixture: about to misbehave (spawn-hang)");
    List<Long> pids = pids();
    assertEquals(2, pids.size(), "the worker and its grandchild");
    assertEquals(List.of(), survivors(pids));
  }

  @Test
  void aCrashingWorkerWhoseGrandchildHoldsItsStdoutIsACrashNotAHang() throws Exception {
    // timeout_s is long: blaming a timeout would mean nash waited for the grandchild
    String m = failure("spawn-crash", 120);
    assertMentions(m, KEY, "crash: it exited (code 3) instead of answering an ask", "RuntimeError: lost");
    assertFalse(m.contains("timeout"), m);
    assertEquals(List.of(), survivors(pids()));
  }

  @Test
  void anEndlessLineFailsTheTrialAtTheCapNamingSearcherAndTrial() throws Exception {
    String m = failure("endless", 120);
    assertMentions(m, "external searcher 'fx'", KEY, "its reply to an ask is a line longer than the cap of 16 MB");
  }

  @Test
  void idleWorkersThatIgnoreEndOfInputDieWithTheRunAndSoDoTheirGrandchildren() throws Exception {
    Path out = dir.resolve("ok");
    ExperimentRunner.run(ExternalFixtures.plan(yaml("ignore-eof", 30)), out, 2, null);
    assertEquals(4, TrialsFile.read(out.resolve(TrialsFile.NAME)).trials().size());
    List<Long> pids = pids();
    assertTrue(pids.size() >= 2, "at least one worker and its grandchild: " + pids);
    assertEquals(List.of(), survivors(pids));
    assertTrue(Files.readString(out.resolve("external-fx.log")).contains("fixture: end of input, ignored"));
  }
}
