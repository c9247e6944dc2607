package org.nash.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;

/** Small rules shared by the commands: safe folder names, deprecated spellings, list options. */
public final class Cli {
  private Cli() {}

  /**
   * A name that becomes one folder under {@code results/}: not empty, not {@code .} or {@code ..},
   * no path separator, no control character, so a config cannot write outside the results folder.
   */
  public static String safeName(String name, String what) {
    String why = null;
    if (name == null || name.isBlank()) {
      why = "it is empty";
    } else if (name.equals(".") || name.equals("..")) {
      why = "it names a parent or the current folder";
    } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      why = "it contains a path separator";
    } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || name.indexOf(':') >= 0) {
      why = "it contains a control character or ':'";
    } else if (!name.equals(name.strip())) {
      why = "it starts or ends with a space";
    } else if (Path.of(name).isAbsolute()) {
      why = "it is an absolute path";
    }
    if (why != null) {
      throw new NashException(what + " '" + (name == null ? "" : name) + "' cannot be a results folder name ("
          + why + "); use a plain name such as my-experiment, or give --out DIR");
    }
    return name;
  }

  /**
   * An {@code --out} folder as given (null when not given): an empty value (which would be the working
   * directory) and a path that is an existing file are refused, naming the option.
   */
  public static Path outFolder(Path out) {
    if (out == null) {
      return null;
    }
    if (out.toString().isBlank()) {
      throw new NashException("--out is empty; give a folder (an empty value would write into the working directory)");
    }
    if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
      throw new NashException("--out " + out + " is a file, not a folder; give a folder (it is created if needed)");
    }
    return out;
  }

  /** Notes on stderr that an option spelling is deprecated (it still works). */
  public static void deprecated(String old, String now) {
    System.err.println("nash: note: " + old + " is deprecated; use " + now);
  }

  /**
   * The values of a repeatable, comma-separated option and of its deprecated spelling, in order.
   * An option given with nothing in it ({@code --dataset ,}) is an error, not "use the defaults".
   */
  public static List<String> values(String name, List<String> canonical, String oldName, List<String> old) {
    return values(name, canonical, oldName, old, false, false);
  }

  /**
   * As {@link #values(String, List, String, List)}, told whether each spelling appeared on the command
   * line: picocli splits {@code ,} into no values at all, so emptiness alone cannot tell.
   */
  public static List<String> values(String name, List<String> canonical, String oldName, List<String> old,
      boolean canonicalGiven, boolean oldGiven) {
    List<String> out = new ArrayList<>();
    if (oldGiven || (old != null && !old.isEmpty())) {
      deprecated(oldName, name);
      out.addAll(old);
    }
    if (canonical != null) {
      out.addAll(canonical);
    }
    boolean given = canonicalGiven || oldGiven || (canonical != null && !canonical.isEmpty())
        || (old != null && !old.isEmpty());
    List<String> clean = new ArrayList<>();
    for (String v : out) {
      if (!v.isBlank()) {
        clean.add(v.trim());
      }
    }
    if (given && clean.isEmpty()) {
      throw new NashException(name + " was given without a value; name at least one, e.g. " + name + " a,b");
    }
    return clean;
  }

  /** Whether the command line named this option (for {@code --x ,}, which leaves no values). */
  public static boolean given(picocli.CommandLine.Model.CommandSpec spec, String option) {
    var pr = spec.commandLine().getParseResult();
    return pr != null && pr.hasMatchedOption(option);
  }

  /**
   * Whether stderr is a terminal. The launcher knows ({@code test -t 2}) and passes
   * {@code -Dnash.stderr.tty}; otherwise Java 17 can only tell whether there is a console at all.
   */
  public static boolean stderrIsTerminal() {
    String p = System.getProperty("nash.stderr.tty");
    if (p != null) {
      return Boolean.parseBoolean(p);
    }
    return System.console() != null;
  }
}
