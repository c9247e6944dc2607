package org.nash.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nash.NashException;

/** Reuse, restart after a crash, a failed handshake, and close, on echo workers. */
// a regression here hangs (a read that never ends) rather than fails: the guard turns it into a failure
@Timeout(120)
class ChildPoolTest {
  private static final Wait WAIT = Wait.millis(30_000);

  record Echo(int number, ChildProcess process) implements ChildPool.Member {
    String ask(String s) {
      process.send(s, WAIT, "a message");
      return process.request(WAIT, "a reply");
    }
  }

  private static ChildPool<Echo> pool(String script) {
    return new ChildPool<>(n -> new Echo(n, ChildProcess.builder(Procs.sh(script)).name("echo " + n).graceMillis(300)
        .start()), "the echo workers were shut down", 300);
  }

  private static final String ECHO = "echo hello; while read l; do echo \"$l\"; done";

  private static void hello(Echo e) {
    String h = e.process().readLine(WAIT, "the handshake");
    if (!h.equals("hello")) {
      throw new NashException("bad hello: " + h);
    }
  }

  @Test
  void reusesAWorkerAndRestartsAfterACrash() throws Exception {
    try (ChildPool<Echo> pool = pool(ECHO)) {
      Echo a = pool.borrow(ChildPoolTest::hello);
      assertEquals("x", a.ask("x"));
      pool.release(a);
      assertSame(a, pool.borrow(ChildPoolTest::hello), "an idle live worker is reused");
      a.process().handle().destroyForcibly(); // crashes while lent out
      a.process().handle().onExit().join();
      ProcessFailure f = assertThrows(ProcessFailure.class, () -> a.ask("y"));
      assertEquals(ProcessFailure.Kind.CRASH, f.kind());
      pool.release(a); // dropped: not usable
      Echo b = pool.borrow(ChildPoolTest::hello);
      assertNotSame(a, b);
      assertEquals(2, b.number());
      assertEquals("z", b.ask("z"));
      assertEquals(List.of(b), pool.members());
      pool.release(b);
    }
  }

  @Test
  void aFailedHandshakeKillsTheNewWorker() throws Exception {
    try (ChildPool<Echo> pool = pool("echo nonsense; sleep 300 & sleep 300")) {
      NashException e = assertThrows(NashException.class, () -> pool.borrow(ChildPoolTest::hello));
      assertTrue(e.getMessage().contains("bad hello: nonsense"));
      assertEquals(List.of(), pool.members());
    }
    // its tree is gone: no process of this JVM's children is left from the pool
    assertEquals(List.of(), Procs.survivors(ProcessHandle.current().descendants()
        .filter(h -> h.info().commandLine().orElse("").contains("sleep 300")).map(ProcessHandle::pid).toList()));
  }

  @Test
  void aHandshakeThatNeverComesTimesOut() throws Exception {
    try (ChildPool<Echo> pool = pool("sleep 300")) {
      ProcessFailure f = assertThrows(ProcessFailure.class,
          () -> pool.borrow(e -> e.process().readLine(Wait.millis(300), "the handshake")));
      assertEquals(ProcessFailure.Kind.TIMEOUT, f.kind());
      assertTrue(f.getMessage().contains("timeout: nothing from it within 0.3 s while the handshake"), f.getMessage());
    }
  }

  @Test
  void closeStopsEveryWorkerAndRefusesNewOnes() throws Exception {
    ChildPool<Echo> pool = pool("trap '' TERM; echo hello; sleep 300 & while true; do sleep 1; done");
    Echo a = pool.borrow(ChildPoolTest::hello);
    Echo b = pool.borrow(ChildPoolTest::hello);
    pool.release(a);
    List<Long> tree = new java.util.ArrayList<>(List.of(a.process().pid(), b.process().pid()));
    a.process().handle().descendants().forEach(h -> tree.add(h.pid()));
    b.process().handle().descendants().forEach(h -> tree.add(h.pid()));
    pool.close();
    assertEquals(List.of(), Procs.survivors(tree));
    NashException e = assertThrows(NashException.class, () -> pool.borrow(ChildPoolTest::hello));
    assertEquals("the echo workers were shut down", e.getMessage());
  }
}
