package org.nash.cli.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nash.NashException;

/**
 * The {@code --sbatch-option KEY=VALUE} lines of {@code nash slurm submit}: any sbatch option nash has
 * no option of its own for ({@code qos}, {@code constraint}, {@code export}, ...), written as
 * {@code #SBATCH --KEY=VALUE} lines. Only keys whose value form is known here are taken, and each
 * value must have that form: a value reaches a batch script, so a newline or a stray character could
 * add a line of the user's shell or another directive.
 */
public final class SbatchOptions {
  private SbatchOptions() {}

  /** Which jobs a key goes to: the shard array only (task resources), or the merge job as well (policy). */
  enum Scope { SHARDS, BOTH }

  /** A known key: the form of its value (null: a flag that takes none) and which jobs it goes to. */
  private record Form(Pattern value, String example, Scope scope) {}

  private static final String NAME = "[A-Za-z0-9_.:+/@-]+";
  private static final String NAMES = "[A-Za-z0-9_.:,+/@-]+";
  private static final String COUNT = "\\d+";
  private static final String SIZE = "\\d+[KMGTkmgt]?";
  private static final String TIME = "[0-9:-]+";
  /** Feature expressions (constraint, prefer) and node lists (exclude, nodelist). */
  private static final String FEATURES = "[A-Za-z0-9_.:,&|!*\\[\\]()-]+";
  private static final String NODES = "[A-Za-z0-9_.,\\[\\]-]+";
  private static final Map<String, Form> KNOWN = new LinkedHashMap<>();

  static {
    both("qos", NAMES, "high");
    both("reservation", NAMES, "nas-week");
    both("constraint", FEATURES, "'a100|v100'");
    both("prefer", FEATURES, "ib");
    both("export", "[A-Za-z0-9_.:,=+/@%-]+", "ALL,PYTHONPATH=/opt/lab/py");
    both("exclude", NODES, "node[01-03]");
    both("nodelist", NODES, "node07");
    both("clusters", NAMES, "gpu-cluster");
    both("licenses", "[A-Za-z0-9_.:,@-]+", "scratch:1");
    both("wckey", NAME, "nas");
    both("comment", NAME, "study-42");
    both("mail-type", "[A-Z0-9_,]+", "END,FAIL");
    both("mail-user", "[A-Za-z0-9_.+@-]+", "me@lab.org");
    both("begin", "[A-Za-z0-9:+-]+", "now+1hour");
    both("deadline", "[A-Za-z0-9:+-]+", "2026-12-24T18:00:00");
    both("nice", "-?\\d+", "100");
    both("priority", "\\d+|TOP", "10");
    both("signal", "([RB]:)?[A-Z0-9]+(@\\d+)?", "B:USR1@120");
    both("chdir", "[A-Za-z0-9_./@+-]+", "/scratch/me");
    both("requeue", null, null);
    both("no-requeue", null, null);
    both("time-min", TIME, "01:00:00");
    shards("gpus", "([A-Za-z0-9_]+:)?\\d+", "a100:1");
    shards("gpus-per-node", "([A-Za-z0-9_]+:)?\\d+", "1");
    shards("gpus-per-task", "([A-Za-z0-9_]+:)?\\d+", "1");
    shards("cpus-per-gpu", COUNT, "8");
    shards("mem-per-cpu", SIZE, "4G");
    shards("mem-per-gpu", SIZE, "32G");
    shards("tmp", SIZE, "20G");
    shards("nodes", "\\d+(-\\d+)?", "1");
    shards("ntasks", COUNT, "1");
    shards("ntasks-per-node", COUNT, "1");
    shards("mincpus", COUNT, "4");
    shards("hint", "[a-z_]+", "nomultithread");
    shards("exclusive", "user|mcs|topo", "user");
    shards("oversubscribe", null, null);
    shards("overcommit", null, null);
    shards("contiguous", null, null);
  }

  private static void both(String key, String value, String example) {
    KNOWN.put(key, new Form(value == null ? null : Pattern.compile(value), example, Scope.BOTH));
  }

  private static void shards(String key, String value, String example) {
    KNOWN.put(key, new Form(value == null ? null : Pattern.compile(value), example, Scope.SHARDS));
  }

  /** Keys nash writes itself: one spelling each (its own option), or nothing for the user to set. */
  private static final Map<String, String> OWN = Map.ofEntries(
      Map.entry("partition", "give --partition"), Map.entry("gres", "give --gres"),
      Map.entry("cpus-per-task", "give --cpus-per-task"), Map.entry("mem", "give --mem"),
      Map.entry("time", "give --time"), Map.entry("account", "give --account"),
      Map.entry("array", "nash sets --array to the shards that are not complete"),
      Map.entry("output", "nash sets --output to DIR/slurm/logs, where nash slurm status reads the task logs"),
      Map.entry("error", "nash sends the tasks' stderr to their --output log, where nash slurm status reads it"),
      Map.entry("job-name", "nash names the jobs after the config"),
      Map.entry("dependency", "nash makes the merge job depend on the array"),
      Map.entry("parsable", "nash reads the job id"), Map.entry("wrap", "the scripts are nash's"),
      Map.entry("hold", "a held array never runs; hold it with scontrol hold after submitting"),
      Map.entry("kill-on-invalid-dep", "nash sets it on the merge job"));

  /** One {@code #SBATCH --key[=value]} line's option, and which jobs it goes to. */
  public record Option(String key, String value, Scope scope) {
    /** The option as sbatch spells it: {@code --qos=high}, {@code --requeue}. */
    public String text() {
      return "--" + key + (value == null ? "" : "=" + value);
    }
  }

  /** Parses and checks each {@code KEY=VALUE} (or bare {@code KEY} of a flag); errors name the option. */
  public static List<Option> parse(List<String> given) {
    List<Option> out = new ArrayList<>();
    if (given == null) {
      return out;
    }
    for (String g : given) {
      if (g.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new NashException("--sbatch-option '" + g.replaceAll("\\p{Cntrl}", "?") + "' has a newline or another "
            + "control character; give one KEY=VALUE per --sbatch-option");
      }
      String s = g.startsWith("--") ? g.substring(2) : g;
      int eq = s.indexOf('=');
      String key = (eq < 0 ? s : s.substring(0, eq)).trim();
      String value = eq < 0 ? null : s.substring(eq + 1);
      if (OWN.containsKey(key)) {
        throw new NashException("--sbatch-option " + g + ": " + OWN.get(key));
      }
      Form f = KNOWN.get(key);
      if (f == null) {
        throw new NashException("--sbatch-option " + g + ": '" + key + "' is not an sbatch option nash knows the form"
            + " of; known: " + String.join(", ", KNOWN.keySet()) + " (or edit DIR/slurm/shards.sbatch after --dry-run:"
            + " nash keeps your edits)");
      }
      if (f.value() == null && value != null) {
        throw new NashException("--sbatch-option " + g + ": --" + key + " takes no value; give --sbatch-option " + key);
      }
      if (f.value() != null && (value == null || !f.value().matcher(value).matches())) {
        throw new NashException("--sbatch-option " + g + ": " + (value == null ? "--" + key + " needs a value"
            : "'" + value + "' is not of the form of --" + key) + ", e.g. --sbatch-option " + key + "=" + f.example());
      }
      if (out.stream().anyMatch(o -> o.key().equals(key))) {
        throw new NashException("--sbatch-option " + key + " is given twice");
      }
      out.add(new Option(key, value, f.scope()));
    }
    return out;
  }

  /** The options of {@code --sbatch-option} as given ({@code key=value}), for the submission record. */
  public static List<String> texts(List<Option> options) {
    return options.stream().map(o -> o.key() + (o.value() == null ? "" : "=" + o.value())).toList();
  }
}
