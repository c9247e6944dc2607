package org.nash.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Friedman's test of k methods over N problems (blocks) and the Nemenyi post-hoc test, as Demsar
 * (2006, JMLR 7) recommends for comparing methods over several data sets. Ranks are taken within
 * each block (1 = best, i.e. highest value; ties share their average rank, as
 * {@code scipy.stats.rankdata}); the statistic is {@code scipy.stats.friedmanchisquare}'s, with its
 * tie correction, and its p-value the chi-square (k - 1) tail. Two methods differ by Nemenyi when
 * their average ranks differ by at least the critical difference CD = q_alpha sqrt(k (k + 1) / (6 N)),
 * where q_alpha is the studentized range quantile for k means and infinite degrees of freedom
 * divided by sqrt 2 (Demsar's Table 5; computed here, not tabulated, so any k works).
 */
public final class Friedman {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /**
   * @param ranks average rank of each method (1 = best)
   * @param chi2 the (tie-corrected) Friedman statistic; NaN below 2 methods or 2 blocks
   * @param p its chi-square p-value (k - 1 degrees of freedom)
   * @param cd Nemenyi critical difference at alpha = 0.05
   */
  public record Result(int blocks, int methods, double[] ranks, double chi2, double p, double cd) {}

  private Friedman() {}

  /**
   * @param values {@code values[block][method]}, higher is better; every block has every method
   */
  public static Result test(double[][] values) {
    int n = values.length;
    int k = n == 0 ? 0 : values[0].length;
    double[] sum = new double[k];
    double ties = 0;
    for (double[] row : values) {
      if (row.length != k) {
        throw new IllegalArgumentException("every block needs a value for each of the " + k + " methods");
      }
      double[] r = ranksDescending(row);
      for (int j = 0; j < k; j++) {
        sum[j] += r[j];
      }
      ties += tieTerm(row);
    }
    double[] avg = new double[k];
    for (int j = 0; j < k; j++) {
      avg[j] = n == 0 ? Double.NaN : sum[j] / n;
    }
    if (n < 2 || k < 2) {
      return new Result(n, k, avg, Double.NaN, Double.NaN, Double.NaN);
    }
    double ssbn = 0;
    for (double s : sum) {
      ssbn += s * s;
    }
    double c = 1 - ties / (n * (double) k * (k * (double) k - 1));
    double chi2 = (12.0 / (n * (double) k * (k + 1)) * ssbn - 3.0 * n * (k + 1)) / c;
    // Every block tied throughout: no evidence of any difference.
    double p = c <= 0 || !Double.isFinite(chi2) ? 1
        : 1 - new ChiSquaredDistribution(null, k - 1).cumulativeProbability(Math.max(0, chi2));
    return new Result(n, k, avg, c <= 0 ? 0 : chi2, p, criticalDifference(k, n, 0.05));
  }

  /** Ranks of {@code row} with the highest value 1; ties share the average of their ranks. */
  public static double[] ranksDescending(double[] row) {
    int k = row.length;
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(row[b], row[a]));
    double[] r = new double[k];
    int i = 0;
    while (i < k) {
      int j = i;
      while (j + 1 < k && row[order[j + 1]] == row[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int m = i; m <= j; m++) {
        r[order[m]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  /** Sum of t^3 - t over groups of tied values of a block. */
  private static double tieTerm(double[] row) {
    double[] s = row.clone();
    Arrays.sort(s);
    double out = 0;
    int i = 0;
    while (i < s.length) {
      int j = i;
      while (j + 1 < s.length && s[j + 1] == s[i]) {
        j++;
      }
      double t = j - i + 1;
      out += t * t * t - t;
      i = j + 1;
    }
    return out;
  }

  /** Nemenyi's critical difference of average ranks for k methods over n blocks. */
  public static double criticalDifference(int k, int n, double alpha) {
    return qAlpha(k, alpha) * Math.sqrt(k * (k + 1.0) / (6.0 * n));
  }

  /**
   * Demsar's q_alpha: the upper alpha quantile of the studentized range of k standard normals (infinite
   * degrees of freedom) divided by sqrt 2; 1.960, 2.343, 2.569, ... for k = 2, 3, 4 at alpha 0.05.
   */
  public static double qAlpha(int k, double alpha) {
    if (k < 2) {
      return Double.NaN;
    }
    double lo = 0;
    double hi = 10;
    for (int it = 0; it < 60; it++) {
      double mid = (lo + hi) / 2;
      if (rangeCdf(mid, k) < 1 - alpha) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2 / Math.sqrt(2);
  }

  /**
   * P(range of k iid standard normals <= q) = k * integral phi(z) (Phi(z) - Phi(z - q))^(k-1) dz,
   * by Simpson's rule on [-9, 9] (the integrand is below 1e-17 outside).
   */
  static double rangeCdf(double q, int k) {
    int steps = 4000;
    double a = -9;
    double b = 9;
    double h = (b - a) / steps;
    double s = 0;
    for (int i = 0; i <= steps; i++) {
      double z = a + i * h;
      double f = NORMAL.density(z) * Math.pow(NORMAL.cumulativeProbability(z) - NORMAL.cumulativeProbability(z - q), k - 1);
      s += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
    }
    return k * s * h / 3;
  }
}
