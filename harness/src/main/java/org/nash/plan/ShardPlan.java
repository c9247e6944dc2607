package org.nash.plan;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.config.Experiment;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;

/**
 * Which shard runs which trial: a deterministic function of the config and the benchmark only (no
 * oracle is built, so {@code nash merge} can recompute it on a machine without a GPU), balanced by
 * each trial's expected cost with greedy longest-processing-time assignment: trials sorted by expected
 * cost (descending, then grid index) each go to the least loaded shard (the lowest index on a tie).
 * No shard's expected cost then exceeds another's by more than one trial's.
 *
 * <p>The expected cost of a trial is its expected simulated seconds: a time budget is spent whole; a
 * query budget costs the queries times the mean cost of an architecture of the trial's pool (the
 * benchmark's {@link CostModel}), or the queries alone without a cost model. For oracles that train
 * this is the training time; for table oracles every shard gets the same mix of cells, so their wall
 * times balance as well. All trials of one dataset x pool cost the same, so equal costs give the plain
 * round robin, index i to shard i mod N.
 */
public final class ShardPlan {
  private ShardPlan() {}

  /** The expected cost of a trial of each cell (dataset x pool, dataset-major as the grid's cells). */
  static double[] cellWeights(Experiment cfg, Benchmark b, TrialGrid grid) {
    List<OpPool> pools = Planner.pools(cfg, b);
    double[] w = new double[grid.datasets().size() * pools.size()];
    for (int d = 0; d < grid.datasets().size(); d++) {
      Objective full = Planner.searchedObjective(cfg, b, grid.datasets().get(d));
      for (int p = 0; p < pools.size(); p++) {
        int cell = d * pools.size() + p;
        if (grid.maxSeconds(d) > 0) {
          w[cell] = grid.maxSeconds(d);
        } else {
          w[cell] = grid.maxQueries() * meanCost(full, full.fidelity(cfg.fidelity().orElse(null)),
              b.space().domain(pools.get(p), cfg.allowDisconnected()));
        }
      }
    }
    return w;
  }

  /** Mean simulated seconds of an architecture of the domain, or 1 (count queries) without costs. */
  private static double meanCost(Objective obj, Fidelity f, SearchDomain domain) {
    CostModel cost = obj.cost();
    if (cost == null) {
      return 1;
    }
    double sum = 0;
    int n = 0;
    for (int i = 0; i < domain.size(); i++) {
      double s = cost.seconds(domain.get(i).index(), f);
      if (Double.isFinite(s) && s > 0) {
        sum += s;
        n++;
      }
    }
    return n == 0 ? 1 : sum / n;
  }

  /** The shard of every trial of the grid, given the expected cost of each cell's trials. */
  static int[] owners(TrialGrid grid, double[] cellWeights, int count) {
    int[] owner = new int[grid.size()];
    if (count == 1 || grid.isEmpty()) {
      return owner;
    }
    Integer[] cells = new Integer[cellWeights.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = c;
    }
    // Cells hold consecutive grid indices, so (cost desc, index) is cells by (cost desc, cell) with each
    // cell's trials in order; the sort is stable.
    Arrays.sort(cells, Comparator.comparingDouble((Integer c) -> -cellWeights[c]));
    double[] load = new double[count];
    PriorityQueue<Integer> least = new PriorityQueue<>(count,
        Comparator.comparingDouble((Integer k) -> load[k]).thenComparingInt(k -> k));
    for (int k = 0; k < count; k++) {
      least.add(k);
    }
    int perCell = grid.size() / cellWeights.length;
    for (int c : cells) {
      for (int i = c * perCell; i < (c + 1) * perCell; i++) {
        int k = least.poll();
        owner[i] = k;
        load[k] += cellWeights[c];
        least.add(k);
      }
    }
    return owner;
  }

  /** The trials of shard {@code k}. */
  public static BitSet members(int[] owners, int k) {
    BitSet m = new BitSet(owners.length);
    for (int i = 0; i < owners.length; i++) {
      if (owners[i] == k) {
        m.set(i);
      }
    }
    return m;
  }

  /** The owners of a plan's grid for {@code count} shards. */
  public static int[] owners(Experiment resolved, Benchmark b, TrialGrid grid, int count) {
    return owners(grid, count == 1 ? new double[] {1} : cellWeights(resolved, b, grid), count);
  }
}
