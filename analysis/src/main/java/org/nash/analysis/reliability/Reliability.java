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
   * pSameRankingSmall}: the same for {@link #SMALL_STUDY} seeds per searcher. {@code pair*}: the
   * first comparison of {@link Options} on this dataset ({@code pair} "a vs b"; p: two-sided
   * Mann-Whitney U on all seeds; delta: Cliff's delta of a over b); null / NaN / -1 when there is
   * none or it is never significant.
   */
  public record Row(String dataset, String pool, List<String> searchers, int seeds, String ranking,
      double pSameRanking, double pSameRankingSmall, String pair, double pairP, double pairDelta, int seedsToP05,
      int maxSeeds, NearOptimum.Share near) {}

  /** One comparison of searcher {@code a} against {@code b} on a dataset's reference pool. */
  public record PairRow(String dataset, String pool, String a, String b, double p, double delta, int seedsToP05,
      int maxSeeds, SeedsToSignificance.Result power) {
    public String label() {
      return a + " vs " + b;
    }
  }

  /**
   * Which searchers to compare. {@code pairs}: explicit (a, b) pairs of labels or names; {@code
   * baseline}: every other searcher against it; neither: {@code re} vs {@code rs} when both ran,
   * else every searcher against the first. {@code reference}: the dataset whose architectures are
   * looked up on the others (transfer); null: cifar10 (or cifar10-valid) when present.
   */
  public record Options(String baseline, List<List<String>> pairs, String reference) {
    public static final Options DEFAULT = new Options(null, List.of(), null);
  }

  public record Result(List<Row> rows, Map<String, SeedsToSignificance.Result> power, List<Transfer.Row> transfer,
      String transferSource, List<PairRow> pairs) {}

  private Reliability() {}

  public static Result of(Groups g, Benchmark b, Map<String, String> searcherNames) {
    return of(g, b, searcherNames, Options.DEFAULT);
  }

  /**
   * @param searcherNames searcher label to searcher name (from the experiment's config), so that a
   *     searcher labelled e.g. {@code rea} is still recognised as RE; labels missing from it are names
   */
  public static Result of(Groups g, Benchmark b, Map<String, String> searcherNames, Options options) {
    return of(g, b, searcherNames, options, null);
  }

  public static Result of(Groups g, Benchmark b, Map<String, String> searcherNames, org.nash.io.Progress progress) {
    return of(g, b, searcherNames, Options.DEFAULT, progress);
  }

  /** {@link #of(Groups, Benchmark, Map, Options)}, advancing {@code progress} (if not null) by one per dataset. */
  public static Result of(Groups g, Benchmark b, Map<String, String> searcherNames, Options options,
      org.nash.io.Progress progress) {
    List<Row> rows = new ArrayList<>();
    List<PairRow> pairRows = new ArrayList<>();
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
      List<String[]> pairs = pairs(ss, searcherNames, options);
      PairRow first = null;
      for (int i = 0; i < pairs.size(); i++) {
        String[] pr = pairs.get(i);
        double[] a = sample(g, ds, pool, pr[0]);
        double[] c = sample(g, ds, pool, pr[1]);
        if (a.length == 0 || c.length == 0) {
          continue;
        }
        // The first pair keeps the generator of the former RE-vs-RS analysis: same numbers as before.
        SeedsToSignificance.Result r = SeedsToSignificance.of(a, c,
            seed(ds, i == 0 ? "seeds" : "seeds|" + pr[0] + "|" + pr[1]), SeedsToSignificance.SUBSAMPLES);
        PairRow row = new PairRow(ds, pool, pr[0], pr[1], MannWhitney.test(a, c).p(), CliffsDelta.of(a, c),
            r.seedsNeeded(), Math.min(a.length, c.length), r);
        pairRows.add(row);
        if (first == null) {
          first = row;
          power.put(ds, r);
        }
      }
      NearOptimum.Share near = NearOptimum.of(b.table().column(b.objective(ds).reportedKey()));
      rows.add(new Row(ds, pool, ss, seeds, RankingStability.describe(ss, samples), pSame, pSmall,
          first == null ? null : first.label(), first == null ? Double.NaN : first.p(),
          first == null ? Double.NaN : first.delta(), first == null ? -1 : first.seedsToP05(),
          first == null ? 0 : first.maxSeeds(), near));
      if (progress != null) {
        progress.advance(1);
      }
    }
    String source = options.reference() != null ? options.reference()
        : g.datasets().contains("cifar10") ? "cifar10" : g.datasets().contains("cifar10-valid") ? "cifar10-valid" : null;
    List<Transfer.Row> transfer = new ArrayList<>();
    if (source != null && g.datasets().contains(source)) {
      // cifar10-valid and cifar10 share the search signal: not another dataset to transfer to.
      boolean cifar = source.equals("cifar10") || source.equals("cifar10-valid");
      List<String> targets = b.datasets().stream()
          .filter(d -> !d.equals(source) && !(cifar && (d.equals("cifar10") || d.equals("cifar10-valid")))).toList();
      transfer = Transfer.of(g, b, source, targets);
    }
    return new Result(rows, power, transfer, transfer.isEmpty() ? null : source, pairRows);
  }

  /** The (a, b) label pairs to compare among the searchers {@code ss} of a dataset, in order. */
  static List<String[]> pairs(List<String> ss, Map<String, String> names, Options o) {
    List<String[]> out = new ArrayList<>();
    for (List<String> p : o.pairs()) {
      String a = label(ss, names, p.get(0));
      String c = label(ss, names, p.get(1));
      if (a != null && c != null && !a.equals(c)) {
        out.add(new String[] {a, c});
      }
    }
    if (o.baseline() != null) {
      String base = label(ss, names, o.baseline());
      if (base != null) {
        for (String s : ss) {
          if (!s.equals(base) && out.stream().noneMatch(x -> x[0].equals(s) && x[1].equals(base))) {
            out.add(new String[] {s, base});
          }
        }
      }
    }
    if (o.pairs().isEmpty() && o.baseline() == null) {
      String re = find(ss, names, "re");
      String rs = find(ss, names, "rs");
      if (re != null && rs != null) {
        out.add(new String[] {re, rs});
      } else {
        for (int i = 1; i < ss.size(); i++) {
          out.add(new String[] {ss.get(i), ss.get(0)});
        }
      }
    }
    return out;
  }

  /** The label {@code x} names: a label itself, else the first searcher whose name it is; null if none. */
  static String label(List<String> ss, Map<String, String> names, String x) {
    return ss.contains(x) ? x : find(ss, names, x);
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
