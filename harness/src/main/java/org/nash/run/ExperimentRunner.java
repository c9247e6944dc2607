package org.nash.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.nash.NashException;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.Shard;
import org.nash.plan.ShardPlan;
import org.nash.results.ShardMerge;
import org.nash.results.SummaryValues;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * Runs a {@link Plan}, made by {@link Planner} (which checks the whole experiment before anything is
 * written and builds a compact trial grid with stable keys): {@link ResultsFolder} opens the output
 * folder (its identity, a repaired tail, the trials already done); {@link TrialExecutor} runs the rest
 * in parallel and appends each finished trial to {@code trials.jsonl} in grid order, so the file is
 * the same bytes whatever the thread count and an interrupted run resumes where it stopped.
 */
public final class ExperimentRunner {
  private ExperimentRunner() {}

  /**
   * What a run did. {@code repaired}: what was wrong with the folder and was dealt with (a cut last
   * line, duplicate records, a stale lock, seeds added), or null. {@code summary}: the summary's values
   * of every unique record in {@code trials}, collected while the folder was read and the trials
   * written; null when not collected (a shard, a merge), then read them from the file.
   */
  public record Outcome(int total, int skipped, int ran, String repaired, Path trials, SummaryValues summary) {}

  /**
   * Runs the plan's unfinished trials into {@code outDir}. A folder holding a different experiment is
   * refused; one holding the same experiment is resumed. A folder of a sharded run (it has
   * {@code shards/K-of-N} folders) is resumed shard by shard, on this machine, and then merged.
   */
  public static Outcome run(Plan plan, Path outDir, int threads, Consumer<TrialResult> onFinished) {
    return run(plan, outDir, threads, Set.of(), onFinished);
  }

  /**
   * As {@link #run(Plan, Path, int, Consumer)}; {@code acceptChanged} names searchers whose code may
   * differ from the code that made the folder's results (the change is recorded in run.json).
   */
  public static Outcome run(Plan plan, Path outDir, int threads, Set<String> acceptChanged,
      Consumer<TrialResult> onFinished) {
    requireLabels(plan, acceptChanged);
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
        Outcome o = runShard(plan, outDir, new Shard(k, n), threads, acceptChanged, onFinished);
        skipped += o.skipped();
        ran += o.ran();
        if (o.repaired() != null) {
          notes.add("shard " + k + "/" + n + ": " + o.repaired());
        }
      }
      ShardMerge.Outcome m = ShardMerge.merge(outDir, plan.catalog(), plan.loader());
      notes.add("merged " + n + " shards into " + m.trials() + (m.stores() != null ? "; " + m.stores() : ""));
      return new Outcome(plan.trials().size(), skipped, ran, String.join("; ", notes), m.trials(), null);
    }
    try (ResultsFolder folder = ResultsFolder.open(outDir, plan, threads, null, null, acceptChanged)) {
      OracleRecord.write(plan, outDir); // issue 24
      int ran = TrialExecutor.run(plan, folder, threads, r -> {
        folder.written(r);
        if (onFinished != null) {
          onFinished.accept(r);
        }
      });
      folder.finish(ran);
      return new Outcome(plan.trials().size(), folder.doneCount(), ran, folder.notes(), folder.trialsFile(),
          folder.summary());
    }
  }

  /**
   * Runs the unfinished trials of one shard into its own folder {@code runDir/shards/K-of-N} (created
   * and locked like a results folder); rerunning resumes it. The outcome counts the shard's trials.
   */
  public static Outcome runShard(Plan plan, Path runDir, Shard shard, int threads, Consumer<TrialResult> onFinished) {
    return runShard(plan, runDir, shard, threads, Set.of(), onFinished);
  }

  /** As {@link #runShard(Plan, Path, Shard, int, Consumer)}, accepting changed code of some searchers. */
  public static Outcome runShard(Plan plan, Path runDir, Shard shard, int threads, Set<String> acceptChanged,
      Consumer<TrialResult> onFinished) {
    requireLabels(plan, acceptChanged);
    if (threads < 1) {
      throw new NashException("--threads must be at least 1, got " + threads);
    }
    ShardMerge.checkSiblings(runDir, shard, plan.experiment());
    int[] owners = ShardPlan.owners(plan.experiment(), plan.benchmark(), plan.trials(), shard.count());
    try (ResultsFolder folder = ResultsFolder.open(shard.folder(runDir), plan, threads, shard, owners, acceptChanged)) {
      OracleRecord.write(plan, shard.folder(runDir)); // issue 24
      int ran = TrialExecutor.run(plan, folder, threads, onFinished);
      folder.finish(ran);
      return new Outcome(folder.memberCount(), folder.doneCount(), ran, folder.notes(), folder.trialsFile(), null);
    }
  }

  private static void requireLabels(Plan plan, Set<String> labels) {
    for (String l : labels) {
      if (!plan.factories().containsKey(l)) {
        throw new NashException("--accept-changed-searcher " + l + ": the config has no searcher labelled '" + l
            + "' (its searchers: " + String.join(", ", plan.factories().keySet()) + ")");
      }
    }
  }

  /** How many of the plan's trials a shard runs. */
  public static int shardSize(Plan plan, Shard shard) {
    int[] owners = ShardPlan.owners(plan.experiment(), plan.benchmark(), plan.trials(), shard.count());
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
