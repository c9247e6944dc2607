package org.nash.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import org.nash.NashException;
import org.nash.Provenance;
import org.nash.io.AtomicFiles;

/**
 * A results folder opened for one plan, locked for the length of the run. Its identity is the saved
 * {@code config.yaml} minus {@code seeds} (so adding seeds extends a study); every record of its
 * {@code trials.jsonl} is checked against the plan's grid and settings (foreign ones are refused
 * with their line number, repeated ones counted once); a cut last line is repaired; and which trials
 * are done is a bit per grid index, so resuming a huge study costs no per-trial objects.
 */
public final class ResultsFolder implements AutoCloseable {
  public static final String CONFIG_NAME = "config.yaml";

  private final Path dir;
  private final Path trials;
  private final FolderLock lock;
  private final BitSet done = new BitSet();
  private final List<String> notes = new ArrayList<>();
  private int doneCount;
  private int savedSeeds;
  /** For a shard's folder: the shard and the owner of every grid trial; else null. */
  private Shard shard;
  private int[] owners;
  private BitSet members;
  private int gridSize;

  private ResultsFolder(Path dir, FolderLock lock) {
    this.dir = dir;
    this.trials = dir.resolve(TrialsFile.NAME);
    this.lock = lock;
  }

  /**
   * Opens (creating it if needed) and locks the folder for {@code plan}. A folder locked by another
   * run, holding a different experiment, or holding records that are not this experiment's is
   * refused before anything is written.
   */
  static ResultsFolder open(Path dir, ExperimentRunner.Plan plan) {
    return open(dir, plan, null, null);
  }

  /**
   * Opens the folder of one shard: as {@link #open(Path, ExperimentRunner.Plan)}, but the seeds must be
   * the folder's (they decide the shares) and a record of another shard's trial is refused.
   */
  static ResultsFolder open(Path dir, ExperimentRunner.Plan plan, Shard shard, int[] owners) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new NashException("cannot create results folder " + dir + ": " + e.getMessage(), e);
    }
    FolderLock lock = FolderLock.acquire(dir);
    ResultsFolder f = new ResultsFolder(dir, lock);
    f.gridSize = plan.trials().size();
    f.shard = shard;
    f.owners = owners;
    f.members = shard == null ? null : ShardPlan.members(owners, shard.index());
    try {
      if (lock.staleHolder() != null) {
        f.notes.add("took over the lock of an earlier run (PID " + lock.staleHolder() + ") that did not end normally");
      }
      ExperimentConfig toSave = f.checkIdentity(plan);
      int seedLimit = Math.max(f.savedSeeds, plan.config().seeds);
      f.readDone(plan, seedLimit);
      // Saved only once the records are known to be this experiment's: a refused run leaves no trace.
      if (toSave != null) {
        AtomicFiles.writeAtomically(dir.resolve(CONFIG_NAME), provenance(plan) + ConfigLoader.toYaml(toSave));
      }
      return f;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Compares with the saved config; returns the config to save (new folder, or more seeds), or null. */
  private ExperimentConfig checkIdentity(ExperimentRunner.Plan plan) {
    ExperimentConfig current = ConfigLoader.parse(ConfigLoader.toYaml(plan.config()), "config");
    current.threads = null;
    Path configPath = dir.resolve(CONFIG_NAME);
    if (!Files.exists(configPath)) {
      return current;
    }
    ExperimentConfig saved = ConfigLoader.load(configPath);
    List<String> diff = differences(saved, current);
    if (!diff.isEmpty()) {
      throw new NashException("results folder " + dir + " holds a different experiment: its " + CONFIG_NAME
          + " differs from this config in " + String.join("; ", diff) + " (only 'seeds' may change, to extend or"
          + " resume a study); choose another --out or delete the folder");
    }
    savedSeeds = saved.seeds;
    if (shard != null && saved.seeds != current.seeds) {
      throw new NashException("shard folder " + dir + " holds a study of " + saved.seeds + " seeds, this config has "
          + current.seeds + "; the seeds decide which trials each shard runs, so all shards of a run need the same"
          + " config (seeds included)");
    }
    if (saved.seeds > current.seeds) {
      notes.add("the folder holds a study of " + saved.seeds + " seeds; this config asks for the first " + current.seeds);
    } else if (saved.seeds < current.seeds) {
      notes.add("extending the study from " + saved.seeds + " to " + current.seeds + " seeds");
      return current;
    }
    return null;
  }

  /** The fields in which two configs differ, seeds aside, e.g. {@code budget.queries (folder: 300, this config: 301)}. */
  static List<String> differences(ExperimentConfig saved, ExperimentConfig current) {
    JsonNode a = ConfigLoader.yaml().valueToTree(saved);
    JsonNode b = ConfigLoader.yaml().valueToTree(current);
    for (JsonNode n : List.of(a, b)) {
      ((ObjectNode) n).remove(List.of("seeds", "threads"));
    }
    List<String> out = new ArrayList<>();
    diff("", a, b, out);
    return out;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
      }
    } else if (a == null || b == null || !a.equals(b)) {
      out.add(path + " (folder: " + show(a) + ", this config: " + show(b) + ")");
    }
  }

  private static String show(JsonNode n) {
    return n == null || n.isNull() ? "none" : n.isTextual() ? n.asText() : n.toString();
  }

  private void readDone(ExperimentRunner.Plan plan, int seedLimit) {
    TrialGrid grid = plan.trials();
    RecordCheck check = RecordCheck.of(plan, seedLimit);
    BitSet later = new BitSet();
    long[] repeated = {0};
    String[] example = {null};
    TrialsFile.Tail tail = TrialsFile.scanHeads(trials, (line, r) -> {
      long i = check.index(trials + ":" + line, r);
      if (shard != null && owners[(int) i] != shard.index()) {
        throw new NashException(trials + ":" + line + ": trial " + r.key() + " belongs to shard " + owners[(int) i] + "/"
            + shard.count() + ", not to this folder's shard " + shard + ": the folder holds trials of another sharding"
            + " (a different config or number of shards); use another --out");
      }
      boolean first;
      if (i < grid.size()) {
        first = !done.get((int) i);
        done.set((int) i);
        doneCount += first ? 1 : 0;
      } else {
        // a seed past this config's (the folder's study is larger): remembered only to spot repeats
        int extra = Math.toIntExact(i - grid.size());
        first = !later.get(extra);
        later.set(extra);
      }
      if (!first && repeated[0]++ == 0) {
        example[0] = "first at line " + line + ", trial " + r.key();
      }
    });
    if (repeated[0] > 0) {
      notes.add(trials + ": " + repeated[0] + " duplicate record(s) are ignored (" + example[0]
          + "); the first record of each trial counts");
    }
    if (tail.problem() != null) {
      TrialsFile.truncate(trials, tail.validBytes());
      notes.add(tail.problem());
    }
  }

  public Path dir() {
    return dir;
  }

  public Path trialsFile() {
    return trials;
  }

  /** Whether grid trial {@code i} is already in the file. */
  boolean isDone(int i) {
    return done.get(i);
  }

  /** The trials this folder runs: all of the grid, or its shard's. */
  int memberCount() {
    return members == null ? gridSize : members.cardinality();
  }

  /** Whether this folder runs grid trial {@code i} (all, or those of its shard). */
  boolean runs(int i) {
    return members == null || members.get(i);
  }

  /** How many trials of the plan's grid are already in the file. */
  public int doneCount() {
    return doneCount;
  }

  /** What was found and dealt with when opening (a repaired tail, duplicates, a stale lock...), or null. */
  public String notes() {
    return notes.isEmpty() ? null : String.join("; ", notes);
  }

  Writer appender() throws IOException {
    return TrialsFile.append(trials);
  }

  @Override
  public void close() {
    lock.close();
  }

  /** A comment heading the saved config: what wrote it, on which data (comments are not compared). */
  static String provenance(ExperimentRunner.Plan plan) {
    return "# written by " + Provenance.current().line() + "\n# benchmark " + plan.benchmark().name()
        + ", data version " + plan.benchmark().version() + "\n";
  }
}
