package org.nash.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Process checks for tests: a killed orphan may stay a zombie where PID 1 does not reap, so it counts as dead. */
final class Procs {
  private Procs() {}

  static boolean alive(long pid) {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.US_ASCII);
        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  /** Waits (at most 10 s: the kill is asynchronous) until none of {@code pids} is alive; the ones still alive. */
  static List<Long> survivors(List<Long> pids) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    List<Long> left = pids.stream().filter(Procs::alive).toList();
    while (!left.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
      left = left.stream().filter(Procs::alive).toList();
    }
    return left;
  }

  static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }
}
