package org.nash.analysis.stats;

import java.util.List;

/**
 * Kendall's tau-b of several paired samples over the same items (e.g. the same cells trained on
 * several datasets) under one set of bootstrap resamples of the items: replicate r of every group
 * uses the same drawn items, so differences between groups are paired. A resample in which either
 * variable is constant has no tau (NaN); {@link Bootstrap#percentile95} leaves those out.
 */
public final class KendallBootstrap {
  private KendallBootstrap() {}

  /**
   * @param x per group, the first variable of each item (all groups the same length)
   * @param y per group, the second variable
   * @param resamples item indices per replicate ({@link Bootstrap#resamples})
   * @return [group][replicate] tau-b
   */
  public static double[][] replicates(List<double[]> x, List<double[]> y, int[][] resamples) {
    double[][] out = new double[x.size()][resamples.length];
    for (int g = 0; g < x.size(); g++) {
      double[] xs = x.get(g);
      double[] ys = y.get(g);
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("group " + g + ": x has " + xs.length + " values, y " + ys.length);
      }
      for (int r = 0; r < resamples.length; r++) {
        int[] idx = resamples[r];
        double[] a = new double[idx.length];
        double[] b = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
          a[i] = xs[idx[i]];
          b[i] = ys[idx[i]];
        }
        out[g][r] = KendallTest.tauB(a, b);
      }
    }
    return out;
  }
}
