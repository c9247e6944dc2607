package org.nash.process;

/**
 * Test fixture, run in a JVM of its own by {@link ShutdownHookTest}: starts a worker that ignores
 * end of input and SIGTERM and has a grandchild, prints both pids, then waits to be stopped.
 */
public final class HoldChildren {
  private HoldChildren() {}

  public static void main(String[] args) throws Exception {
    ChildProcess c = ChildProcess.builder(Procs.sh("trap '' TERM INT HUP; sleep 300 & echo $!; while true; do sleep 1; done"))
        .name("held worker").start();
    String grandchild = c.readLine(Wait.millis(30_000), "its first line");
    System.out.println(c.pid() + " " + grandchild);
    System.out.flush();
    Thread.sleep(300_000);
  }
}
