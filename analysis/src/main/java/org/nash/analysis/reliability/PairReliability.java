package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Holm;
import org.nash.analysis.stats.MannWhitney;

/**
 * How reliably one dataset separates its searchers, with uncertainty, and without counting a tie as
 * unreliability. On the full sample every pair of searchers is tested (two-sided Mann-Whitney U,
 * Holm over the pairs of the dataset); a pair is <em>separated</em> when p_Holm &lt; 0.05 and
 * |Cliff's delta| &gt;= {@value #NEGLIGIBLE} (Romano's "negligible" bound), else it is a <em>tie</em>.
 * Ties are reported and count neither for nor against the dataset.
 *
 * <p>For a separated pair: the probability that a {@code k}-seed study (k seeds of each searcher
 * drawn without replacement) orders the pair as the full sample does, and the seeds per searcher at
 * which the expected two-sided Mann-Whitney z reaches 1.96 (the median study is significant), from
 * Cliff's delta with the tie-corrected variance: n delta / 2 * sqrt(12 / ((2n + 1) tieFactor)) &gt;=
 * 1.96. The per-dataset <em>agreement</em> is Kendall's tau between the k-seed means and the full
 * sample's order over the separated pairs only, (concordant - discordant) / separated pairs: tau-b
 * would put tied pairs in its denominator and cap the agreement below 1 whenever the full sample
 * has a tie, which is what made a fourth searcher that ties with another lower the old ranking
 * probability. Each number has a 95 % percentile interval from {@value #BOOTSTRAP} bootstrap
 * replicates over seeds (each searcher's seeds resampled with replacement; the separation and the
 * direction of each pair stay those of the full sample). Generators are seeded from the caller's
 * seed, so every number is reproducible.
 */
public final class PairReliability {
  public static final double NEGLIGIBLE = 0.147;
  public static final double ALPHA = 0.05;
  public static final int BOOTSTRAP = 200;
  /** k-seed studies drawn per bootstrap replicate. */
  public static final int DRAWS = 200;
  /** k-seed studies drawn for the point estimate. */
  public static final int POINT_DRAWS = 2000;
  /** Seeds needed above this are reported as not reached (infinite). */
  public static final int MAX_SEEDS = 100_000;
  private static final double Z975 = 1.959963984540054;

  /** A number with its 95 % interval; {@code Double.POSITIVE_INFINITY} for "not reached". */
  public record Range(double value, double lo, double hi) {
    public static final Range NONE = new Range(Double.NaN, Double.NaN, Double.NaN);

    /** Whether the two intervals share no point. */
    public boolean apart(Range o) {
      return lo > o.hi || hi < o.lo;
    }
  }

  /**
   * One pair on the full sample. {@code better}: the searcher with the higher mean; {@code delta}:
   * Cliff's delta of {@code a} over {@code b}; the ranges are NONE for a tie.
   */
  public record Pair(String a, String b, double p, double pHolm, double delta, boolean separated, String better,
      Range pSameOrder, Range seedsNeeded) {
    public String label() {
      return a + " vs " + b;
    }
  }

  /** One dataset (its reference pool) in one seed block. {@code agreement}: NONE without a separated pair. */
  public record Dataset(String block, String seedRange, String dataset, String pool, List<String> searchers,
      int seeds, int k, List<Pair> pairs, Range agreement) {
    public long separated() {
      return pairs.stream().filter(Pair::separated).count();
    }

    public long tied() {
      return pairs.size() - separated();
    }
  }

  private PairReliability() {}

  /**
   * @param samples final values of each searcher (NaN-free), in the order of {@code names}
   * @param k seeds per searcher of the small study (capped at the smallest sample)
   */
  public static Dataset of(String block, String seedRange, String dataset, String pool, List<String> names,
      List<double[]> samples, int k, long seed) {
    int s = names.size();
    int kk = Math.min(k, samples.stream().mapToInt(v -> v.length).min().orElse(0));
    List<int[]> idx = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    List<Double> deltas = new ArrayList<>();
    for (int i = 0; i < s; i++) {
      for (int j = i + 1; j < s; j++) {
        double[] a = samples.get(i);
        double[] b = samples.get(j);
        if (a.length < 2 || b.length < 2) {
          continue;
        }
        idx.add(new int[] {i, j});
        ps.add(MannWhitney.test(a, b).p());
        deltas.add(CliffsDelta.of(a, b));
      }
    }
    double[] pHolm = Holm.adjust(ps.stream().mapToDouble(Double::doubleValue).toArray());
    int m = idx.size();
    boolean[] sep = new boolean[m];
    int[] dir = new int[m];
    double[] means = new double[s];
    for (int i = 0; i < s; i++) {
      means[i] = mean(samples.get(i));
    }
    for (int q = 0; q < m; q++) {
      int[] ij = idx.get(q);
      sep[q] = pHolm[q] < ALPHA && Math.abs(deltas.get(q)) >= NEGLIGIBLE && kk >= 1;
      dir[q] = Double.compare(means[ij[0]], means[ij[1]]);
      // A separated pair whose means are equal (delta and mean disagree) has no order to reproduce.
      sep[q] &= dir[q] != 0;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] point = studies(samples, idx, sep, dir, kk, POINT_DRAWS, rng);
    double[][] boot = new double[BOOTSTRAP][];
    double[][] bootSeeds = new double[BOOTSTRAP][m];
    for (int r = 0; r < BOOTSTRAP; r++) {
      List<double[]> re = new ArrayList<>();
      for (double[] v : samples) {
        double[] w = new double[v.length];
        for (int t = 0; t < v.length; t++) {
          w[t] = v[rng.nextInt(v.length)];
        }
        re.add(w);
      }
      boot[r] = studies(re, idx, sep, dir, kk, DRAWS, rng);
      for (int q = 0; q < m; q++) {
        if (sep[q]) {
          double[] a = re.get(idx.get(q)[0]);
          double[] b = re.get(idx.get(q)[1]);
          bootSeeds[r][q] = seedsNeeded(CliffsDelta.of(a, b), tieFactor(a, b));
        }
      }
    }
    List<Pair> pairs = new ArrayList<>();
    for (int q = 0; q < m; q++) {
      int[] ij = idx.get(q);
      String a = names.get(ij[0]);
      String b = names.get(ij[1]);
      Range same = Range.NONE;
      Range need = Range.NONE;
      if (sep[q]) {
        same = range(point[q], column(boot, q));
        need = range(seedsNeeded(deltas.get(q), tieFactor(samples.get(ij[0]), samples.get(ij[1]))),
            column(bootSeeds, q));
      }
      pairs.add(new Pair(a, b, ps.get(q), pHolm[q], deltas.get(q), sep[q], dir[q] > 0 ? a : dir[q] < 0 ? b : null,
          same, need));
    }
    int nSep = 0;
    for (boolean x : sep) {
      nSep += x ? 1 : 0;
    }
    Range agreement = nSep == 0 ? Range.NONE : range(point[m], column(boot, m));
    int seeds = samples.stream().mapToInt(v -> v.length).min().orElse(0);
    return new Dataset(block, seedRange, dataset, pool, List.copyOf(names), seeds, kk, pairs, agreement);
  }

  /**
   * {@code draws} k-seed studies: per separated pair the share ordering it as the full sample does
   * (index q), and the mean agreement over the separated pairs (index m).
   */
  private static double[] studies(List<double[]> samples, List<int[]> idx, boolean[] sep, int[] dir, int k,
      int draws, SplittableRandom rng) {
    int m = idx.size();
    double[] out = new double[m + 1];
    int nSep = 0;
    for (boolean x : sep) {
      nSep += x ? 1 : 0;
    }
    if (nSep == 0) {
      out[m] = Double.NaN;
      return out;
    }
    List<double[]> pools = new ArrayList<>();
    for (double[] v : samples) {
      pools.add(v.clone());
    }
    double[] sub = new double[samples.size()];
    double agree = 0;
    for (int d = 0; d < draws; d++) {
      for (int i = 0; i < pools.size(); i++) {
        double[] p = pools.get(i);
        double sum = 0;
        for (int j = 0; j < k; j++) {
          int r = j + rng.nextInt(p.length - j);
          double t = p[j];
          p[j] = p[r];
          p[r] = t;
          sum += p[j];
        }
        sub[i] = sum / k;
      }
      int score = 0;
      for (int q = 0; q < m; q++) {
        if (!sep[q]) {
          continue;
        }
        int c = Double.compare(sub[idx.get(q)[0]], sub[idx.get(q)[1]]);
        if (c == dir[q]) {
          out[q]++;
          score++;
        } else if (c != 0) {
          score--;
        }
      }
      agree += score / (double) nSep;
    }
    for (int q = 0; q < m; q++) {
      out[q] /= draws;
    }
    out[m] = agree / draws;
    return out;
  }

  /**
   * Seeds per searcher at which the expected two-sided Mann-Whitney z reaches 1.96: the smallest n
   * with n |delta| / 2 * sqrt(12 / ((2n + 1) tf)) &gt;= 1.96; infinity when not reached by MAX_SEEDS.
   */
  public static double seedsNeeded(double delta, double tieFactor) {
    double d = Math.abs(delta);
    if (!(d > 0) || !(tieFactor > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    // z grows like sqrt(n): bisect on the monotone expression.
    int lo = 1;
    int hi = MAX_SEEDS;
    if (z(hi, d, tieFactor) < Z975) {
      return Double.POSITIVE_INFINITY;
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (z(mid, d, tieFactor) >= Z975) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return z(lo, d, tieFactor) >= Z975 ? lo : hi;
  }

  private static double z(int n, double d, double tf) {
    return n * d / 2 * Math.sqrt(12.0 / ((2.0 * n + 1) * tf));
  }

  /** 1 - sum(t^3 - t) / (N^3 - N) over the groups of equal values of the two samples pooled. */
  static double tieFactor(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    double n = all.length;
    double ties = 0;
    for (int i = 0; i < all.length;) {
      int j = i;
      while (j < all.length && all[j] == all[i]) {
        j++;
      }
      double t = j - i;
      ties += t * t * t - t;
      i = j;
    }
    return n < 2 ? 1 : 1 - ties / (n * n * n - n);
  }

  private static double[] column(double[][] rows, int q) {
    double[] out = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      out[r] = rows[r][q];
    }
    return out;
  }

  /** The 2.5 and 97.5 percentiles (nearest rank) of the replicates around the point value. */
  static Range range(double value, double[] reps) {
    double[] s = reps.clone();
    Arrays.sort(s);
    return new Range(value, org.nash.analysis.stats.Bootstrap.nearestRank(s, 0.025),
        org.nash.analysis.stats.Bootstrap.nearestRank(s, 0.975));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }
}
