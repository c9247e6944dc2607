package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nash.analysis.stats.MannWhitney;

/**
 * How many seeds it takes to tell two searchers apart. For each n from 2 to the smaller sample
 * size, {@code subsamples} times: draw n trials of each searcher without replacement
 * (independently) and run the two-sided Mann-Whitney U test. The seeds needed are the smallest n
 * at which the MEDIAN p-value over the subsamples is below 0.05, i.e. at which at least half of
 * the n-seed experiments would report a significant difference. At n = the full sample size every
 * subsample is the full sample.
 */
public final class SeedsToSignificance {
  public static final int SUBSAMPLES = 200;
  public static final double ALPHA = 0.05;

  /** At n seeds per searcher: share of subsamples with p < 0.05 and their median p. */
  public record Point(int n, double shareSignificant, double medianP) {}

  /** {@code seedsNeeded} is -1 when even the full sample is not significant by that rule. */
  public record Result(List<Point> curve, int seedsNeeded) {}

  private SeedsToSignificance() {}

  public static Result of(double[] a, double[] b, SplittableRandom rng, int subsamples) {
    int max = Math.min(a.length, b.length);
    List<Point> curve = new ArrayList<>();
    int needed = -1;
    double[] p = new double[subsamples];
    double[] sa = a.clone();
    double[] sb = b.clone();
    for (int n = 2; n <= max; n++) {
      int significant = 0;
      for (int r = 0; r < subsamples; r++) {
        p[r] = MannWhitney.test(draw(sa, n, rng), draw(sb, n, rng)).p();
        significant += p[r] < ALPHA ? 1 : 0;
      }
      double[] sorted = p.clone();
      Arrays.sort(sorted);
      double median = subsamples % 2 == 1 ? sorted[subsamples / 2]
          : (sorted[subsamples / 2 - 1] + sorted[subsamples / 2]) / 2;
      curve.add(new Point(n, significant / (double) subsamples, median));
      if (needed < 0 && median < ALPHA) {
        needed = n;
      }
    }
    return new Result(curve, needed);
  }

  /** The first n values after a partial Fisher-Yates shuffle of {@code pool} (shuffled in place). */
  private static double[] draw(double[] pool, int n, SplittableRandom rng) {
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(pool.length - i);
      double t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return Arrays.copyOf(pool, n);
  }
}
