package org.nash.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.config.Experiment;

/** Which shard runs which trial, and how a shard is named on the command line and on disk. */
class ShardPlanTest {
  /** A grid of named datasets d0.., pools p0.. and searchers s0.. (shared with ShardOwnersReferenceTest). */
  static TrialGrid grid(int datasets, int pools, int searchers, int seeds) {
    List<Experiment.SearcherSpec> specs = new java.util.ArrayList<>();
    for (int s = 0; s < searchers; s++) {
      specs.add(new Experiment.SearcherSpec("s" + s));
    }
    List<String> ds = new java.util.ArrayList<>();
    for (int d = 0; d < datasets; d++) {
      ds.add("d" + d);
    }
    List<String> ps = new java.util.ArrayList<>();
    for (int p = 0; p < pools; p++) {
      ps.add("p" + p);
    }
    return new TrialGrid(ds, ps, specs, 0, seeds, 100, new double[datasets]);
  }

  @Test
  void everyTrialIsInExactlyOneShardForManyCounts() {
    TrialGrid g = grid(3, 2, 3, 7); // 126 trials
    double[] w = {1, 1, 5, 5, 2.5, 2.5};
    for (int n = 1; n <= 300; n++) {
      int[] owners = ShardPlan.owners(g, w, n);
      assertEquals(g.size(), owners.length);
      int total = 0;
      for (int k = 0; k < n; k++) {
        total += ShardPlan.members(owners, k).cardinality();
      }
      assertEquals(g.size(), total, "N=" + n);
      for (int o : owners) {
        assertTrue(o >= 0 && o < n, "N=" + n + ": owner " + o);
      }
      if (n >= g.size()) {
        // more shards than trials: one trial each, the rest empty
        assertEquals(g.size(), java.util.Arrays.stream(owners).distinct().count(), "N=" + n);
      }
      assertArrayEquals(owners, ShardPlan.owners(g, w.clone(), n), "deterministic, N=" + n);
    }
  }

  @Test
  void shardsAreBalancedByExpectedCost() {
    // One dataset of trials 10x as expensive as the other's (e.g. retraining vs table): shards must not
    // differ by more than one trial's cost, whatever the count.
    TrialGrid g = grid(2, 1, 3, 50);
    double[] w = {10, 1};
    for (int n : new int[] {2, 3, 4, 7, 16, 29}) {
      int[] owners = ShardPlan.owners(g, w, n);
      double[] load = new double[n];
      for (int i = 0; i < owners.length; i++) {
        load[owners[i]] += w[g.cell(i)];
      }
      double max = java.util.Arrays.stream(load).max().getAsDouble();
      double min = java.util.Arrays.stream(load).min().getAsDouble();
      assertTrue(max - min <= 10, "N=" + n + ": loads " + java.util.Arrays.toString(load));
      assertTrue(max <= 1.1 * (150 * 10 + 150) / n + 10, "N=" + n + ": max load " + max);
    }
  }

  @Test
  void equalCostsAreARoundRobin() {
    TrialGrid g = grid(2, 2, 3, 10);
    int[] owners = ShardPlan.owners(g, new double[] {3, 3, 3, 3}, 4);
    for (int i = 0; i < owners.length; i++) {
      assertEquals(i % 4, owners[i]);
    }
  }

  @Test
  void shardSpecsAndFolders() {
    assertEquals(new Shard(0, 4), Shard.parse("0/4", Map.of()));
    assertEquals(new Shard(3, 4), Shard.parse(" 3/4", Map.of()));
    assertEquals("3-of-4", new Shard(3, 4).folderName());
    assertEquals(Path.of("out", "shards", "3-of-4"), new Shard(3, 4).folder(Path.of("out")));
    assertEquals(new Shard(2, 5), Shard.ofFolderName("2-of-5"));
    assertNull(Shard.ofFolderName("5-of-5"));
    assertNull(Shard.ofFolderName("tmp"));
    NashException e = assertThrows(NashException.class, () -> Shard.parse("4/4", Map.of()));
    assertTrue(e.getMessage().contains("counts from 0"), e.getMessage());
    assertThrows(NashException.class, () -> Shard.parse("1/0", Map.of()));
    assertThrows(NashException.class, () -> Shard.parse("1-4", Map.of()));
  }

  @Test
  void autoShardsComeFromTheScheduler() {
    assertEquals(new Shard(2, 4), Shard.parse("auto/4", Map.of("SLURM_ARRAY_TASK_ID", "2")));
    assertEquals(new Shard(2, 4), Shard.parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT",
        "4", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "3")));
    assertEquals(new Shard(1, 3), Shard.parse("auto", Map.of("JOB_COMPLETION_INDEX", "1", "NASH_SHARD_COUNT", "3")));
    assertEquals(new Shard(1, 3), Shard.parse("auto/3", Map.of("JOB_COMPLETION_INDEX", "1")));
    // a resubmission of some shards (--array=2,3) does not tell N
    NashException partial = assertThrows(NashException.class, () -> Shard.parse("auto", Map.of("SLURM_ARRAY_TASK_ID",
        "3", "SLURM_ARRAY_TASK_COUNT", "2", "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_MAX", "3")));
    assertTrue(partial.getMessage().contains("auto/N"), partial.getMessage());
    NashException none = assertThrows(NashException.class, () -> Shard.parse("auto/4", Map.of()));
    assertTrue(none.getMessage().contains("SLURM_ARRAY_TASK_ID"), none.getMessage());
    NashException unknownCount = assertThrows(NashException.class,
        () -> Shard.parse("auto", Map.of("JOB_COMPLETION_INDEX", "1")));
    assertTrue(unknownCount.getMessage().contains("auto/N"), unknownCount.getMessage());
    NashException outside = assertThrows(NashException.class,
        () -> Shard.parse("auto/4", Map.of("SLURM_ARRAY_TASK_ID", "4")));
    assertTrue(outside.getMessage().contains("--array=0-3"), outside.getMessage());
    assertThrows(NashException.class, () -> Shard.parse("auto/4", Map.of("SLURM_ARRAY_TASK_ID", "x")));
  }
}
