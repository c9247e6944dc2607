package org.nash.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.nash.NashException;

/**
 * A results folder opened for one plan: its identity (the saved {@code config.yaml} must be this
 * experiment's), its {@code trials.jsonl} with a cut last line repaired, and which trials of the grid
 * are already done (a bit per grid index, so resuming a huge study costs no per-trial objects).
 */
public final class ResultsFolder {
  public static final String CONFIG_NAME = "config.yaml";

  private final Path dir;
  private final Path trials;
  private final BitSet done = new BitSet();
  private int doneCount;
  private String repaired;

  private ResultsFolder(Path dir) {
    this.dir = dir;
    this.trials = dir.resolve(TrialsFile.NAME);
  }

  /**
   * Opens (creating it if needed) the folder for {@code plan}. A folder holding a different experiment
   * is refused; trials of another benchmark data version are refused.
   */
  static ResultsFolder open(Path dir, ExperimentRunner.Plan plan) {
    ResultsFolder f = new ResultsFolder(dir);
    f.checkIdentity(plan);
    f.readDone(plan);
    return f;
  }

  private void checkIdentity(ExperimentRunner.Plan plan) {
    ExperimentConfig saved = ConfigLoader.parse(ConfigLoader.toYaml(plan.config()), "config");
    saved.threads = null;
    String yaml = ConfigLoader.toYaml(saved);
    Path configPath = dir.resolve(CONFIG_NAME);
    try {
      Files.createDirectories(dir);
      if (Files.exists(configPath)) {
        if (!Files.readString(configPath).equals(yaml)) {
          throw new NashException("results folder " + dir + " holds a different experiment (its "
              + CONFIG_NAME + " differs from this config); choose another --out or delete the folder");
        }
      } else {
        Results.writeAtomically(configPath, yaml);
      }
    } catch (IOException e) {
      throw new NashException("cannot write to " + dir + ": " + e.getMessage(), e);
    }
  }

  private void readDone(ExperimentRunner.Plan plan) {
    String version = plan.benchmark().version();
    TrialGrid grid = plan.trials();
    TrialsFile.Tail tail = TrialsFile.scan(trials, (line, r) -> {
      if (!r.version().equals(version)) {
        throw new NashException(trials + ": trial " + r.key() + " was run on benchmark data version "
            + r.version() + ", this nash has " + version + "; use another --out");
      }
      long i = grid.indexOf(r.dataset(), r.pool(), r.searcher(), r.seed());
      if (i >= 0 && i < grid.size() && !done.get((int) i)) {
        done.set((int) i);
        doneCount++;
      }
    });
    if (tail.problem() != null) {
      TrialsFile.truncate(trials, tail.validBytes());
      repaired = tail.problem();
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

  /** How many trials of the plan's grid are already in the file. */
  public int doneCount() {
    return doneCount;
  }

  /** What was wrong with the file's last line and has been cut, or null. */
  public String repaired() {
    return repaired;
  }

  Writer appender() throws IOException {
    return TrialsFile.append(trials);
  }
}
