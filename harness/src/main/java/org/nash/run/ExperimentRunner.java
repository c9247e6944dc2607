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
      Map<String, SearcherFactory> factories, List<TrialRunner.Context> cells, DataCatalog catalog,
      ClassLoader loader) implements AutoCloseable {

    /** A plan without its data catalog and plugin class loader (those of nash itself are used where needed). */
    public Plan(ExperimentConfig config, Benchmark benchmark, TrialGrid trials, Map<String, SearcherFactory> factories,
        List<TrialRunner.Context> cells) {
      this(config, benchmark, trials, factories, cells, null, null);
    }

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
   * The plan of one shard of a sharded run: as {@link #plan(ExperimentConfig, DataCatalog, ClassLoader)},
   * with oracles told the shard's folder for state they would otherwise share between runs.
   */
  public static Plan plan(ExperimentConfig cfg, DataCatalog catalog, ClassLoader loader, Shard shard, Path runDir) {
    return Planner.plan(cfg, catalog, loader, shard.folder(runDir));
  }

  /**
   * Runs the plan's unfinished trials into {@code outDir}. A folder holding a different experiment is
   * refused; one holding the same experiment is resumed. A folder of a sharded run (it has
   * {@code shards/K-of-N} folders) is resumed shard by shard, on this machine, and then merged.
   */
  public static Outcome run(Plan plan, Path outDir, int threads, Consumer<TrialResult> onFinished) {
    if (threads < 1) {
      throw new NashException("--threads must be at least 1, got " + threads);
    }
    List<Shard> shards = ShardMerge.shardsIn(outDir);
    if (!shards.isEmpty()) {
      int n = shards.get(0).count();
      int skipped = 0;
      int ran = 0;
      List<String> notes = new java.util.ArrayList<>();
      for (int k = 0; k < n; k++) {
        Outcome o = runShard(plan, outDir, new Shard(k, n), threads, onFinished);
        skipped += o.skipped();
        ran += o.ran();
        if (o.repaired() != null) {
          notes.add("shard " + k + "/" + n + ": " + o.repaired());
        }
      }
      ShardMerge.Outcome m = ShardMerge.merge(outDir,
          plan.catalog() != null ? plan.catalog() : DataCatalog.fromEnvironment(),
          plan.loader() != null ? plan.loader() : ExperimentRunner.class.getClassLoader());
      notes.add("merged " + n + " shards into " + m.trials() + (m.stores() != null ? "; " + m.stores() : ""));
      return new Outcome(plan.trials().size(), skipped, ran, String.join("; ", notes), m.trials());
    }
    try (ResultsFolder folder = ResultsFolder.open(outDir, plan)) {
      int ran = TrialExecutor.run(plan, folder, threads, onFinished);
      return new Outcome(plan.trials().size(), folder.doneCount(), ran, folder.notes(), folder.trialsFile());
    }
  }

  /**
   * Runs the unfinished trials of one shard into its own folder {@code runDir/shards/K-of-N} (created
   * and locked like a results folder); rerunning resumes it. The outcome counts the shard's trials.
   */
  public static Outcome runShard(Plan plan, Path runDir, Shard shard, int threads, Consumer<TrialResult> onFinished) {
    if (threads < 1) {
      throw new NashException("--threads must be at least 1, got " + threads);
    }
    ExperimentConfig current = ConfigLoader.parse(ConfigLoader.toYaml(plan.config()), "config");
    current.threads = null;
    ShardMerge.checkSiblings(runDir, shard, current);
    int[] owners = ShardPlan.owners(plan.config(), plan.benchmark(), plan.trials(), shard.count());
    try (ResultsFolder folder = ResultsFolder.open(shard.folder(runDir), plan, shard, owners)) {
      int ran = TrialExecutor.run(plan, folder, threads, onFinished);
      return new Outcome(folder.memberCount(), folder.doneCount(), ran, folder.notes(), folder.trialsFile());
    }
  }

  /** How many of the plan's trials a shard runs. */
  public static int shardSize(Plan plan, Shard shard) {
    int[] owners = ShardPlan.owners(plan.config(), plan.benchmark(), plan.trials(), shard.count());
    return ShardPlan.members(owners, shard.index()).cardinality();
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
