package org.nash.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Killing a worker with everything it started. {@link ProcessHandle#descendants()} finds the living
 * children of a living worker; once the worker is dead its children belong to init and only their
 * session id still ties them to it. A worker therefore starts in a session of its own
 * ({@code setsid}, which execs, so the worker keeps its pid and is its session's leader) and a kill
 * also takes every process of that session, found in {@code /proc}.
 */
final class ProcessTree {
  private ProcessTree() {}

  private static final Path PROC = Path.of("/proc");
  private static final Optional<String> SETSID = findSetsid();

  /** The {@code setsid} program on Linux, if any (elsewhere workers share nash's session). */
  static Optional<String> setsid() {
    return SETSID;
  }

  private static Optional<String> findSetsid() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || !Files.isDirectory(PROC)) {
      return Optional.empty();
    }
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, "setsid");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "setsid");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p.toAbsolutePath().toString());
      }
    }
    return Optional.empty();
  }

  /**
   * SIGKILL to the worker, its descendants and, when it leads a session, every process of that
   * session; twice over, for what was forked while the first round ran.
   */
  static void kill(ProcessHandle worker, boolean session) {
    for (int round = 0; round < 2; round++) {
      Map<Long, ProcessHandle> victims = new LinkedHashMap<>();
      if (worker.isAlive()) {
        victims.put(worker.pid(), worker);
        worker.descendants().forEach(h -> victims.put(h.pid(), h));
      }
      if (session) {
        for (ProcessHandle h : sessionMembers(worker.pid())) {
          victims.put(h.pid(), h);
        }
      }
      if (victims.isEmpty()) {
        return;
      }
      victims.values().forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Live processes whose session or process group is {@code leader} (read from /proc/PID/stat). */
  static List<ProcessHandle> sessionMembers(long leader) {
    List<ProcessHandle> out = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return out;
    }
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        long[] ids = groupAndSession(p.resolve("stat"));
        long pid = Long.parseLong(name);
        if (ids != null && pid != self && (ids[0] == leader || ids[1] == leader)) {
          ProcessHandle.of(pid).ifPresent(out::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // /proc changes while it is read; what was found is killed, the second round finds the rest
    }
    return out;
  }

  /** Process group and session id from a /proc stat line, or null (gone, unreadable). */
  static long[] groupAndSession(Path stat) {
    String s;
    try {
      s = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null;
    }
    // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so parse
    // after the last ')'.
    int close = s.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    String[] f = s.substring(close + 1).trim().split(" ");
    if (f.length < 4) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
