package org.nash.analysis.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Table;
import org.nash.analysis.stats.Interval;

/** Writes the reliability analyses of one experiment into {@code reliability/} of its folder. */
public final class ReliabilityReport {
  public static final String DIR = "reliability";

  private ReliabilityReport() {}

  public static List<Artifacts.Entry> write(Reliability.Result r, Path dir, String section) {
    List<Artifacts.Entry> out = new ArrayList<>();
    table(r).write(dir, DIR + "/reliability");
    out.add(new Artifacts.Entry(DIR + "/reliability.csv", "table", section,
        "Reliability of each dataset for comparing searchers",
        "Per dataset, on its reference pool (full when run). ranking: searchers by mean final reported value"
            + " over all seeds. p_same_ranking: bootstrap probability (" + RankingStability.RESAMPLES
            + " resamples of each searcher's seeds with replacement, seeded, so reproducible) that the ranking"
            + " equals the full-sample ranking (every pair ordered the same way). p_same_ranking_"
            + Reliability.SMALL_STUDY + "_seeds: the same for a small study, " + Reliability.SMALL_STUDY
            + " seeds of each searcher drawn without replacement. re_vs_rs_p / re_vs_rs_delta:"
            + " two-sided Mann-Whitney U p-value and Cliff's delta (RE over RS) on all seeds. seeds_to_p05:"
            + " smallest n of seeds per searcher at which the median p-value of RE vs RS over "
            + SeedsToSignificance.SUBSAMPLES + " subsamples (n seeds of each, drawn without replacement) is below"
            + " 0.05, i.e. at which at least half of n-seed studies would find the difference; empty = not reached"
            + " with max_seeds (found on a geometric grid of n refined by bisection: the same n as testing every n"
            + " with the same draws, see the power table). share_within_1pp: share of all architectures of the space whose reported value is"
            + " within 1 percentage point of the best (metrics in % only); share_within_1pct: within 1 % of the"
            + " best's magnitude. Higher p_same_ranking, fewer seeds_to_p05 and a less crowded top mean a dataset"
            + " separates searchers more reliably. JSON twin: " + DIR + "/reliability.json."));

    if (!r.power().isEmpty()) {
      powerTable(r.power()).write(dir, DIR + "/power");
      out.add(new Artifacts.Entry(DIR + "/power.csv", "table", section, "RE vs RS: significance by number of seeds (data)",
          "For each dataset (reference pool) and n seeds per searcher: the share of " + SeedsToSignificance.SUBSAMPLES
              + " subsamples (n seeds of RE and of RS, without replacement) whose two-sided Mann-Whitney U p-value"
              + " is below 0.05, and the median p-value. Only the n evaluated are listed: a geometric grid (x"
              + SeedsToSignificance.GRID_RATIO + ") up to the first n with median p < 0.05, the bisection to the"
              + " crossing and the n just below it; each value is what testing every n in turn gives at that n."
              + " JSON twin: " + DIR + "/power.json."));
      Charts.save(powerChart(r.power()), dir, DIR + "/power");
      out.add(new Artifacts.Entry(DIR + "/power.png", "figure", section,
          "RE vs RS: share of n-seed studies that find a significant difference",
          "x: seeds per searcher (n); y: share of " + SeedsToSignificance.SUBSAMPLES + " random n-seed subsamples in"
              + " which RE and RS differ at p < 0.05 (two-sided Mann-Whitney U on final reported values), one line per"
              + " dataset. The grey line at 0.5 marks the seeds_to_p05 rule of the reliability table: a dataset whose"
              + " curve rises earlier needs fewer seeds to separate the two searchers."));
    }

    if (!r.transfer().isEmpty()) {
      transferTable(r.transfer()).write(dir, DIR + "/transfer");
      out.add(new Artifacts.Entry(DIR + "/transfer.csv", "table", section,
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
    Table t = new Table("dataset", "pool", "searchers", "seeds", "ranking", "p_same_ranking",
        "p_same_ranking_" + Reliability.SMALL_STUDY + "_seeds", "re_vs_rs_p",
        "re_vs_rs_delta", "seeds_to_p05", "max_seeds", "optimum", "share_within_1pp", "share_within_1pct");
    for (Reliability.Row x : r.rows()) {
      t.add(x.dataset(), x.pool(), String.join(" ", x.searchers()), x.seeds(), x.ranking(), x.pSameRanking(),
          x.pSameRankingSmall(), x.reVsRsP(), x.reVsRsDelta(), x.seedsToP05() < 0 ? null : x.seedsToP05(), x.maxSeeds(),
          x.near().optimum(), x.near().within1pp(), x.near().within1pct());
    }
    return t;
  }

  static Table powerTable(Map<String, SeedsToSignificance.Result> power) {
    Table t = new Table("dataset", "seeds", "share_p_below_005", "median_p");
    power.forEach((ds, res) -> res.curve().forEach(p -> t.add(ds, p.n(), p.shareSignificant(), p.medianP())));
    return t;
  }

  static Table transferTable(List<Transfer.Row> rows) {
    Table t = new Table("source", "target", "pool", "searcher", "trials", "source_regret_mean", "transfer_regret_mean",
        "transfer_regret_ci_lo", "transfer_regret_ci_hi", "transfer_regret_sd", "direct_trials", "direct_regret_mean",
        "direct_regret_sd", "p", "cliffs_delta");
    for (Transfer.Row x : rows) {
      Interval tr = x.transferRegret();
      t.add(x.source(), x.target(), x.pool(), x.searcher(), tr.n(), x.sourceRegret().mean(), tr.mean(), tr.lo(), tr.hi(),
          tr.sd(), x.directRegret().n(), x.directRegret().mean(), x.directRegret().sd(), x.p(), x.delta());
    }
    return t;
  }

  private static org.knowm.xchart.XYChart powerChart(Map<String, SeedsToSignificance.Result> power) {
    List<Charts.Series> series = new ArrayList<>();
    int i = 0;
    int max = 2;
    for (Map.Entry<String, SeedsToSignificance.Result> e : power.entrySet()) {
      List<SeedsToSignificance.Point> c = e.getValue().curve();
      if (c.isEmpty()) {
        i++;
        continue;
      }
      double[] x = c.stream().mapToDouble(SeedsToSignificance.Point::n).toArray();
      double[] y = c.stream().mapToDouble(SeedsToSignificance.Point::shareSignificant).toArray();
      max = Math.max(max, (int) x[x.length - 1]);
      series.add(new Charts.Series(e.getKey(), x, y, null, null, i++, 0));
    }
    series.add(new Charts.Series("0.5 (median p < 0.05)", new double[] {2, max}, new double[] {0.5, 0.5}, null, null,
        7, 1));
    return Charts.lines("RE vs RS: share of n-seed subsamples with p < 0.05", "seeds per searcher (log scale)",
        "share significant", true, series);
  }
}
