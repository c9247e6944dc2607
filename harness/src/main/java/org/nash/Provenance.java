package org.nash;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What produced a result: nash's version and, when nash runs from a git checkout, its commit; the
 * Java runtime; the operating system and architecture. Written beside the data versions into every
 * saved config and report, so a number can be traced to the code that made it.
 */
public record Provenance(String nashVersion, String gitCommit, String java, String os, String cpu, int cores) {
  private static final Provenance CURRENT = detect();

  public static Provenance current() {
    return CURRENT;
  }

  /** One line, e.g. {@code nash 0.1.0 (git 1a2b3c4d5e6f), Java 17.0.9 (Eclipse Adoptium), Linux 6.1 amd64}. */
  public String line() {
    return "nash " + nashVersion + (gitCommit != null ? " (git " + gitCommit + ")" : "") + ", Java " + java + ", " + os;
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nash", nashVersion);
    m.put("git_commit", gitCommit);
    m.put("java", java);
    m.put("os", os);
    m.put("cpu", cpu);
    m.put("cores", Integer.toString(cores));
    return m;
  }

  private static Provenance detect() {
    return new Provenance(builtVersion(), detectGitCommit(), System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ")", System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " " + System.getProperty("os.arch"), cpuModel(),
        Runtime.getRuntime().availableProcessors());
  }

  /** The processor's model name (Linux), else the architecture. */
  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: the architecture says something at least
    }
    return System.getProperty("os.arch");
  }

  /** nash's version, as built (from {@code version.properties}). */
  public static String version() {
    return CURRENT.nashVersion();
  }

  private static String builtVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("/org/nash/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The commit of the checkout nash's classes were built in, read from {@code .git} (no git needed). */
  static String detectGitCommit() {
    try {
      Path here = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = here; dir != null; dir = dir.getParent()) {
        Path git = dir.resolve(".git");
        if (Files.isRegularFile(git)) { // a worktree: "gitdir: <path>"
          String target = Files.readString(git).trim().replaceFirst("^gitdir: ", "");
          git = dir.resolve(target);
        }
        if (Files.isDirectory(git)) {
          return resolveHead(git);
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // provenance is best effort: no commit rather than no result
    }
    return null;
  }

  private static String resolveHead(Path git) throws IOException {
    String head = Files.readString(git.resolve("HEAD")).trim();
    if (!head.startsWith("ref: ")) {
      return abbreviate(head);
    }
    String ref = head.substring(5);
    Path common = git;
    Path commonFile = git.resolve("commondir");
    if (Files.isRegularFile(commonFile)) {
      common = git.resolve(Files.readString(commonFile).trim()).normalize();
    }
    for (Path base : new Path[] {git, common}) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return abbreviate(Files.readString(loose).trim());
      }
      Path packed = base.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        for (String line : Files.readAllLines(packed)) {
          if (line.endsWith(" " + ref)) {
            return abbreviate(line.substring(0, line.indexOf(' ')));
          }
        }
      }
    }
    return null;
  }

  private static String abbreviate(String sha) {
    return sha.length() >= 12 ? sha.substring(0, 12) : sha;
  }
}
