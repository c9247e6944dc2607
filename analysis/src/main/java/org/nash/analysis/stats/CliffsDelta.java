package org.nash.analysis.stats;

/**
 * Cliff's delta, P(X > Y) - P(X < Y) over all pairs: an effect size in [-1, 1] that needs no
 * distribution assumption and matches the Mann-Whitney test. Magnitude labels use the thresholds
 * of Romano et al. (2006): |d| < 0.147 negligible, < 0.33 small, < 0.474 medium, else large.
 */
public final class CliffsDelta {
  private CliffsDelta() {}

  public static double of(double[] x, double[] y) {
    if (x.length == 0 || y.length == 0) {
      return Double.NaN;
    }
    double[] ys = y.clone();
    java.util.Arrays.sort(ys);
    long more = 0;
    long less = 0;
    for (double v : x) {
      less += ys.length - upperBound(ys, v);
      more += lowerBound(ys, v);
    }
    return (more - less) / ((double) x.length * y.length);
  }

  public static String magnitude(double d) {
    double a = Math.abs(d);
    if (Double.isNaN(a)) {
      return "";
    }
    return a < 0.147 ? "negligible" : a < 0.33 ? "small" : a < 0.474 ? "medium" : "large";
  }

  /** Number of elements of sorted {@code s} below {@code v}. */
  private static int lowerBound(double[] s, double v) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Number of elements of sorted {@code s} at or below {@code v}. */
  private static int upperBound(double[] s, double v) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
