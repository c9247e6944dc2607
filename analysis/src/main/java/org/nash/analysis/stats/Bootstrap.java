package org.nash.analysis.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The bootstrap's two pieces shared by the analyses: resamples of indices (drawn with replacement
 * from a fixed seed, so an interval is the same on every run) and the 95 % percentile interval by
 * nearest rank (the 2.5th and 97.5th of the sorted replicates), the rule the reliability analysis
 * uses too.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /** {@code count} resamples of {@code n} indices 0..n-1, each drawn with replacement. */
  public static int[][] resamples(int n, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] out = new int[count][n];
    for (int r = 0; r < count; r++) {
      for (int i = 0; i < n; i++) {
        out[r][i] = rng.nextInt(n);
      }
    }
    return out;
  }

  /** The value of nearest rank {@code ceil(q n)} (1-based) of {@code sorted}, clamped to its ends. */
  public static double nearestRank(double[] sorted, double q) {
    int n = sorted.length;
    return sorted[Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1))];
  }

  /**
   * {lo, hi} of the 95 % percentile interval of the finite replicates (NaN ones, e.g. a tau of a
   * resample whose values are all equal, are left out); NaN without any.
   */
  public static double[] percentile95(double[] replicates) {
    double[] s = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
    if (s.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {nearestRank(s, 0.025), nearestRank(s, 0.975)};
  }

  /** How many replicates are finite (those {@link #percentile95} uses). */
  public static int finite(double[] replicates) {
    return (int) Arrays.stream(replicates).filter(Double::isFinite).count();
  }
}
