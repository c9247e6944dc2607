package org.nash.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Start-up stage marks for profiling (issue 26): with {@code -Dnash.timing=true} each {@link #mark}
 * prints to stderr the wall time since the first mark and the process's CPU time so far (user +
 * system of all threads, JIT and GC included, from {@code /proc/self/stat} in clock ticks of
 * usually 10 ms), so a command's start-up can be split into stages without a profiler, whose own
 * start-up would swamp a half-second command. Kept cheap (no formatter, no management beans) so
 * that the marks do not move what they measure. Off by default, where a mark is one boolean test.
 */
public final class Timing {
  private static final boolean ON = Boolean.getBoolean("nash.timing");
  private static long first;

  private Timing() {}

  public static void mark(String stage) {
    if (ON) {
      print(stage);
    }
  }

  private static synchronized void print(String stage) {
    long now = System.nanoTime();
    if (first == 0) {
      first = now;
    }
    System.err.println("nash.timing: " + stage + ": wall +" + (now - first) / 1_000_000 + " ms, process cpu "
        + cpuMillis() + " ms");
  }

  /** User + system CPU of the process in ms, or -1 where /proc is not there. */
  private static long cpuMillis() {
    try {
      String s = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name (which may hold spaces) in parentheses; utime and stime are 14 and 15
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }
}
