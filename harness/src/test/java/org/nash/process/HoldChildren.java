package org.nash.process;

import java.util.List;

/**
 * Test fixture, run in a JVM of its own by {@link ShutdownHookTest}: starts a worker that ignores
 * end of input and SIGTERM and has a grandchild, prints both pids, then waits to be stopped. With a
 * folder argument, a second thread keeps starting such workers (each writes its pids into the
 * folder), so that some start while the JVM shuts down.
 */
public final class HoldChildren {
  private HoldChildren() {}

  private static final String SCRIPT = "trap '' TERM INT HUP; sleep 300 & echo $!; %s while true; do sleep 1; done";

  public static void main(String[] args) throws Exception {
    ChildProcess c = ChildProcess.builder(Procs.sh(SCRIPT.formatted(""))).name("held worker").start();
    String grandchild = c.readLine(Wait.millis(30_000), "its first line");
    if (args.length > 0) {
      Thread churn = new Thread(() -> {
        for (int i = 0; ; i++) {
          try {
            ChildProcess.builder(List.of("sh", "-c", SCRIPT.formatted("echo $$ $! > " + args[0] + "/" + i + ";")))
                .name("churn " + i).start();
          } catch (ProcessFailure e) {
            // refused during the shutdown: what the test wants
          }
        }
      }, "churn");
      churn.setDaemon(true);
      churn.start();
    }
    System.out.println(c.pid() + " " + grandchild);
    System.out.flush();
    Thread.sleep(300_000);
  }
}
