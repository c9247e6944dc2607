package org.nash.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nash.NashException;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.plan.Plan;
import org.nash.plan.Shard;
import org.nash.plan.ShardPlan;
import org.nash.plan.TrialGrid;
import org.nash.plugin.PluginIdentity;
import org.nash.results.FolderLock;
import org.nash.results.RecordCheck;
import org.nash.results.RunInfo;
import org.nash.results.SavedExperiment;
import org.nash.results.SummaryValues;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * A results folder opened for one plan, locked for the length of the run. Its identity is the saved
 * {@code config.yaml} minus {@code seeds} (so adding seeds extends a study); every record of its
 * {@code trials.jsonl} is checked against the plan's grid and settings (foreign ones are refused
 * with their line number, repeated ones counted once); a cut last line is repaired; and which trials
 * are done is a bit per grid index, so resuming a huge study costs no per-trial objects.
 */
public final class ResultsFolder implements AutoCloseable {
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
  private RunInfo info;
  /** Records in the trials file when opened (duplicates and seeds past the config's included). */
  private long records;
  private Set<String> acceptChanged = Set.of();
  /** config.yaml to save with the first trial (a new folder or more seeds), else null. */
  private Experiment pendingConfig;
  private boolean hadConfig;
  private boolean committed;
  /** The summary's values of the records read and written (issue 26: the file is not read again); null for a shard. */
  private SummaryValues summary;

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
  static ResultsFolder open(Path dir, Plan plan, int threads) {
    return open(dir, plan, threads, null, null, Set.of());
  }

  /**
   * Opens the folder of one shard: as {@link #open(Path, Plan, int)}, but the seeds must be the
   * folder's (they decide the shares) and a record of another shard's trial is refused.
   *
   * @param acceptChanged searcher labels whose changed code the user accepts (--accept-changed-searcher)
   */
  static ResultsFolder open(Path dir, Plan plan, int threads, Shard shard, int[] owners, Set<String> acceptChanged) {
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
    f.summary = shard == null ? new SummaryValues() : null;
    try {
      if (lock.staleHolder() != null) {
        f.notes.add("took over the lock of an earlier run (PID " + lock.staleHolder() + ") that did not end normally");
      }
      Optional<SavedExperiment> saved = SavedExperiment.read(dir);
      boolean save = f.checkIdentity(plan, saved);
      int seedLimit = Math.max(f.savedSeeds, plan.experiment().seeds());
      f.readDone(plan, seedLimit);
      if (saved.isEmpty()) {
        f.requireConfigFor(plan);
      }
      f.acceptChanged = Set.copyOf(acceptChanged);
      // Written with the first trial (commit): a refused run, or one that fails before its first
      // trial (a worker's handshake), leaves the folder as it was.
      RunInfo info = saved.flatMap(SavedExperiment::run).orElseGet(() -> RunRecord.of(plan, shard))
          .withSession(RunInfo.Session.start(threads), false);
      f.hadConfig = saved.isPresent();
      if (save) {
        f.pendingConfig = plan.experiment();
        f.info = info;
      } else {
        f.info = info.forConfig(RunInfo.sha256(saved.get().configText()));
      }
      // the code of the searchers as planned (files, jars); their hello is checked once they said it
      f.info = f.info.withSearchers(dir, plan.searcherIdentities(), f.acceptChanged, f.records, false);
      return f;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Compares with the saved experiment; returns whether to save this one (new folder, or more seeds). */
  private boolean checkIdentity(Plan plan, Optional<SavedExperiment> saved) {
    Experiment current = plan.experiment();
    if (saved.isEmpty()) {
      return true;
    }
    Experiment old = saved.get().experiment();
    List<String> diff = ConfigLoader.differences(old, current);
    if (!diff.isEmpty()) {
      throw new NashException("results folder " + dir + " holds a different experiment: its " + SavedExperiment.CONFIG_NAME
          + " differs from this config in " + String.join("; ", diff) + " (only 'seeds' may change, to extend or"
          + " resume a study); choose another --out or delete the folder");
    }
    saved.get().run().ifPresent(r -> r.requireData(dir, plan.benchmark().version(), "results of different data"
        + " cannot be mixed; use another --out"));
    savedSeeds = old.seeds();
    if (shard != null && old.seeds() != current.seeds()) {
      throw new NashException("shard folder " + dir + " holds a study of " + old.seeds() + " seeds, this config has "
          + current.seeds() + "; the seeds decide which trials each shard runs, so all shards of a run need the same"
          + " config (seeds included)");
    }
    if (old.seeds() > current.seeds()) {
      notes.add("the folder holds a study of " + old.seeds() + " seeds; this config asks for the first " + current.seeds());
    } else if (old.seeds() < current.seeds()) {
      notes.add("extending the study from " + old.seeds() + " to " + current.seeds() + " seeds");
      return true;
    }
    return false;
  }

  /**
   * Checks the searchers' code against what made the folder's results (run.json), before any trial
   * of this session runs; a changed one is refused unless accepted (then run.json records it).
   */
  void checkSearchers(Map<String, PluginIdentity> now) {
    info = info.withSearchers(dir, now, acceptChanged, records, true);
  }

  /**
   * Saves config.yaml (a new folder, or a study grown by seeds) and run.json, once, when the first
   * trial of this session is about to be written.
   */
  void commit() {
    if (committed) {
      return;
    }
    if (pendingConfig != null) {
      info = SavedExperiment.write(dir, pendingConfig, info);
    } else {
      info.write(dir);
    }
    committed = true;
  }

  /**
   * Records the end of this run's session in run.json; a session that wrote nothing into a folder
   * with no config.yaml yet leaves no files.
   */
  void finish(int ran) {
    if (!committed && !hadConfig && ran == 0) {
      return;
    }
    commit();
    List<RunInfo.Session> s = info.sessions();
    info = info.withSession(s.get(s.size() - 1).end(ran), true);
    info.write(dir);
  }

  /**
   * A folder with records but no config.yaml: the records do not carry everything that made them
   * (searcher parameters and code, noise_sd, allow_disconnected), so they are adopted only when the
   * folder's run.json proves they were made by this very config.
   */
  private void requireConfigFor(Plan plan) {
    if (records == 0) {
      return;
    }
    Optional<RunInfo> run = RunInfo.read(dir);
    String sha = RunInfo.sha256(ConfigLoader.toYaml(plan.experiment()));
    if (run.isEmpty() || !run.get().configSha256().equals(sha)) {
      throw new NashException(trials + " holds " + records + " record(s) but the folder has no "
          + SavedExperiment.CONFIG_NAME + (run.isEmpty() ? " (nor run.json)" : " and its run.json belongs to another config")
          + ": a record does not carry everything that made it (searcher parameters and code, noise_sd,"
          + " allow_disconnected), so nash cannot tell whether this config made them. Restore the folder's "
          + SavedExperiment.CONFIG_NAME + ", or use another --out");
    }
  }

  private void readDone(Plan plan, int seedLimit) {
    TrialGrid grid = plan.trials();
    RecordCheck check = RecordCheck.of(plan, seedLimit);
    BitSet later = new BitSet();
    long[] repeated = {0};
    String[] example = {null};
    TrialsFile.Tail tail = TrialsFile.scanHeads(trials, (line, r) -> {
      records++;
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
      if (first && summary != null) {
        summary.add(r);
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

  /**
   * The summary's values of every unique record in the file so far (those of seeds past this
   * config's included), for {@link #written} to extend; null for a shard's folder.
   */
  SummaryValues summary() {
    return summary;
  }

  /** Called with each trial appended to the file, in file order. */
  void written(TrialResult r) {
    if (summary != null) {
      summary.add(r);
    }
  }

  /** Whether grid trial {@code i} is already in the file. */
  boolean isDone(int i) {
    return done.get(i);
  }

  /** The trials this folder runs: all of the grid, or its shard's. */
  int memberCount() {
    return members == null ? gridSize : members.cardinality();
  }

  /** The first grid trial from {@code i} on that this folder runs, or -1 (a shard skips the others' at once). */
  int nextRun(int i) {
    return members == null ? (i < gridSize ? i : -1) : members.nextSetBit(i);
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
}
