package org.nash.surrogate;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well predictions match the truth on a set of architectures.
 *
 * @param n number of architectures
 * @param kendall Kendall's tau-b (commons-math3; ties counted as in tau-b)
 * @param sparseKendall Kendall's tau-b after rounding true and predicted values to 0.1 (NASLib's
 *     "sparse" tau: rank differences below 0.1 points do not count)
 * @param spearman Spearman's rank correlation (average ranks for ties)
 * @param r2 coefficient of determination, 1 - SS_res / SS_tot
 * @param mae mean absolute error
 */
public record Metrics(int n, double kendall, double sparseKendall, double spearman, double r2, double mae) {

  public static Metrics of(double[] truth, double[] predicted) {
    if (truth.length != predicted.length || truth.length < 2) {
      throw new IllegalArgumentException("need two aligned arrays of at least 2 values");
    }
    int n = truth.length;
    double mean = 0;
    for (double t : truth) {
      mean += t / n;
    }
    double ssRes = 0;
    double ssTot = 0;
    double abs = 0;
    for (int i = 0; i < n; i++) {
      double e = truth[i] - predicted[i];
      ssRes += e * e;
      ssTot += (truth[i] - mean) * (truth[i] - mean);
      abs += Math.abs(e);
    }
    KendallsCorrelation k = new KendallsCorrelation();
    return new Metrics(n, k.correlation(truth, predicted),
        k.correlation(round(truth), round(predicted)),
        new SpearmansCorrelation().correlation(truth, predicted), 1 - ssRes / ssTot, abs / n);
  }

  private static double[] round(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.round(v[i] * 10) / 10.0;
    }
    return out;
  }

  /** One line for the console. */
  public String format() {
    return String.format(java.util.Locale.ROOT,
        "n %d  Kendall tau %.4f  sparse Kendall tau %.4f  Spearman %.4f  R^2 %.4f  MAE %.4f",
        n, kendall, sparseKendall, spearman, r2, mae);
  }
}
