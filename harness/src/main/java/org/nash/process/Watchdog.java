package org.nash.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The JVM's one watchdog thread over every live child: kills a child whose read or write is past
 * its deadline. Also owns the shutdown hook that stops every live child (and its tree) when the JVM
 * ends, on Ctrl-C and SIGTERM too, so no worker outlives nash.
 */
final class Watchdog {
  private Watchdog() {}

  static final long TICK_MILLIS = 25;
  /** How long the shutdown hook lets workers exit on end of input before it kills them. */
  static final long SHUTDOWN_GRACE_MILLIS = 500;

  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static Thread thread;
  private static boolean hooked;
  private static volatile boolean stopping;

  /**
   * Held (shared) from before a child process is started until it is registered, and taken
   * exclusively by the shutdown hook before it lists the live children: runner threads go on
   * during the shutdown hooks, and a worker they start then would otherwise escape the list (and,
   * once the JVM is gone, leave its own children behind).
   */
  static final ReentrantReadWriteLock GATE = new ReentrantReadWriteLock();

  /** Whether the shutdown hook has begun; read under {@link #GATE}'s read lock, no child may start then. */
  static boolean stopping() {
    return stopping;
  }

  /** Watches {@code c} from now on; false once the JVM is shutting down. */
  static synchronized boolean register(ChildProcess c) {
    if (stopping) {
      return false;
    }
    LIVE.add(c);
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(new Thread(Watchdog::stopAll, "nash-process-shutdown"));
      hooked = true;
    }
    if (thread == null) {
      thread = new Thread(Watchdog::watch, "nash-process-watchdog");
      thread.setDaemon(true);
      thread.start();
    }
    return true;
  }

  static void unregister(ChildProcess c) {
    LIVE.remove(c);
  }

  /** Children started and not yet stopped (for tests and diagnostics). */
  static List<ChildProcess> live() {
    return new ArrayList<>(LIVE);
  }

  private static void watch() {
    while (true) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (ChildProcess c : LIVE) {
        c.checkDeadline(now);
      }
    }
  }

  private static void stopAll() {
    List<ChildProcess> all;
    GATE.writeLock().lock();
    try {
      synchronized (Watchdog.class) {
        stopping = true;
        all = live();
      }
    } finally {
      GATE.writeLock().unlock();
    }
    if (!all.isEmpty()) {
      ChildProcess.closeAll(all, SHUTDOWN_GRACE_MILLIS);
    }
  }
}
