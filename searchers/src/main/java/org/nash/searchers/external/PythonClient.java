package org.nash.searchers.external;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where nash's own Python client ({@code clients/python/nash_searcher.py}) is, so that every worker
 * can {@code import nash_searcher} whatever its working directory. The rule (docs/PROTOCOL.md):
 * {@code <nash.home>/clients/python} when the {@code nash.home} system property names a checkout
 * holding it (the launcher and the CLI set it); else the first {@code clients/python} holding it in
 * a folder above this class's jar or classes folder (a checkout's {@code searchers/target/classes} or
 * {@code cli/target/lib/searchers-*.jar}); else none, and PYTHONPATH is left as it is.
 */
final class PythonClient {
  private PythonClient() {}

  static final String MODULE = "nash_searcher.py";

  static Optional<Path> folder() {
    String home = System.getProperty("nash.home");
    if (home != null && !home.isBlank()) {
      Path p = Path.of(home).resolve("clients/python").toAbsolutePath().normalize();
      if (Files.isRegularFile(p.resolve(MODULE))) {
        return Optional.of(p);
      }
    }
    try {
      CodeSource src = PythonClient.class.getProtectionDomain().getCodeSource();
      if (src == null) {
        return Optional.empty();
      }
      Path at = Path.of(src.getLocation().toURI()).toAbsolutePath().normalize();
      for (int up = 0; up < 5 && at != null; up++, at = at.getParent()) {
        Path p = at.resolve("clients/python");
        if (Files.isRegularFile(p.resolve(MODULE))) {
          return Optional.of(p);
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no usable location: no client folder
    }
    return Optional.empty();
  }

  /**
   * The worker's PYTHONPATH: the user's own entries first (a copy of the client they pinned wins),
   * then nash's client folder; null when there is no client folder to add.
   */
  static String pythonPath(String current) {
    Optional<Path> dir = folder();
    if (dir.isEmpty()) {
      return null;
    }
    return current == null || current.isEmpty() ? dir.get().toString() : current + File.pathSeparator + dir.get();
  }
}
