package org.nash.analysis.reliability;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Plot;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;
import org.nash.analysis.stats.Interval;

/** Writes the reliability analyses of one experiment into {@code reliability/} of its folder. */
public final class ReliabilityReport {
  public static final String DIR = "reliability";
  /** Per dataset: how reliably it separates searchers. */
  public static final TableSpec RELIABILITY = TableSpec.of(DIR + "/reliability", "dataset", "pool", "searchers",
      "seeds", "ranking", "p_same_ranking", "p_same_ranking_" + Reliability.SMALL_STUDY + "_seeds", "pair", "pair_p",
      "pair_delta", "seeds_to_p05", "max_seeds", "optimum", "share_within_1pp", "share_within_1pct");
  /** Each comparison asked for: p, Cliff's delta and seeds needed. */
  public static final TableSpec PAIRS = TableSpec.of(DIR + "/pairs", "dataset", "pool", "a", "b", "p", "cliffs_delta",
      "seeds_to_p05", "max_seeds");
  /** Share of n-seed studies that find a pair significant, per n. */
  public static final TableSpec POWER = TableSpec.of(DIR + "/power", "dataset", "pair", "seeds", "share_p_below_005",
      "median_p");
  /** Regret on other datasets of the architectures found on the reference. */
  public static final TableSpec TRANSFER = TableSpec.of(DIR + "/transfer", "source", "target", "pool", "searcher",
      "trials", "source_regret_mean", "transfer_regret_mean", "transfer_regret_ci_lo", "transfer_regret_ci_hi",
      "transfer_regret_std", "direct_trials", "direct_regret_mean", "direct_regret_std", "p", "cliffs_delta");

  private ReliabilityReport() {}

  public static List<Artifacts.Entry> write(Reliability.Result r, Path dir, String section) {
    List<Artifacts.Entry> out = new ArrayList<>();
    table(r).write(dir, RELIABILITY.path());
    out.add(new Artifacts.Entry(RELIABILITY.csv(), "table", section,
        "Reliability of each dataset for comparing searchers",
        "Per dataset, on its reference pool (full when run). ranking: searchers by mean final reported value"
            + " over all seeds. p_same_ranking: bootstrap probability (" + RankingStability.RESAMPLES
            + " resamples of each searcher's seeds with replacement, seeded, so reproducible) that the ranking"
            + " equals the full-sample ranking (every pair ordered the same way). p_same_ranking_"
            + Reliability.SMALL_STUDY + "_seeds: the same for a small study, " + Reliability.SMALL_STUDY
            + " seeds of each searcher drawn without replacement. pair: the first comparison (nash report"
            + " --baseline / --pair; default RE vs RS); pair_p / pair_delta: two-sided Mann-Whitney U p-value and"
            + " Cliff's delta (a over b) on all seeds. seeds_to_p05:"
            + " smallest n of seeds per searcher at which the median p-value of the pair over "
            + SeedsToSignificance.SUBSAMPLES + " subsamples (n seeds of each, drawn without replacement) is below"
            + " 0.05, i.e. at which at least half of n-seed studies would find the difference; empty = not reached"
            + " with max_seeds (found on a geometric grid of n refined by bisection: the same n as testing every n"
            + " with the same draws, see the power table). share_within_1pp: share of all architectures of the space whose reported value is"
            + " within 1 percentage point of the best (metrics in % only); share_within_1pct: within 1 % of the"
            + " best's magnitude. Higher p_same_ranking, fewer seeds_to_p05 and a less crowded top mean a dataset"
            + " separates searchers more reliably. JSON twin: " + DIR + "/reliability.json."));

    if (!r.pairs().isEmpty()) {
      pairsTable(r.pairs()).write(dir, PAIRS.path());
      out.add(new Artifacts.Entry(PAIRS.csv(), "table", section, "Searcher pairs: difference and seeds needed",
          "Every comparison asked for (nash report --baseline LABEL: every searcher against it; --pair A,B; default"
              + " RE vs RS) on each dataset's reference pool: p and cliffs_delta (a over b, positive = a better) of"
              + " the two-sided Mann-Whitney U test on all seeds, and seeds_to_p05 as in the reliability table. JSON"
              + " twin: " + DIR + "/pairs.json."));
      powerTable(r.pairs()).write(dir, POWER.path());
      out.add(new Artifacts.Entry(POWER.csv(), "table", section, "Significance by number of seeds (data)",
          "For each dataset (reference pool), searcher pair (a vs b) and n seeds per searcher on a geometric grid:"
              + " the share of " + SeedsToSignificance.SUBSAMPLES + " subsamples (n seeds of a and of b, without"
              + " replacement) whose two-sided Mann-Whitney U p-value is below 0.05, and the median p-value. Only the"
              + " n evaluated are listed: a geometric grid (x" + SeedsToSignificance.GRID_RATIO + ") up to the first n"
              + " with median p < 0.05, the bisection to the crossing and the n just below it, then the rest of the"
              + " grid up to all seeds (replayed up to n = 1000); each value is what"
              + " testing every n in turn gives at that n. JSON twin: " + DIR + "/power.json."));
      java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>();
      r.pairs().forEach(x -> labels.add(x.label()));
      boolean firstFig = true;
      for (String label : labels) {
        List<Reliability.PairRow> rows = r.pairs().stream().filter(x -> x.label().equals(label)).toList();
        String base = DIR + "/power" + (firstFig ? "" : "-" + label.replace(" vs ", "-vs-").replaceAll("[^A-Za-z0-9._-]", "_"));
        Charts.save(powerChart(label, rows), dir, base);
        out.add(new Artifacts.Entry(base + ".png", "figure", section,
            label + ": share of n-seed studies that find a significant difference",
            "x: seeds per searcher (n, log scale); y: share of " + SeedsToSignificance.SUBSAMPLES + " random n-seed"
                + " subsamples in which " + label + " differ at p < 0.05 (two-sided Mann-Whitney U on final reported"
                + " values), one line per dataset, over every n evaluated up to all seeds. The grey line at 50 % marks the seeds_to_p05 rule of the"
                + " reliability table: a dataset whose curve rises earlier needs fewer seeds to separate the two"
                + " searchers."));
        firstFig = false;
      }
    }

    if (!r.transfer().isEmpty()) {
      transferTable(r.transfer()).write(dir, TRANSFER.path());
      out.add(new Artifacts.Entry(TRANSFER.csv(), "table", section,
          "Regret on other datasets of the architectures found on " + r.transferSource(),
          "For every trial on " + r.transferSource() + ", its final architecture looked up in the target dataset's"
              + " reported column; transfer_regret = target's full-space optimum − that value (mean with 95 % t"
              + " interval). source_regret: the same trials' regret on " + r.transferSource() + ". direct_regret:"
              + " final regret of the same searcher and pool searching on the target itself (its own budget), when"
              + " run. p and cliffs_delta compare transfer with direct regrets (two-sided Mann-Whitney U; positive"
              + " delta = the transferred architecture is worse than searching directly). JSON twin: "
              + DIR + "/transfer.json."));
    }
    return out;
  }

  static Table table(Reliability.Result r) {
    Table t = RELIABILITY.table();
    for (Reliability.Row x : r.rows()) {
      t.add(x.dataset(), x.pool(), String.join(" ", x.searchers()), x.seeds(), x.ranking(), x.pSameRanking(),
          x.pSameRankingSmall(), x.pair(), x.pairP(), x.pairDelta(), x.seedsToP05() < 0 ? null : x.seedsToP05(), x.maxSeeds(),
          x.near().optimum(), x.near().within1pp(), x.near().within1pct());
    }
    return t;
  }

  static Table pairsTable(List<Reliability.PairRow> pairs) {
    Table t = PAIRS.table();
    for (Reliability.PairRow x : pairs) {
      t.add(x.dataset(), x.pool(), x.a(), x.b(), x.p(), x.delta(), x.seedsToP05() < 0 ? null : x.seedsToP05(),
          x.maxSeeds());
    }
    return t;
  }

  static Table powerTable(List<Reliability.PairRow> pairs) {
    Table t = POWER.table();
    for (Reliability.PairRow x : pairs) {
      x.power().curve().forEach(p -> t.add(x.dataset(), x.label(), p.n(), p.shareSignificant(), p.medianP()));
    }
    return t;
  }

  static Table transferTable(List<Transfer.Row> rows) {
    Table t = TRANSFER.table();
    for (Transfer.Row x : rows) {
      Interval tr = x.transferRegret();
      t.add(x.source(), x.target(), x.pool(), x.searcher(), tr.n(), x.sourceRegret().mean(), tr.mean(), tr.lo(), tr.hi(),
          tr.sd(), x.directRegret().n(), x.directRegret().mean(), x.directRegret().sd(), x.p(), x.delta());
    }
    return t;
  }

  private static Plot powerChart(String label, List<Reliability.PairRow> rows) {
    Plot plot = new Plot(label + ": share of n-seed subsamples with p < 0.05", "seeds per searcher (log scale)",
        "share of subsamples significant (%)", true, false).yRange(-4, 104);
    int i = 0;
    for (Reliability.PairRow row : rows) {
      List<SeedsToSignificance.Point> c = row.power().curve();
      // Datasets take the palette from its end: searchers take it from the start in the other figures.
      Color color = Charts.color(8 - i++);
      if (c.isEmpty()) {
        continue;
      }
      double[] x = c.stream().mapToDouble(SeedsToSignificance.Point::n).toArray();
      double[] y = c.stream().mapToDouble(p -> 100 * p.shareSignificant()).toArray();
      // The n evaluated are sparse (a grid refined near the crossing): dots show where the values are.
      plot.add(new Plot.Series(row.dataset(), x, y, null, null, color, null, true, true, true));
    }
    return plot.rule(50, "50 % (median p < 0.05)", Color.GRAY);
  }
}
