package org.nash.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.Experiment;
import org.nash.data.DataCatalog;
import org.nash.plan.Planner;
import org.nash.plan.RecordFields;
import org.nash.plan.Shard;
import org.nash.plan.ShardPlan;
import org.nash.plan.TrialGrid;

/**
 * How far each shard of a sharded run is, from its file alone (for a scheduler front end such as
 * {@code nash slurm status}): the trials each shard owns under {@link ShardPlan} against the distinct
 * trials of that shard in {@code DIR/shards/K-of-N/trials.jsonl}, and whether the merged
 * {@code DIR/trials.jsonl} holds the whole grid. Read only; {@link ShardMerge} stays the judge of
 * whether shards can be merged.
 */
public final class ShardProgress {
  private final int count;
  private final int[] done;
  private final int[] expected;
  private final String[] problems;
  private final int total;
  private final boolean merged;

  private ShardProgress(int count, int[] done, int[] expected, String[] problems, int total, boolean merged) {
    this.count = count;
    this.done = done;
    this.expected = expected;
    this.problems = problems;
    this.total = total;
    this.merged = merged;
  }

  /** The progress of {@code dir}'s shards of {@code cfg} split {@code count} ways. */
  public static ShardProgress of(Path dir, Experiment cfg, int count, DataCatalog catalog, ClassLoader loader) {
    Benchmark b = Benchmarks.load(cfg.benchmark(), catalog, loader);
    TrialGrid grid = Planner.grid(cfg, b);
    int[] owners = ShardPlan.owners(cfg, b, grid, count);
    int[] expected = new int[count];
    for (int o : owners) {
      expected[o]++;
    }
    RecordCheck check = new RecordCheck(grid, b, RecordFields.of(cfg, b, grid.datasets(), loader), cfg.seeds(), true);
    int[] done = new int[count];
    String[] problems = new String[count];
    for (int k = 0; k < count; k++) {
      Path file = new Shard(k, count).folder(dir).resolve(TrialsFile.NAME);
      if (!Files.exists(file)) {
        continue;
      }
      BitSet seen = new BitSet(owners.length);
      try (TrialsFile.Cursor c = new TrialsFile.Cursor(file)) {
        while (c.next()) {
          long i = check.index(file + ":" + c.line(), c.head());
          if (i < owners.length && owners[(int) i] == k) {
            seen.set((int) i);
          }
        }
      } catch (org.nash.NashException e) {
        // A cut last line (a killed task) or a record of another experiment: the shard is not complete.
        problems[k] = e.getMessage();
      }
      done[k] = seen.cardinality();
    }
    return new ShardProgress(count, done, expected, problems, grid.size(), mergedLines(dir) == grid.size());
  }

  /** Complete lines of the merged file (written whole by the merge, or trial by trial by a plain run). */
  private static long mergedLines(Path dir) {
    Path f = dir.resolve(TrialsFile.NAME);
    if (!Files.exists(f)) {
      return -1;
    }
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(f))) {
      long n = 0;
      int ch;
      while ((ch = in.read()) >= 0) {
        if (ch == '\n') {
          n++;
        }
      }
      return n;
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  public int count() {
    return count;
  }

  /** Distinct trials of shard k in its file. */
  public int done(int k) {
    return done[k];
  }

  /** Trials shard k owns. */
  public int expected(int k) {
    return expected[k];
  }

  /** Whether shard k's file holds all its trials and nothing wrong. */
  public boolean complete(int k) {
    return problems[k] == null && done[k] == expected[k];
  }

  /** What is wrong with shard k's file (a cut last line, a foreign record), or null. */
  public String problem(int k) {
    return problems[k];
  }

  /** Trials in the whole grid. */
  public int total() {
    return total;
  }

  /** Whether {@code DIR/trials.jsonl} holds as many complete lines as the grid has trials. */
  public boolean merged() {
    return merged;
  }
}
