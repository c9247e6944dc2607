package org.nash.analysis.stats;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** The statistics the scan reports, from commons-math3, with the conventions of numpy/scipy. */
public final class Stats {
  private Stats() {}

  public static double mean(double[] x) {
    return x.length == 0 ? Double.NaN : new Mean().evaluate(x);
  }

  public static double max(double[] x) {
    double m = Double.NaN;
    for (double v : x) {
      m = Double.isNaN(m) || v > m ? v : m;
    }
    return m;
  }

  /** A percentile estimator over {@code x} with linear interpolation (R type 7 = numpy's default). */
  public static Percentile percentiles(double[] x) {
    Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
    p.setData(x);
    return p;
  }

  public static double percentile(Percentile p, int n, double q) {
    return n == 0 ? Double.NaN : p.evaluate(q);
  }

  /**
   * Adjusted Fisher-Pearson skewness G1 (bias-corrected, scipy.stats.skew(bias=False)); commons-math3's
   * Skewness computes exactly this. NaN below 3 values or for constant data.
   */
  public static double adjustedSkewness(double[] x) {
    return x.length < 3 ? Double.NaN : new Skewness().evaluate(x);
  }

  /** Biased sample skewness g1 = m3 / m2^1.5 (scipy.stats.skew default), from G1 = g1 sqrt(n(n-1)) / (n-2). */
  public static double skewness(double adjusted, int n) {
    return n < 3 ? Double.NaN : adjusted * (n - 2) / Math.sqrt((double) n * (n - 1));
  }

  /** Kendall's tau-b (ties in either variable adjusted for); NaN below 2 pairs or for constant data. */
  public static double kendallTauB(double[] x, double[] y) {
    return x.length < 2 ? Double.NaN : new KendallsCorrelation().correlation(x, y);
  }

  /** Spearman's rho with average ranks for ties (scipy.stats.spearmanr); NaN below 2 pairs. */
  public static double spearman(double[] x, double[] y) {
    return x.length < 2 ? Double.NaN : new SpearmansCorrelation().correlation(x, y);
  }
}
