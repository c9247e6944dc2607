package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.MannWhitney;
import org.nash.benchmark.Benchmark;

/**
 * The reliability of each dataset for comparing searchers, on its reference pool ({@code full}
 * when present): ranking stability over seeds, seeds needed for RE vs RS to differ significantly,
 * how crowded the top of the space is, and (NB201) how CIFAR-10 results transfer. Resampling uses
 * generators seeded from a fixed number and the dataset name, so results are reproducible.
 */
public final class Reliability {
  static final long SEED = 20230329L;
  /** Seeds per searcher of the "small study" ranking probability. */
  public static final int SMALL_STUDY = 10;

  /**
   * One dataset. {@code pSameRanking}: bootstrap probability over all seeds; {@code
   * pSameRankingSmall}: the same for {@link #SMALL_STUDY} seeds per searcher. {@code reVsRs*}
   * compare the final values of the searchers named {@code re} and {@code rs} (p: two-sided
   * Mann-Whitney U on all seeds; delta: Cliff's delta of RE over RS); NaN / -1 when either is
   * missing or never significant.
   */
  public record Row(String dataset, String pool, List<String> searchers, int seeds, String ranking,
      double pSameRanking, double pSameRankingSmall, double reVsRsP, double reVsRsDelta, int seedsToP05, int maxSeeds,
      NearOptimum.Share near) {}

  public record Result(List<Row> rows, Map<String, SeedsToSignificance.Result> power, List<Transfer.Row> transfer,
      String transferSource) {}

  private Reliability() {}

  /**
   * @param searcherNames searcher label to searcher name (from the experiment's config), so that a
   *     searcher labelled e.g. {@code rea} is still recognised as RE; labels missing from it are names
   */
  public static Result of(Groups g, Benchmark b, Map<String, String> searcherNames) {
    return of(g, b, searcherNames, null);
  }

  /** {@link #of(Groups, Benchmark, Map)}, advancing {@code progress} (if not null) by one per dataset. */
  public static Result of(Groups g, Benchmark b, Map<String, String> searcherNames, org.nash.io.Progress progress) {
    List<Row> rows = new ArrayList<>();
    Map<String, SeedsToSignificance.Result> power = new LinkedHashMap<>();
    for (String ds : g.datasets()) {
      String pool = g.referencePool(ds);
      List<String> ss = g.searchers(ds, pool);
      List<double[]> samples = new ArrayList<>();
      int seeds = Integer.MAX_VALUE;
      for (String s : ss) {
        double[] v = sample(g, ds, pool, s);
        samples.add(v);
        seeds = Math.min(seeds, v.length);
      }
      double pSame = ss.size() < 2 ? Double.NaN
          : RankingStability.probability(samples, rng(ds, "ranking"), RankingStability.RESAMPLES);
      double pSmall = ss.size() < 2 ? Double.NaN : RankingStability.subsampleProbability(samples, SMALL_STUDY,
          rng(ds, "ranking-small"), RankingStability.RESAMPLES);
      String re = find(ss, searcherNames, "re");
      String rs = find(ss, searcherNames, "rs");
      double p = Double.NaN;
      double delta = Double.NaN;
      int needed = -1;
      int max = 0;
      if (re != null && rs != null) {
        double[] a = sample(g, ds, pool, re);
        double[] c = sample(g, ds, pool, rs);
        p = MannWhitney.test(a, c).p();
        delta = CliffsDelta.of(a, c);
        SeedsToSignificance.Result r = SeedsToSignificance.of(a, c, seed(ds, "seeds"), SeedsToSignificance.SUBSAMPLES);
        power.put(ds, r);
        needed = r.seedsNeeded();
        max = Math.min(a.length, c.length);
      }
      NearOptimum.Share near = NearOptimum.of(b.table().column(b.objective(ds).reportedKey()));
      rows.add(new Row(ds, pool, ss, seeds, RankingStability.describe(ss, samples), pSame, pSmall, p, delta, needed,
          max, near));
      if (progress != null) {
        progress.advance(1);
      }
    }
    String source = g.datasets().contains("cifar10") ? "cifar10"
        : g.datasets().contains("cifar10-valid") ? "cifar10-valid" : null;
    List<Transfer.Row> transfer = new ArrayList<>();
    if (source != null) {
      // cifar10-valid and cifar10 share the search signal: not another dataset to transfer to.
      List<String> targets = b.datasets().stream()
          .filter(d -> !d.equals("cifar10") && !d.equals("cifar10-valid")).toList();
      transfer = Transfer.of(g, b, source, targets);
    }
    return new Result(rows, power, transfer, source);
  }

  /** The first searcher label whose name (or label) is {@code name}. */
  static String find(List<String> labels, Map<String, String> names, String name) {
    for (String l : labels) {
      if (names.getOrDefault(l, l).equals(name)) {
        return l;
      }
    }
    return null;
  }

  private static double[] sample(Groups g, String ds, String pool, String s) {
    return java.util.Arrays.stream(g.finalReported(ds, pool, s)).filter(x -> !Double.isNaN(x)).toArray();
  }

  /** A generator that depends only on the dataset and what it is for. */
  static SplittableRandom rng(String dataset, String purpose) {
    return new SplittableRandom(seed(dataset, purpose));
  }

  /** The seed of {@link #rng}. */
  static long seed(String dataset, String purpose) {
    return SEED * 31 + (dataset + "|" + purpose).hashCode();
  }
}
