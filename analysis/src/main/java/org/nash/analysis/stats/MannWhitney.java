package org.nash.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Mann-Whitney U test with the normal approximation, tie-corrected variance and a
 * continuity correction: the same numbers as {@code scipy.stats.mannwhitneyu(x, y,
 * alternative='two-sided', method='asymptotic')}. Written out because commons-math3's
 * {@code MannWhitneyUTest} has no tie correction, and search results tie a lot (many seeds end on
 * the same optimal architecture), which would make its p-values far too large.
 */
public final class MannWhitney {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /**
   * @param u U statistic of the first sample: pairs (x, y) with x > y, plus half the ties
   * @param z standardised U (continuity-corrected; 0 when every value is tied)
   * @param p two-sided p-value (1 when every value is tied)
   */
  public record Result(int n1, int n2, double u, double z, double p) {}

  private MannWhitney() {}

  public static Result test(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("Mann-Whitney U needs two non-empty samples, got " + n1 + " and " + n2);
    }
    double[] a = x.clone();
    double[] b = y.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    if (Double.isNaN(a[n1 - 1]) || Double.isNaN(b[n2 - 1])) {
      throw new IllegalArgumentException("Mann-Whitney U: a sample holds NaN");
    }
    // One merge over the sorted samples, a group of equal values at a time: each x in the group
    // beats every smaller y and ties with the group's ys; the group adds t^3 - t to the tie term.
    // (Same U as rank sums, without the object-heavy ranking: the seeds analysis runs this a lot.)
    double u = 0;
    double ties = 0;
    int i = 0;
    int j = 0;
    while (i < n1 || j < n2) {
      double v = j >= n2 || i < n1 && a[i] <= b[j] ? a[i] : b[j];
      int ci = 0;
      while (i < n1 && a[i] == v) {
        ci++;
        i++;
      }
      int cj = 0;
      while (j < n2 && b[j] == v) {
        cj++;
        j++;
      }
      u += ci * (double) (j - cj) + 0.5 * ci * cj;
      double t = ci + cj;
      ties += t * t * t - t;
    }
    double n = n1 + n2;
    double variance = n1 * (double) n2 / 12.0 * ((n + 1) - ties / (n * (n - 1)));
    if (!(variance > 0)) {
      return new Result(n1, n2, u, 0, 1);
    }
    double mean = n1 * (double) n2 / 2.0;
    double dev = Math.abs(u - mean);
    // scipy's continuity correction: move |U - mean| half a step towards 0.
    double z = Math.signum(u - mean) * Math.max(dev - 0.5, 0) / Math.sqrt(variance);
    double p = Math.min(1, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
    return new Result(n1, n2, u, z, p);
  }
}
