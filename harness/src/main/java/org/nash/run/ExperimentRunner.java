package org.nash.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.data.DataCatalog;
import org.nash.search.SearcherFactory;

/**
 * Runs an experiment in three steps: {@link Planner} validates the whole config before anything is
 * written and builds a compact trial grid with stable keys; {@link ResultsFolder} opens the output
 * folder (its identity, a repaired tail, the trials already done); {@link TrialExecutor} runs the rest
 * in parallel and appends each finished trial to {@code trials.jsonl} in grid order, so the file is
 * the same bytes whatever the thread count and an interrupted run resumes where it stopped.
 */
public final class ExperimentRunner {
  public static final String CONFIG_NAME = ResultsFolder.CONFIG_NAME;

  private ExperimentRunner() {}

  /**
   * A validated experiment, ready to run: its grid, one searcher factory per searcher label and one
   * context per dataset x pool (grid order).
   */
  public record Plan(ExperimentConfig config, Benchmark benchmark, TrialGrid trials,
      Map<String, SearcherFactory> factories, List<TrialRunner.Context> cells) implements AutoCloseable {

    /** Closes the oracles (one per dataset, shared by its pools): e.g. stops training workers. */
    @Override
    public void close() {
      java.util.Set<org.nash.oracle.Oracle> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      RuntimeException failed = null;
      for (TrialRunner.Context c : cells) {
        if (seen.add(c.oracle())) {
          try {
            c.oracle().close();
          } catch (RuntimeException e) {
            failed = failed == null ? e : failed;
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
    }

    /** The context of one dataset x pool (cells are dataset-major, as the grid's). */
    public TrialRunner.Context context(String dataset, String pool) {
      int d = trials.datasets().indexOf(dataset);
      int p = trials.pools().indexOf(pool);
      if (d < 0 || p < 0) {
        throw new IllegalArgumentException("no cell " + dataset + " x " + pool + " in this plan");
      }
      return cells.get(d * trials.pools().size() + p);
    }
  }

  /**
   * What a run did. {@code repaired}: what was wrong with the folder and was dealt with (a cut last
   * line, duplicate records, a stale lock, seeds added), or null.
   */
  public record Outcome(int total, int skipped, int ran, String repaired, Path trials) {}

  /** Checks the config against the benchmark and the searchers on the classpath; builds oracles. */
  public static Plan plan(ExperimentConfig cfg, DataCatalog catalog, ClassLoader loader) {
    return Planner.plan(cfg, catalog, loader);
  }

  /**
   * Runs the plan's unfinished trials into {@code outDir}. A folder holding a different experiment is
   * refused; one holding the same experiment is resumed.
   */
  public static Outcome run(Plan plan, Path outDir, int threads, Consumer<TrialResult> onFinished) {
    if (threads < 1) {
      throw new NashException("--threads must be at least 1, got " + threads);
    }
    try (ResultsFolder folder = ResultsFolder.open(outDir, plan)) {
      int ran = TrialExecutor.run(plan, folder, threads, onFinished);
      return new Outcome(plan.trials().size(), folder.doneCount(), ran, folder.notes(), folder.trialsFile());
    }
  }

  /** How many trials of the plan a results folder already holds (0 if it has none). */
  public static int alreadyDone(Plan plan, Path dir) {
    int[] n = {0};
    java.util.BitSet seen = new java.util.BitSet();
    TrialsFile.scanHeads(dir.resolve(TrialsFile.NAME), (line, r) -> {
      long i = plan.trials().indexOf(r.dataset(), r.pool(), r.searcher(), r.seed());
      if (i >= 0 && i < plan.trials().size() && !seen.get((int) i)) {
        seen.set((int) i);
        n[0]++;
      }
    });
    return n[0];
  }
}
