package org.nash.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code nash run CONFIG [--out DIR] [--threads N] [--quiet] [--shard S] [--strict]
 * [--accept-changed-searcher L]...} read without picocli. Building picocli's model of the root command
 * and of {@code run} by reflection (annotation proxies, interpreted once) was a tenth of a shard's
 * start-up CPU (issue 26), paid by each of thousands of shards. Only the plain form is read here, with
 * the values picocli would give {@link RunCommand}; anything else (help, a global option, {@code --opt=value},
 * an {@code @file}, a repeated option, a value picocli might read otherwise, a mistake) returns null and
 * goes through picocli, so its usage and error messages are unchanged. {@code RunArgsTest} compares
 * the two.
 */
final class RunArgs {
  private RunArgs() {}

  /** The run command {@code args} describe, its fields set as picocli would set them; or null (use picocli). */
  static RunCommand parse(String[] args, Nash nash) {
    if (args.length < 2 || !args[0].equals("run")) {
      return null;
    }
    RunCommand c = new RunCommand();
    c.nash = nash;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.startsWith("@")) {
        return null; // picocli expands @files
      }
      if (!a.startsWith("-")) {
        if (c.config != null) {
          return null;
        }
        c.config = path(a);
        if (c.config == null) {
          return null;
        }
        continue;
      }
      if (a.equals("--quiet") || a.equals("--strict")) {
        if (!seen.add(a)) {
          return null;
        }
        if (a.equals("--quiet")) {
          c.quiet = true;
        } else {
          c.strict = true;
        }
        continue;
      }
      boolean list = a.equals("--accept-changed-searcher");
      if (!(list || a.equals("--out") || a.equals("--threads") || a.equals("--shard")) || i + 1 == args.length
          || (!list && !seen.add(a))) {
        return null;
      }
      String v = args[++i];
      if (v.isEmpty() || v.startsWith("-") || v.startsWith("@")) {
        return null;
      }
      switch (a) {
        case "--out" -> {
          c.out = path(v);
          if (c.out == null) {
            return null;
          }
        }
        case "--shard" -> c.shard = v;
        case "--accept-changed-searcher" -> c.acceptChanged.add(v);
        default -> {
          Integer n = plainInt(v);
          if (n == null) {
            return null;
          }
          c.threads = n;
        }
      }
    }
    return c.config == null ? null : c;
  }

  private static Path path(String s) {
    try {
      return Path.of(s);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // picocli says what is wrong with it
    }
  }

  /** A decimal int without sign or leading zeros (read alike by every integer parser), else null. */
  private static Integer plainInt(String v) {
    if (v.length() > 9 || (v.length() > 1 && v.charAt(0) == '0')) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.valueOf(v);
  }
}
