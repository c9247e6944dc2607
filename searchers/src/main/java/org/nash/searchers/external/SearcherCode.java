package org.nash.searchers.external;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nash.NashException;

/**
 * The code of an external searcher, as its results' identity records it (run.json): the sha256 of
 * every file its command names that exists, and of every file matched by its {@code files:} globs (the
 * rest of the method's code: modules it imports, its package), and the interpreter's {@code --version}
 * when the command is an interpreter with a script. Paths are recorded relative to the config's
 * folder where they lie under it, so a study folder stays comparable when the project moves.
 */
final class SearcherCode {
  /** More files than this in {@code files:} is a glob that caught a tree it should not have. */
  static final int MAX_FILES = 5000;
  private static final long VERSION_TIMEOUT_MS = 10_000;

  private SearcherCode() {}

  /**
   * @param command the resolved command line
   * @param globs the {@code files:} patterns, relative to {@code base}
   * @param base the config's folder (else the working directory)
   */
  static Map<String, String> identity(String label, List<String> command, List<String> globs, Path base) {
    Map<String, String> id = new TreeMap<>();
    for (int i = 0; i < command.size(); i++) {
      String part = command.get(i);
      Path p = asFile(part, base);
      // a bare program name (python3) is the interpreter, identified by its version below
      if (p != null && !(i == 0 && part.indexOf('/') < 0)) {
        id.put("file:" + shown(p, base), sha256(p));
      }
    }
    for (String glob : globs) {
      List<Path> matched = glob(label, glob, base);
      if (matched.isEmpty()) {
        throw new NashException("searcher '" + label + "': parameter 'files' pattern '" + glob + "' matches no file under "
            + base + " (a pattern that matches nothing protects nothing)");
      }
      for (Path p : matched) {
        id.put("file:" + shown(p, base), sha256(p));
      }
    }
    if (command.size() >= 2) {
      id.put("interpreter", version(command.get(0)));
    }
    return id;
  }

  private static Path asFile(String part, Path base) {
    if (part.isEmpty() || part.startsWith("-")) {
      return null;
    }
    try {
      Path p = Path.of(part);
      Path f = p.isAbsolute() ? p : base.resolve(p);
      return Files.isRegularFile(f) ? f.toAbsolutePath().normalize() : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  private static String shown(Path p, Path base) {
    Path b = base.toAbsolutePath().normalize();
    return p.startsWith(b) ? b.relativize(p).toString() : p.toString();
  }

  /** The regular files under {@code base} matching {@code glob} (e.g. {@code src/**.py}), sorted. */
  static List<Path> glob(String label, String glob, Path base) {
    if (glob.isBlank() || Path.of(glob).isAbsolute() || glob.startsWith("..")) {
      throw new NashException("searcher '" + label + "': parameter 'files' takes patterns relative to the config's"
          + " folder (e.g. 'my_method/**.py'), got '" + glob + "'");
    }
    Path root = base.toAbsolutePath().normalize();
    // walk only below the pattern's fixed prefix (src/** walks src/, not the whole project)
    Path start = root;
    for (String seg : glob.split("/")) {
      if (seg.matches(".*[*?\\[{].*") || !Files.isDirectory(start.resolve(seg))) {
        break;
      }
      start = start.resolve(seg);
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(start)) {
      s.filter(Files::isRegularFile).filter(p -> m.matches(root.relativize(p))).sorted().forEach(p -> {
        if (out.size() >= MAX_FILES) {
          throw new NashException("searcher '" + label + "': parameter 'files' pattern '" + glob + "' matches more than "
              + MAX_FILES + " files; name the method's own code more narrowly");
        }
        out.add(p);
      });
    } catch (IOException e) {
      throw new NashException("searcher '" + label + "': cannot list the files of pattern '" + glob + "': " + e.getMessage(), e);
    }
    return out;
  }

  static String sha256(Path file) {
    return org.nash.data.DataCatalog.sha256(file);
  }

  /**
   * The first line {@code program --version} prints (Python 2 prints it on stderr), or what went
   * wrong; never an error, since some interpreters have no such option.
   */
  static String version(String program) {
    return version(program, VERSION_TIMEOUT_MS);
  }

  static String version(String program, long timeoutMs) {
    Path out = null;
    Process p = null;
    try {
      // output to a file, not a pipe: a program that hangs without printing cannot block the read
      out = Files.createTempFile("nash-version", ".txt");
      p = new ProcessBuilder(program, "--version").redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        return "unknown (no answer to --version within " + timeoutMs / 1000.0 + " s)";
      }
      byte[] text;
      try (InputStream in = Files.newInputStream(out)) {
        text = in.readNBytes(4096);
      }
      String first = new String(text, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty())
          .findFirst().orElse("");
      return p.exitValue() == 0 && !first.isEmpty() ? first : "unknown (--version exited " + p.exitValue() + ")";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a stray temporary file is harmless
        }
      }
    }
  }
}
