package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How stable the ranking of searchers is over seeds: the bootstrap probability that resampling
 * each searcher's trials (with replacement, as many as it has, independently per searcher) gives
 * the same ranking by mean final value as the full sample. Two rankings are the same when every
 * pair of searchers is ordered the same way (a tie counts as its own order), so identical samples
 * never count as a change.
 */
public final class RankingStability {
  public static final int RESAMPLES = 1000;

  private RankingStability() {}

  public static double probability(List<double[]> samples, SplittableRandom rng, int resamples) {
    int k = samples.size();
    double[] full = new double[k];
    for (int i = 0; i < k; i++) {
      full[i] = mean(samples.get(i));
    }
    int same = 0;
    double[] boot = new double[k];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < k; i++) {
        double[] s = samples.get(i);
        double sum = 0;
        for (int j = 0; j < s.length; j++) {
          sum += s[rng.nextInt(s.length)];
        }
        boot[i] = sum / s.length;
      }
      same += sameOrder(full, boot) ? 1 : 0;
    }
    return same / (double) resamples;
  }

  /**
   * The same probability for a smaller study: {@code n} trials of each searcher drawn without
   * replacement (all of them when it has fewer), e.g. the 10 seeds a paper might run.
   */
  public static double subsampleProbability(List<double[]> samples, int n, SplittableRandom rng, int resamples) {
    int k = samples.size();
    double[] full = new double[k];
    List<double[]> pools = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      full[i] = mean(samples.get(i));
      pools.add(samples.get(i).clone());
    }
    int same = 0;
    double[] sub = new double[k];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < k; i++) {
        double[] s = pools.get(i);
        int m = Math.min(n, s.length);
        double sum = 0;
        for (int j = 0; j < m; j++) {
          int r = j + rng.nextInt(s.length - j);
          double t = s[j];
          s[j] = s[r];
          s[r] = t;
          sum += s[j];
        }
        sub[i] = sum / m;
      }
      same += sameOrder(full, sub) ? 1 : 0;
    }
    return same / (double) resamples;
  }

  static boolean sameOrder(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        if (Double.compare(a[i], a[j]) != Double.compare(b[i], b[j])) {
          return false;
        }
      }
    }
    return true;
  }

  /** The full-sample ranking as text, best first, e.g. {@code ls > re > rs} ({@code =} for a tie). */
  public static String describe(List<String> names, List<double[]> samples) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      order.add(i);
    }
    double[] m = samples.stream().mapToDouble(RankingStability::mean).toArray();
    order.sort((x, y) -> Double.compare(m[y], m[x]));
    StringBuilder sb = new StringBuilder(names.get(order.get(0)));
    for (int i = 1; i < order.size(); i++) {
      sb.append(m[order.get(i)] == m[order.get(i - 1)] ? " = " : " > ").append(names.get(order.get(i)));
    }
    return sb.toString();
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
