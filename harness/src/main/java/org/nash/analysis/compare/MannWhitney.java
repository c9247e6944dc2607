package org.nash.analysis.compare;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

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
    double[] all = new double[n1 + n2];
    System.arraycopy(x, 0, all, 0, n1);
    System.arraycopy(y, 0, all, n1, n2);
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
    double r1 = 0;
    for (int i = 0; i < n1; i++) {
      r1 += ranks[i];
    }
    double u = r1 - n1 * (n1 + 1) / 2.0;
    double n = n1 + n2;
    double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm(all) / (n * (n - 1)));
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

  /** Sum over groups of tied values of t^3 - t. */
  private static double tieTerm(double[] values) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    double sum = 0;
    int i = 0;
    while (i < s.length) {
      int j = i;
      while (j + 1 < s.length && s[j + 1] == s[i]) {
        j++;
      }
      double t = j - i + 1;
      sum += t * t * t - t;
      i = j + 1;
    }
    return sum;
  }
}
