package org.nash.searchers.external;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.plugin.Params;

/**
 * The {@code external} searcher's own parameters; every other parameter of the config entry is the
 * worker's and is sent to it in the handshake.
 *
 * @param command the worker's command line (program and arguments), started without a shell
 * @param timeoutNanos the longest nash waits for one reply (or for the worker to read a message)
 * @param startupNanos the longest nash waits for the handshake (start-up and imports)
 * @param log where the workers' stderr goes, relative to the results folder; null = external-LABEL.log
 * @param workerParams the rest, in config order
 * @param code the identity of the searcher's code ({@link SearcherCode}): file hashes, interpreter version
 */
record ExternalSpec(List<String> command, long timeoutNanos, long startupNanos, String log, Map<String, Object> workerParams,
    Map<String, String> code) {
  static final List<String> RESERVED = List.of("command", "timeout_s", "startup_timeout_s", "log", "files");

  /** Files nash writes in a results folder itself: a worker's log must never be one of them. */
  static final List<String> NASH_FILES = List.of("trials.jsonl", "config.yaml", "run.json", "summary.csv",
      "summary.json", ".nash.lock", "artifacts.json");
  /** Folders of a results folder that nash owns (shards and their stores, Slurm scripts). */
  static final List<String> NASH_FOLDERS = List.of("shards", "slurm");

  static ExternalSpec parse(Params params) {
    return parse(params, null);
  }

  /**
   * @param configFolder the folder of the config file, or null: a relative path in {@code command}
   *     that names a file there is taken from there, any other stays relative to nash's working directory
   */
  static ExternalSpec parse(Params params, Path configFolder) {
    Object c = params.getRaw("command");
    List<String> command = new ArrayList<>();
    if (c instanceof List<?> l) {
      for (Object o : l) {
        if (o == null || o instanceof Map || o instanceof List) {
          throw new NashException("searcher external: 'command' must be a list of strings, got " + l);
        }
        command.add(o.toString());
      }
    } else if (c != null && !(c instanceof Map)) {
      command.add(c.toString());
    }
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new NashException("searcher external: parameter 'command' is required, e.g. "
          + "command: [python3, clients/python/examples/random_search.py]");
    }
    if (configFolder != null) {
      resolveAgainst(command, configFolder);
    }
    checkProgram(command.get(0));
    double t = seconds(params, "timeout_s", 60);
    double startup = seconds(params, "startup_timeout_s", 60);
    String log = params.getString("log", null);
    if (log != null) {
      checkLog(log);
    }
    List<String> files = strings(params, "files");
    Map<String, Object> rest = new LinkedHashMap<>();
    for (String n : params.names()) {
      if (!RESERVED.contains(n)) {
        rest.put(n, params.getRaw(n));
      }
    }
    Map<String, String> code = SearcherCode.identity(params.owner(), command, files,
        configFolder != null ? configFolder : Path.of(""));
    return new ExternalSpec(List.copyOf(command), (long) (t * 1e9), (long) (startup * 1e9), log, rest, Map.copyOf(code));
  }

  /** A parameter that is a string or a list of strings (absent: empty). */
  private static List<String> strings(Params params, String name) {
    Object v = params.getRaw(name);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new NashException(params.owner() + ": parameter '" + name + "' must be a list of file patterns (strings), got " + l);
        }
        out.add(s);
      }
    } else if (v instanceof String s) {
      out.add(s);
    } else if (v != null) {
      throw new NashException(params.owner() + ": parameter '" + name + "' must be a list of file patterns, got " + v);
    }
    return out;
  }

  /**
   * Relative paths naming a file beside the config become absolute: the program when it has a
   * slash (a bare name is looked up on PATH, as a shell would), and every argument. Options and
   * words that name no file there are left alone.
   */
  static void resolveAgainst(List<String> command, Path configFolder) {
    for (int i = 0; i < command.size(); i++) {
      String part = command.get(i);
      if (part.isEmpty() || part.startsWith("-") || (i == 0 && part.indexOf('/') < 0 && part.indexOf(File.separatorChar) < 0)) {
        continue;
      }
      try {
        Path p = Path.of(part);
        if (!p.isAbsolute() && Files.isRegularFile(configFolder.resolve(p))) {
          command.set(i, configFolder.resolve(p).toAbsolutePath().normalize().toString());
        }
      } catch (java.nio.file.InvalidPathException e) {
        // not a path: an argument like any other
      }
    }
  }

  /**
   * The workers' log goes into the results folder, never onto a file nash writes there itself (its
   * stderr would end up in the results) and never outside it.
   */
  static void checkLog(String log) {
    Path p;
    try {
      p = Path.of(log);
    } catch (java.nio.file.InvalidPathException e) {
      throw new NashException("searcher external: parameter 'log' is not a file name: '" + log + "'");
    }
    Path n = p.normalize();
    if (log.isBlank() || p.isAbsolute() || n.startsWith("..") || n.toString().isEmpty()) {
      throw new NashException("searcher external: parameter 'log' must be a file inside the results folder (a "
          + "relative path that stays there), got '" + log + "'");
    }
    String file = n.getFileName().toString();
    if (NASH_FILES.contains(file.toLowerCase(java.util.Locale.ROOT)) || file.startsWith(".nash")
        || NASH_FOLDERS.contains(n.getName(0).toString())) {
      throw new NashException("searcher external: parameter 'log' must not name a file nash writes in the results "
          + "folder (" + String.join(", ", NASH_FILES) + ", " + String.join("/, ", NASH_FOLDERS) + "/), got '" + log
          + "'");
    }
    if (!file.endsWith(".log")) {
      throw new NashException("searcher external: parameter 'log' must name a .log file (e.g. my-searcher.log), got '"
          + log + "'");
    }
  }

  /**
   * The program must exist now, not only when the first trial starts a worker: a path (with a
   * slash) must be an executable file, a bare name must be one on PATH, as the OS would find it.
   */
  static void checkProgram(String program) {
    if (program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) {
      Path p = Path.of(program);
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new NashException("searcher external: the command's program " + program + " is not an executable file"
            + (p.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")"));
      }
      return;
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return;
      }
    }
    throw new NashException("searcher external: the command's program '" + program + "' is not on PATH; give its full path");
  }

  private static double seconds(Params params, String name, double def) {
    double t = params.getDouble(name, def);
    if (!(t > 0) || t > 1e6) {
      throw new NashException("searcher external: parameter '" + name + "' must be a positive number of seconds, got " + t);
    }
    return t;
  }
}
