package org.nash.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean with a 95 % confidence interval of the mean from Student's t (mean +- t(0.975, n-1) *
 * sd / sqrt(n)). NaN values are left out; the interval is NaN below two values.
 */
public record Interval(int n, double mean, double sd, double lo, double hi) {
  private static final double[] T975 = new double[1001];

  public static Interval of(double[] values) {
    int n = 0;
    double sum = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    if (n == 0) {
      return new Interval(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    if (n == 1) {
      return new Interval(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(ss / (n - 1));
    double half = t975(n - 1) * sd / Math.sqrt(n);
    return new Interval(n, mean, sd, mean - half, mean + half);
  }

  /** The 97.5 % quantile of Student's t with {@code df} degrees of freedom (cached: curves ask often). */
  public static double t975(int df) {
    if (df >= T975.length) {
      return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }
    synchronized (T975) {
      if (T975[df] == 0) {
        T975[df] = new TDistribution(null, df).inverseCumulativeProbability(0.975);
      }
      return T975[df];
    }
  }
}
