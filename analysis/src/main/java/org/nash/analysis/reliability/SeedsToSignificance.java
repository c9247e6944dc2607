package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.nash.analysis.stats.MannWhitney;

/**
 * How many seeds it takes to tell two searchers apart. At n seeds per searcher, {@code subsamples}
 * times: draw n trials of each searcher without replacement (independently) and run the two-sided
 * Mann-Whitney U test. The seeds needed are the smallest n at which the MEDIAN p-value over the
 * subsamples is below 0.05, i.e. at which at least half of the n-seed experiments would report a
 * significant difference. At n = the full sample size every subsample is the full sample.
 *
 * <p>The draws are those of a scan over every n from 2 up, from one {@code SplittableRandom} and two
 * pools that are shuffled in place from one draw to the next (the computation of earlier versions,
 * which tested every n: O(N^2 log N) per pair; kept as the reference in SeedsToSignificanceTest). Evaluating n needs the generator and pools as that scan leaves them before n;
 * they are reached by replaying the draws without testing (a partial shuffle of n values per draw,
 * far cheaper than the test, which sorts 2n values), with {@link Rng}, a copyable re-implementation of
 * {@link SplittableRandom#nextInt(int)}, so a state can be kept and resumed. So the estimate at every
 * n is the same number whichever n are evaluated, and in which order: the result is deterministic.
 *
 * <p>Not every n is tested: n runs over a geometric grid (2, then x{@value #GRID_RATIO}, the full
 * sample size last) up to the first grid point whose median p is below 0.05, and the crossing between
 * it and the previous grid point is found by bisection. This assumes the median p is non-increasing in
 * n (more seeds never make a real difference harder to see). That holds in expectation, but the
 * median is estimated by resampling and wiggles near 0.05 (on the lopes2023 results it dips below
 * 0.05 at n = 10 on class_object, is above at 11 and 12, below again from 13; jigsaw likewise around
 * 99). The exhaustive scan's answer is the FIRST n below 0.05, so after the bisection every n between
 * the last evaluated n whose median p was at least 2 x 0.05 (far from significant) and the crossing
 * found is evaluated in order, up to {@value #REFINE} of them. The answer equals the exhaustive scan's
 * unless the median p falls from above 0.1 to below 0.05 between two evaluated n, or the band is wider
 * than {@value #REFINE} n (only when the crossing lies in the hundreds of seeds). Cost: O(log N)
 * evaluations plus the band, instead of N; replay: O(subsamples * n^2) shuffle steps up to the
 * crossing (skipped when even the full sample has p >= 0.1: then nothing is significant, the curve
 * stops at n = {@value #CHEAP_REPLAY} and the full sample).
 */
public final class SeedsToSignificance {
  public static final int SUBSAMPLES = 200;
  public static final double ALPHA = 0.05;
  /** Ratio between successive n of the grid (rounded up, at least +1). */
  public static final double GRID_RATIO = 1.25;
  /** A median p at or above this is taken as far from significant (no dip below ALPHA right after). */
  static final double BAND = 2 * ALPHA;
  /** Most n checked one by one below the crossing found by bisection, for the first crossing. */
  static final int REFINE = 64;
  /** Up to this n, replaying the draws costs little (subsamples * n^2 shuffle steps). */
  static final int CHEAP_REPLAY = 1000;

  /** At n seeds per searcher: share of subsamples with p < 0.05 and their median p. */
  public record Point(int n, double shareSignificant, double medianP) {}

  /**
   * {@code curve} holds the evaluated n in increasing order; {@code seedsNeeded} is -1 when even the
   * full sample is not significant by that rule.
   */
  public record Result(List<Point> curve, int seedsNeeded) {}

  private SeedsToSignificance() {}

  /** The grid, then bisection (see the class comment). */
  public static Result of(double[] a, double[] b, long seed, int subsamples) {
    int max = Math.min(a.length, b.length);
    if (max < 2) {
      return new Result(List.of(), -1);
    }
    Scan scan = new Scan(a, b, seed, subsamples);
    double full = MannWhitney.test(a, b).p();
    if (full >= BAND && max > CHEAP_REPLAY) {
      // The full sample is far from significant: no n will be (the assumption). The curve stops where
      // replaying the draws gets expensive, then the full sample (the same at any state).
      for (int n : grid(max)) {
        if (n <= CHEAP_REPLAY) {
          scan.at(n);
        }
      }
      scan.done.put(max, new Point(max, full < ALPHA ? 1 : 0, full));
      return new Result(new ArrayList<>(scan.done.values()), -1);
    }
    int previous = 1;
    int hit = -1;
    for (int n : grid(max)) {
      if (scan.at(n).medianP() < ALPHA) {
        hit = n;
        break;
      }
      previous = n;
    }
    int crossing = max + 1; // none
    if (hit > 0) {
      // previous: not significant (1 before the grid); hit: significant. Bisect to adjacent n.
      int lo = previous;
      int hi = hit;
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (scan.at(mid).medianP() < ALPHA) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      crossing = hi;
    }
    // The first crossing: every n between the last evaluated n whose median p was >= 2 alpha (far
    // from significant) and the crossing found, in order (bounded: see REFINE).
    int band = 1;
    for (Point p : scan.done.headMap(crossing, false).descendingMap().values()) {
      if (p.medianP() >= BAND) {
        band = p.n();
        break;
      }
    }
    if (crossing - 1 - band <= REFINE) {
      for (int n = band + 1; n < crossing; n++) {
        if (scan.at(n).medianP() < ALPHA) {
          crossing = n;
          break;
        }
      }
    }
    // The curve goes on over the rest of the grid to all seeds, so a figure shows the whole range of n
    // (the crossing above does not depend on these points: every n is the same number whenever evaluated).
    for (int n : grid(max)) {
      if (n > crossing && n < max && n <= CHEAP_REPLAY) {
        scan.at(n);
      }
    }
    if (!scan.done.containsKey(max)) {
      // All seeds: every subsample is the full sample.
      scan.done.put(max, new Point(max, full < ALPHA ? 1 : 0, full));
    }
    return new Result(new ArrayList<>(scan.done.values()), crossing > max ? -1 : crossing);
  }

  /** The points evaluated so far and the scan's state after each (to replay any n from the nearest). */
  private static final class Scan {
    final TreeMap<Integer, Point> done = new TreeMap<>();
    /** The state after evaluating n, i.e. before n + 1; key 1: the initial state. */
    final TreeMap<Integer, State> after = new TreeMap<>();
    final int subsamples;

    Scan(double[] a, double[] b, long seed, int subsamples) {
      this.subsamples = subsamples;
      after.put(1, new State(seed, a, b));
    }

    Point at(int n) {
      Point p = done.get(n);
      if (p != null) {
        return p;
      }
      State s = after.floorEntry(n - 1).getValue().copy();
      s.skipTo(n, subsamples);
      p = s.evaluate(subsamples);
      after.put(n, s);
      done.put(n, p);
      return p;
    }
  }

  /** The exhaustive scan's generator and pools before it evaluates {@code n}. */
  private static final class State {
    final Rng rng;
    final double[] sa;
    final double[] sb;
    int n;

    State(long seed, double[] a, double[] b) {
      this(new Rng(seed), a.clone(), b.clone(), 2);
    }

    private State(Rng rng, double[] sa, double[] sb, int n) {
      this.rng = rng;
      this.sa = sa;
      this.sb = sb;
      this.n = n;
    }

    State copy() {
      return new State(rng.copy(), sa.clone(), sb.clone(), n);
    }

    /** Replays the draws of every n before {@code target}, without testing. */
    void skipTo(int target, int subsamples) {
      for (; n < target; n++) {
        for (int r = 0; r < subsamples; r++) {
          shuffle(sa, n, rng);
          shuffle(sb, n, rng);
        }
      }
    }

    /** The point at {@code n}; moves on to n + 1. */
    Point evaluate(int subsamples) {
      double[] p = new double[subsamples];
      int significant = 0;
      for (int r = 0; r < subsamples; r++) {
        shuffle(sa, n, rng);
        double[] x = Arrays.copyOf(sa, n);
        shuffle(sb, n, rng);
        p[r] = MannWhitney.test(x, Arrays.copyOf(sb, n)).p();
        significant += p[r] < ALPHA ? 1 : 0;
      }
      Point out = new Point(n, significant / (double) subsamples, median(p));
      n++;
      return out;
    }
  }

  private static double median(double[] p) {
    double[] sorted = p.clone();
    Arrays.sort(sorted);
    int k = sorted.length;
    return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
  }

  /**
   * {@link SplittableRandom} as seeded with {@code new SplittableRandom(seed)}, for {@code nextInt(bound)}
   * only, as a value that can be copied (Java 17's algorithm: SplitMix64 with the golden gamma, mix32,
   * rejection of over-represented values; a test checks it draw for draw against the JDK's).
   */
  static final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long seed;

    Rng(long seed) {
      this.seed = seed;
    }

    Rng copy() {
      return new Rng(seed);
    }

    int nextInt() {
      long z = seed += GOLDEN_GAMMA;
      z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
      return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    int nextInt(int bound) {
      int r = nextInt();
      int m = bound - 1;
      if ((bound & m) == 0) {
        return r & m;
      }
      for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
        // rejected: an over-represented value
      }
      return r;
    }
  }

  /** 2, then x GRID_RATIO (at least +1) up to and including {@code max}. */
  static List<Integer> grid(int max) {
    List<Integer> g = new ArrayList<>();
    for (int n = 2; n < max; n = Math.max(n + 1, (int) Math.ceil(n * GRID_RATIO))) {
      g.add(n);
    }
    g.add(max);
    return g;
  }

  /** A partial Fisher-Yates shuffle of the first n values of {@code pool}, in place. */
  private static void shuffle(double[] pool, int n, Rng rng) {
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(pool.length - i);
      double t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
  }
}
