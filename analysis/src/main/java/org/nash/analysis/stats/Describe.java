package org.nash.analysis.stats;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Location and spread of a sample: mean, sample standard deviation (n-1), standard error, median
 * and quartiles (linear interpolation, R type 7 = numpy's default).
 */
public record Describe(int n, double mean, double std, double se, double median, double q1, double q3,
    double min, double max) {

  public static Describe of(double[] x) {
    int n = x.length;
    if (n == 0) {
      return new Describe(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN);
    }
    double mean = new Mean().evaluate(x);
    double std = n > 1 ? new StandardDeviation(true).evaluate(x) : 0;
    Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
    p.setData(x);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new Describe(n, mean, std, std / Math.sqrt(n), p.evaluate(50), p.evaluate(25), p.evaluate(75), min, max);
  }

  public double iqr() {
    return q3 - q1;
  }
}
