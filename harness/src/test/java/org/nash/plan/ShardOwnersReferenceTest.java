package org.nash.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The primitive heap of {@link ShardPlan#owners(TrialGrid, double[], int)} assigns every trial to the
 * same shard as the boxed {@code PriorityQueue} it replaced (issue 26): shard folders written before
 * must still be the same shares.
 */
class ShardOwnersReferenceTest {
  /** The assignment as it was computed before: a PriorityQueue ordered by (load, index). */
  private static int[] reference(TrialGrid grid, double[] w, int count) {
    int[] owner = new int[grid.size()];
    if (count == 1 || grid.isEmpty()) {
      return owner;
    }
    Integer[] cells = new Integer[w.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = c;
    }
    Arrays.sort(cells, Comparator.comparingDouble((Integer c) -> -w[c]));
    double[] load = new double[count];
    PriorityQueue<Integer> least = new PriorityQueue<>(count,
        Comparator.comparingDouble((Integer k) -> load[k]).thenComparingInt(k -> k));
    for (int k = 0; k < count; k++) {
      least.add(k);
    }
    int perCell = grid.size() / w.length;
    for (int c : cells) {
      for (int i = c * perCell; i < (c + 1) * perCell; i++) {
        int k = least.poll();
        owner[i] = k;
        load[k] += w[c];
        least.add(k);
      }
    }
    return owner;
  }

  @Test
  void sameSharesAsThePriorityQueueForIrregularCostsAndCounts() {
    TrialGrid g = ShardPlanTest.grid(3, 4, 3, 23); // 12 cells of 69 trials
    java.util.SplittableRandom rng = new java.util.SplittableRandom(26);
    for (int round = 0; round < 20; round++) {
      double[] w = new double[12];
      for (int c = 0; c < w.length; c++) {
        // a few distinct values, so that loads tie often, and irrational-looking ones that sum inexactly
        w[c] = round % 2 == 0 ? 1 + rng.nextInt(4) : 0.1 + rng.nextDouble() * 7;
      }
      for (int n : new int[] {2, 3, 5, 7, 16, 64, 100, 827, 900}) {
        assertArrayEquals(reference(g, w, n), ShardPlan.owners(g, w, n), "round " + round + ", N=" + n);
      }
    }
  }

  @Test
  void sameSharesForCostsThatAreNegativeOrNaN() {
    // not made by the planner, but the function must not depend on it: the general heap path
    TrialGrid g = ShardPlanTest.grid(2, 3, 2, 11);
    double[][] ws = {{3, -1, 2, 0, 5, 1}, {1, Double.NaN, 2, 2, 0.5, 4}, {-0.0, 0, 1, -0.0, 2, 2}};
    for (double[] w : ws) {
      for (int n : new int[] {2, 5, 13, 200}) {
        assertArrayEquals(reference(g, w, n), ShardPlan.owners(g, w, n), java.util.Arrays.toString(w) + ", N=" + n);
      }
    }
  }

  @Test
  void sameSharesWhenAddingACostRoundsTwoLoadsTogether() {
    // Costs a few ulps apart (and of very different magnitudes): 1 + 2^-52 and 1 give loads 1 + 2^-52
    // and 1, and adding 1 rounds both to 2, putting a shard taken later before one taken earlier,
    // which the queue shortcut cannot order; it must fall back to the heap and still agree.
    double ulp = Math.ulp(1.0);
    double[] near = {1 + ulp, 1, 1 + 2 * ulp, 0.5, 0.5 + ulp / 2, 2, 2 - ulp, 3};
    TrialGrid g = ShardPlanTest.grid(2, 5, 2, 17); // 10 cells of 34 trials
    java.util.SplittableRandom rng = new java.util.SplittableRandom(53);
    int before = ShardPlan.ROUNDING_FALLBACKS.get();
    for (int round = 0; round < 300; round++) {
      double[] w = new double[10];
      for (int c = 0; c < w.length; c++) {
        w[c] = round % 3 == 0 ? Math.scalb(1 + rng.nextDouble(), rng.nextInt(56)) : near[rng.nextInt(near.length)];
      }
      for (int n : new int[] {3, 7, 40}) {
        assertArrayEquals(reference(g, w, n), ShardPlan.owners(g, w, n), "round " + round + ", N=" + n);
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(ShardPlan.ROUNDING_FALLBACKS.get() > before,
        "no input made two loads round together: the fallback was not tested");
  }
}
