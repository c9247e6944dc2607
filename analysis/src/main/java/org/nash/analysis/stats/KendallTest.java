package org.nash.analysis.stats;

import java.util.SplittableRandom;

/**
 * Kendall's tau-b with a two-sided permutation p-value for H0 "no association". Spot checks pair a
 * handful of cells, too few for the normal approximation, so up to {@link #EXACT_MAX} pairs every
 * permutation of {@code y} is enumerated (the exact p-value, ties included); above, a fixed number
 * of permutations drawn from a fixed seed (the same p-value on every run and machine).
 */
public final class KendallTest {
  /** Largest n with every permutation enumerated (9! = 362,880). */
  public static final int EXACT_MAX = 9;
  /** Permutations drawn above {@link #EXACT_MAX}. */
  public static final int DRAWS = 100_000;
  private static final long SEED = 20240601L;
  /** Taus within this of the observed one count as equal (floating-point sums of the same pairs). */
  private static final double EPS = 1e-12;

  /**
   * @param method {@code exact permutation} or {@code N random permutations (seed S)}; {@code none}
   *     below 3 pairs or for constant data, where p is NaN
   */
  public record Result(double tau, double p, int n, String method) {}

  private KendallTest() {}

  public static Result of(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
    }
    int n = x.length;
    double tau = tauB(x, y);
    if (n < 3 || Double.isNaN(tau)) {
      return new Result(tau, Double.NaN, n, "none");
    }
    double observed = Math.abs(tau) - EPS;
    double[] perm = y.clone();
    if (n <= EXACT_MAX) {
      long[] counts = new long[2]; // {at least as extreme, all}
      permute(x, perm, 0, observed, counts);
      return new Result(tau, (double) counts[0] / counts[1], n, "exact permutation");
    }
    SplittableRandom rng = new SplittableRandom(SEED);
    long extreme = 0;
    for (int d = 0; d < DRAWS; d++) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        double t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      if (Math.abs(tauB(x, perm)) >= observed) {
        extreme++;
      }
    }
    // The observed arrangement counts as one of the draws (Phipson and Smyth 2010): p is never 0.
    return new Result(tau, (extreme + 1.0) / (DRAWS + 1.0), n, DRAWS + " random permutations (seed " + SEED + ")");
  }

  /** Every permutation of y[k..], by swapping each remaining value into place k in turn. */
  private static void permute(double[] x, double[] y, int k, double observed, long[] counts) {
    if (k == y.length) {
      counts[1]++;
      if (Math.abs(tauB(x, y)) >= observed) {
        counts[0]++;
      }
      return;
    }
    for (int i = k; i < y.length; i++) {
      swap(y, k, i);
      permute(x, y, k + 1, observed, counts);
      swap(y, k, i);
    }
  }

  private static void swap(double[] v, int i, int j) {
    double t = v[i];
    v[i] = v[j];
    v[j] = t;
  }

  /**
   * Tau-b = (concordant - discordant) / sqrt((n0 - ties in x) (n0 - ties in y)), O(n^2), which is
   * fine for the few pairs of a spot check; NaN when either variable is constant. Equals
   * {@link Stats#kendallTauB} (commons-math3).
   */
  static double tauB(double[] x, double[] y) {
    long c = 0;
    long d = 0;
    long tx = 0;
    long ty = 0;
    long n0 = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        n0++;
        int sx = Double.compare(x[i], x[j]);
        int sy = Double.compare(y[i], y[j]);
        if (sx == 0) {
          tx++;
        }
        if (sy == 0) {
          ty++;
        }
        if (sx != 0 && sy != 0) {
          if (Integer.signum(sx) == Integer.signum(sy)) {
            c++;
          } else {
            d++;
          }
        }
      }
    }
    double den = Math.sqrt((double) (n0 - tx) * (n0 - ty));
    return den == 0 ? Double.NaN : (c - d) / den;
  }
}
