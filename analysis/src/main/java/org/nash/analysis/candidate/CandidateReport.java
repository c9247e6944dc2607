package org.nash.analysis.candidate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;
import org.nash.analysis.reliability.SeedsToSignificance;
import org.nash.analysis.stats.CliffsDelta;

/**
 * Writes the candidate verdict of one experiment into {@code candidate/} of its folder (tables as
 * CSV and JSON) and returns their artifact entries; the page's first section is built from them.
 */
public final class CandidateReport {
  public static final String DIR = "candidate";
  /** The candidate against each baseline, per dataset and pool. */
  public static final TableSpec VERDICT = TableSpec.of(DIR + "/verdict", "candidate", "dataset", "pool", "baseline",
      "n_candidate", "n_baseline", "mean_candidate", "mean_baseline", "mean_difference", "u", "p", "p_holm",
      "cliffs_delta", "magnitude", "outcome", "strongest");
  /** Wins, ties and losses of the candidate per baseline. */
  public static final TableSpec TALLY = TableSpec.of(DIR + "/tally", "candidate", "baseline", "wins", "ties",
      "losses", "cells");
  /** Seeds a study needs against the strongest baseline of each cell. */
  public static final TableSpec SEEDS = TableSpec.of(DIR + "/seeds", "candidate", "dataset", "pool",
      "strongest_baseline", "p", "cliffs_delta", "seeds_to_p05", "max_seeds");
  /** Share of n-seed studies that find the candidate different, per n. */
  public static final TableSpec POWER = TableSpec.of(DIR + "/power", "candidate", "dataset", "pool",
      "strongest_baseline", "seeds", "share_p_below_005", "median_p");
  /** The candidate against each baseline over the budget. */
  public static final TableSpec ANYTIME = TableSpec.of(DIR + "/anytime", "candidate", "dataset", "pool", "baseline",
      "axis", "fraction", "budget", "n_candidate", "n_baseline", "mean_candidate", "mean_baseline", "p", "p_holm",
      "cliffs_delta", "outcome");
  /** The budget from which the candidate stays significantly better. */
  public static final TableSpec ONSET = TableSpec.of(DIR + "/onset", "candidate", "dataset", "pool", "baseline",
      "axis", "significant_from", "fraction", "final_budget");

  private CandidateReport() {}

  public static List<Artifacts.Entry> write(CandidateVerdict.Result r, Path dir, String section) {
    List<Artifacts.Entry> out = new ArrayList<>();
    verdictTable(r).write(dir, VERDICT.path());
    out.add(table(VERDICT.path(), section, "Candidate against each baseline, per dataset and pool",
        "Final reported value of every trial of the candidate (a) against each baseline (b) in each dataset and pool:"
            + " two-sided Mann-Whitney U (as scipy.stats.mannwhitneyu, asymptotic, tie- and continuity-corrected);"
            + " p_holm: Holm-corrected over ALL of the candidate's comparisons (every dataset, pool and baseline);"
            + " cliffs_delta = P(a > b) − P(a < b), positive: the candidate is better; outcome: win / loss when"
            + " p_holm < 0.05 and |delta| ≥ " + CandidateVerdict.NEGLIGIBLE + " (not negligible, Romano et al.), else"
            + " tie. strongest: the baseline with the best mean in that cell."));
    tallyTable(r).write(dir, TALLY.path());
    out.add(table(TALLY.path(), section, "Wins, ties and losses of the candidate per baseline",
        "Counts of the verdict table's outcomes over the dataset × pool cells, per baseline and over all (all)."));
    CandidateVerdict.Ranking k = r.ranking();
    ranksTable(k, r.candidates()).write(dir, DIR + "/ranks");
    out.add(table(DIR + "/ranks", section, "Average ranks over datasets and pools (Friedman, Nemenyi)",
        "Rank of every searcher in each dataset × pool cell by its mean final reported value (1 = best, ties share"
            + " the average rank), the average over the cells, and in every row the Friedman test over the cells"
            + " (chi2 with tie correction, as scipy.stats.friedmanchisquare; p from chi-square with k − 1 degrees of"
            + " freedom) and the Nemenyi critical difference cd at α = 0.05 (Demsar 2006): two searchers whose"
            + " average ranks differ by less than cd are not significantly different."
            + (k.excluded().isEmpty() ? "" : " Not ranked (missing from some cell): " + String.join(", ", k.excluded())
                + ".")));
    seedsTable(r.seeds()).write(dir, SEEDS.path());
    out.add(table(SEEDS.path(), section, "Seeds a study needs against the strongest baseline",
        "In each dataset and pool, the candidate against the baseline with the best mean there: p and cliffs_delta on"
            + " all seeds, and seeds_to_p05, the smallest n of seeds per searcher at which the median p-value of"
            + " n-seed subsamples (" + SeedsToSignificance.SUBSAMPLES + " draws without replacement) is below 0.05"
            + " (empty: not reached with max_seeds; one test, not Holm-corrected). Curves: candidate/power.csv."));
    powerTable(r.seeds()).write(dir, POWER.path());
    out.add(table(POWER.path(), section, "Significance by number of seeds against the strongest baseline (data)",
        "Share of n-seed subsamples with p < 0.05 and their median p, at every n evaluated up to all seeds."));
    anytimeTable(r.anytime()).write(dir, ANYTIME.path());
    out.add(table(ANYTIME.path(), section, "Candidate against each baseline over the budget (data)",
        "The verdict's test at " + CandidateVerdict.ANYTIME_POINTS + " budgets, geometric from 1/64 of the largest"
            + " budget (or spend) of the dataset to all of it, on the budget's own axis (seconds where recorded,"
            + " else queries): the incumbent's reported value of every trial at that budget; Holm over the"
            + " candidate's comparisons at that budget fraction; outcome as in the verdict."));
    onsetTable(r.onsets()).write(dir, ONSET.path());
    out.add(table(ONSET.path(), section, "Budget from which the candidate is significantly better",
        "Per dataset, pool and baseline: the smallest budget of the anytime table from which every larger budget is"
            + " a win (significant after Holm and not negligible) up to the final one; empty when the candidate does"
            + " not win at the final budget."));
    return out;
  }

  static Table verdictTable(CandidateVerdict.Result r) {
    Table t = VERDICT.table();
    for (CandidateVerdict.Comparison x : r.comparisons()) {
      t.add(x.candidate(), x.dataset(), x.pool(), x.baseline(), x.nCandidate(), x.nBaseline(), x.meanCandidate(),
          x.meanBaseline(), x.meanCandidate() - x.meanBaseline(), x.u(), x.p(), x.pHolm(), x.delta(),
          CliffsDelta.magnitude(x.delta()), x.outcome().label(), x.strongest());
    }
    return t;
  }

  static Table tallyTable(CandidateVerdict.Result r) {
    Table t = TALLY.table();
    for (CandidateVerdict.Tally x : r.tallies()) {
      t.add(x.candidate(), x.baseline(), x.wins(), x.ties(), x.losses(), x.wins() + x.ties() + x.losses());
    }
    return t;
  }

  static Table ranksTable(CandidateVerdict.Ranking k, List<String> candidates) {
    List<String> cols = new ArrayList<>(List.of("searcher", "candidate", "average_rank"));
    k.cells().forEach(c -> cols.add("rank " + c));
    cols.addAll(List.of("cells", "friedman_chi2", "friedman_p", "nemenyi_cd"));
    Table t = new Table(cols.toArray(String[]::new));
    double[][] ranks = new double[k.cells().size()][];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = org.nash.analysis.stats.Friedman.ranksDescending(k.means()[i]);
    }
    Integer[] order = new Integer[k.searchers().size()];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(k.friedman().ranks()[a], k.friedman().ranks()[b]));
    for (int j : order) {
      List<Object> row = new ArrayList<>(List.of(k.searchers().get(j), candidates.contains(k.searchers().get(j)),
          k.friedman().ranks()[j]));
      for (double[] rk : ranks) {
        row.add(rk[j]);
      }
      row.addAll(List.of(k.cells().size(), k.friedman().chi2(), k.friedman().p(), k.friedman().cd()));
      t.add(row.toArray());
    }
    return t;
  }

  static Table seedsTable(List<CandidateVerdict.Seeds> seeds) {
    Table t = SEEDS.table();
    for (CandidateVerdict.Seeds x : seeds) {
      t.add(x.candidate(), x.dataset(), x.pool(), x.baseline(), x.p(), x.delta(),
          x.seedsNeeded() < 0 ? null : x.seedsNeeded(), x.maxSeeds());
    }
    return t;
  }

  static Table powerTable(List<CandidateVerdict.Seeds> seeds) {
    Table t = POWER.table();
    for (CandidateVerdict.Seeds x : seeds) {
      x.power().curve().forEach(p -> t.add(x.candidate(), x.dataset(), x.pool(), x.baseline(), p.n(),
          p.shareSignificant(), p.medianP()));
    }
    return t;
  }

  static Table anytimeTable(List<CandidateVerdict.Anytime> rows) {
    Table t = ANYTIME.table();
    for (CandidateVerdict.Anytime x : rows) {
      t.add(x.candidate(), x.dataset(), x.pool(), x.baseline(), x.axis(), x.fraction(), x.budget(), x.nCandidate(),
          x.nBaseline(), x.meanCandidate(), x.meanBaseline(), x.p(), x.pHolm(), x.delta(), x.outcome().label());
    }
    return t;
  }

  static Table onsetTable(List<CandidateVerdict.Onset> rows) {
    Table t = ONSET.table();
    for (CandidateVerdict.Onset x : rows) {
      t.add(x.candidate(), x.dataset(), x.pool(), x.baseline(), x.axis(), x.budget(), x.fraction(), x.finalBudget());
    }
    return t;
  }

  private static Artifacts.Entry table(String base, String section, String title, String caption) {
    return new Artifacts.Entry(base + ".csv", "table", section, title, caption + " JSON twin: " + base + ".json.");
  }
}
