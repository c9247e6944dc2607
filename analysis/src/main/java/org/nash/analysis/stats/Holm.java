package org.nash.analysis.stats;

/**
 * Holm's step-down correction for a family of tests: the i-th smallest p-value is multiplied by
 * (m - i), the results are made non-decreasing in that order and capped at 1 (as
 * {@code statsmodels.stats.multitest.multipletests(p, method='holm')}). NaN p-values are left out
 * of the family and stay NaN.
 */
public final class Holm {
  private Holm() {}

  public static double[] adjust(double[] p) {
    Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i]))
        .boxed().sorted((a, b) -> Double.compare(p[a], p[b])).toArray(Integer[]::new);
    double[] out = new double[p.length];
    java.util.Arrays.fill(out, Double.NaN);
    int m = order.length;
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
