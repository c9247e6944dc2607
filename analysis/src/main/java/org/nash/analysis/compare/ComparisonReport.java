package org.nash.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Plot;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Holm;
import org.nash.analysis.stats.Interval;
import org.nash.table.Unit;

/**
 * Writes the search comparison of one experiment into {@code compare/} of its results folder:
 * the final-budget table, the anytime curves (table and figures) and the pairwise tests, and
 * returns their artifact entries (paths relative to the folder).
 */
public final class ComparisonReport {
  public static final String DIR = "compare";

  /** Final-budget results per dataset, pool and searcher. */
  public static final TableSpec FINAL = TableSpec.of(DIR + "/final", "dataset", "pool", "searcher", "trials",
      "reported_mean", "reported_ci_lo", "reported_ci_hi", "reported_std", "reported_median", "reported_q1",
      "reported_q3", "regret_mean", "regret_ci_lo", "regret_ci_hi", "regret_median", "regret_pool_mean", "hit_pool",
      "hit_optimum", "queries_mean", "seconds_mean", "repeats_mean", "repeats_share");
  /** Anytime curves: the incumbent on a grid of budgets. */
  public static final TableSpec CURVES = TableSpec.of(DIR + "/curves", "dataset", "pool", "searcher", "axis", "x",
      "n", "reported_mean", "reported_lo", "reported_hi", "regret_mean", "regret_lo", "regret_hi", "regret_pool_mean",
      "regret_pool_lo", "regret_pool_hi");
  /** Charged queries by origin, for oracles that train. */
  public static final TableSpec SOURCES = TableSpec.of(DIR + "/sources", "dataset", "pool", "searcher", "trials",
      "oracle", "table", "trained", "cached", "predicted", "seconds");

  /** Searchers compared pairwise within each dataset and pool. */
  public static final TableSpec SEARCHER_TESTS = TableSpec.of(DIR + "/searchers-mwu", "dataset", "pool", "a", "b",
      "n_a", "n_b", "mean_a", "mean_b", "median_a", "median_b", "u", "z", "p", "p_holm", "cliffs_delta", "magnitude",
      "better");
  /** Each restricted pool against the full pool, per dataset and searcher. */
  public static final TableSpec POOL_TESTS = TableSpec.of(DIR + "/pools-mwu", "dataset", "searcher", "a", "b", "n_a",
      "n_b", "mean_a", "mean_b", "median_a", "median_b", "u", "z", "p", "p_holm", "cliffs_delta", "magnitude",
      "better");

  private ComparisonReport() {}

  /**
   * @param style colours and dashes shared by every figure of the report
   * @param units the unit of each dataset's reported column (for axis labels and the regret floor)
   */
  public static List<Artifacts.Entry> write(Groups g, Path dir, String section, Charts.Style style,
      Function<String, Unit> units) {
    List<Artifacts.Entry> out = new ArrayList<>();
    finalTable(FinalTable.of(g)).write(dir, FINAL.path());
    out.add(table(FINAL.path(), section, "Final-budget results per dataset, pool and searcher",
        "The final incumbent of every trial (the best architecture by search signal when the budget ran out)."
            + " reported_* is its reported value (" + String.join(", ", g.reportedKeys()) + "): mean with a 95 % confidence"
            + " interval of the mean (Student t, mean ± t(0.975, n−1)·std/√n), std (sample standard deviation, as in summary.csv), median and quartiles (R type 7)."
            + " regret = optimum of the full space − reported; regret_pool = optimum of the trial's pool − reported."
            + " hit_pool / hit_optimum = share of trials whose final incumbent is the best architecture of the"
            + " pool / of the full space. queries and seconds are the mean budget spent. repeats_mean: mean re-queries"
            + " per trial (queries of an architecture the trial had already evaluated); repeats_share = repeats_mean /"
            + " queries_mean, the share of the charged budget spent on re-queries when the experiment charges them"
            + " (charge_repeats, the default)."));

    List<Curves.Curve> curves = Curves.of(g);
    curveTable(curves).write(dir, CURVES.path());
    out.add(table(CURVES.path(), section, "Anytime curves (data)",
        "For each dataset, pool and searcher, on a grid of " + Curves.GRID_POINTS + " geometrically spaced"
            + " points from the first incumbent to the budget (queries rounded to whole numbers; seconds (simulated, or real for trained values)"
            + " where the benchmark records costs): the incumbent of each trial at that point (its last change at"
            + " or before it) and the mean of its reported value, regret and pool regret with a 95 % t interval of"
            + " the mean (lo, hi). n = trials that already had an incumbent there."));
    for (String ds : g.datasets()) {
      for (Curves.Axis axis : Curves.Axis.values()) {
        List<Curves.Curve> cs = curves.stream().filter(c -> c.dataset().equals(ds) && c.axis() == axis).toList();
        if (cs.isEmpty()) {
          continue;
        }
        for (boolean regret : new boolean[] {false, true}) {
          String base = DIR + "/curve-" + safe(ds) + "-" + axis.label + "-" + (regret ? "regret" : "reported");
          Unit unit = units.apply(ds);
          Charts.save(curveChart(g, ds, axis, regret, cs, style, unit), dir, base);
          Artifacts.Entry e = new Artifacts.Entry(base + ".png", "figure", section,
              ds + ": " + (regret ? "regret" : "reported value") + " of the incumbent vs " + axis.label,
              curveCaption(ds, axis, regret, unit, g.secondsKind(ds)));
          // The page shows regret against the budget's own axis (seconds when costs are recorded); the rest folds.
          boolean main = regret && (axis == Curves.Axis.SECONDS || curves.stream()
              .noneMatch(c -> c.dataset().equals(ds) && c.axis() == Curves.Axis.SECONDS));
          out.add(main ? e : e.secondary());
        }
      }
    }

    if (g.groups().stream().anyMatch(x -> x.sources().keySet().stream().anyMatch(k -> !k.equals("table")))) {
      sourcesTable(g).write(dir, SOURCES.path());
      out.add(table(SOURCES.path(), section, "Where the values came from",
          "Charged queries per dataset, pool and searcher by origin, summed over its trials (the trials' sources"
              + " field): table = read from the benchmark table (simulated seconds), trained = a network trained for"
              + " this query (real seconds), cached = a training read back from the result store (its stored real"
              + " seconds), predicted = a surrogate's prediction. oracle: the oracle(s) of the trials."));
    }
    testTable(PairwiseTests.searchers(g), SEARCHER_TESTS).write(dir, SEARCHER_TESTS.path());
    out.add(table(SEARCHER_TESTS.path(), section, "Searchers compared pairwise (Mann-Whitney U, Holm, Cliff's delta)",
        "Within each dataset and pool, every pair of searchers (a, b) compared on the final reported value of"
            + " their trials: two-sided Mann-Whitney U test (normal approximation with tie correction and continuity"
            + " correction, as scipy.stats.mannwhitneyu(method='asymptotic')); u is U of a; p_holm is Holm-corrected"
            + " over the pairs of that dataset and pool; cliffs_delta = P(a > b) − P(a < b) (positive: a better),"
            + " magnitude after Romano et al. (|d| < 0.147 negligible, < 0.33 small, < 0.474 medium, else large);"
            + " better names the better searcher when p_holm < 0.05, else none."));
    testTable(PairwiseTests.pools(g), POOL_TESTS).write(dir, POOL_TESTS.path());
    out.add(table(POOL_TESTS.path(), section, "Restricted vs full operation pool, per searcher",
        "For each dataset and searcher, the final reported values on each restricted pool (a) against the full"
            + " pool (b): the same two-sided Mann-Whitney U test and Cliff's delta as the searcher comparison,"
            + " Holm-corrected over all searchers and restricted pools of the dataset. Positive delta: the"
            + " restricted pool gives better final architectures."));
    return out;
  }

  static Table finalTable(List<FinalTable.Row> rows) {
    Table t = FINAL.table();
    for (FinalTable.Row r : rows) {
      t.add(r.dataset(), r.pool(), r.searcher(), r.reported().n(), r.reported().mean(), r.reported().lo(),
          r.reported().hi(), r.reported().sd(), r.reportedStats().median(), r.reportedStats().q1(),
          r.reportedStats().q3(), r.regret().mean(), r.regret().lo(), r.regret().hi(), r.regretStats().median(),
          r.regretPool().mean(),
          r.hitPool(), r.hitOptimum(), r.queries(), r.seconds(), r.repeats(),
          r.queries() > 0 ? r.repeats() / r.queries() : Double.NaN);
    }
    return t;
  }

  static Table sourcesTable(Groups g) {
    Table t = SOURCES.table();
    for (Groups.Group x : g.groups()) {
      Map<String, Long> s = x.sources();
      t.add(x.dataset, x.pool, x.searcher, x.size(), String.join(" ", x.oracles()), s.getOrDefault("table", 0L),
          s.getOrDefault("trained", 0L), s.getOrDefault("cached", 0L), s.getOrDefault("predicted", 0L),
          g.secondsKind(x.dataset));
    }
    return t;
  }

  static Table curveTable(List<Curves.Curve> curves) {
    Table t = CURVES.table();
    for (Curves.Curve c : curves) {
      for (Curves.Point p : c.points()) {
        t.add(c.dataset(), c.pool(), c.searcher(), c.axis().label, p.x(), p.reported().n(), p.reported().mean(),
            p.reported().lo(), p.reported().hi(), p.regret().mean(), p.regret().lo(), p.regret().hi(),
            p.regretPool().mean(), p.regretPool().lo(), p.regretPool().hi());
      }
    }
    return t;
  }

  static Table testTable(List<PairwiseTests.Test> tests, TableSpec spec) {
    Table t = spec.table();
    for (PairwiseTests.Test x : tests) {
      t.add(x.dataset(), x.group(), x.a(), x.b(), x.mw().n1(), x.mw().n2(), x.meanA(), x.meanB(), x.medianA(),
          x.medianB(), x.mw().u(), x.mw().z(), x.mw().p(), x.pHolm(), x.delta(), CliffsDelta.magnitude(x.delta()),
          x.better());
    }
    return t;
  }

  /** Regret is drawn on a log axis; a regret of 0 (the optimum found) is drawn at this floor. */
  public static double regretFloor(Unit unit) {
    return unit != null && unit.isPercent() ? 0.01 : 1e-4;
  }

  /** The unit of differences of a metric, for axis labels: pp for accuracies in %. */
  public static String diffUnit(Unit unit) {
    return unit == null || unit == Unit.NONE ? "" : unit.isPercent() ? " (pp)" : " (" + unit.symbol() + ")";
  }

  public static String valueUnit(Unit unit) {
    return unit == null || unit == Unit.NONE ? "" : " (" + unit.symbol() + ")";
  }

  private static Plot curveChart(Groups g, String ds, Curves.Axis axis, boolean regret, List<Curves.Curve> cs,
      Charts.Style style, Unit unit) {
    String key = g.reportedKey(ds);
    String y = regret ? "mean regret" + diffUnit(unit) + ", log scale" : "mean reported " + key + valueUnit(unit);
    String x = axis == Curves.Axis.QUERIES ? "queries (log scale)" : secondsLabel(g.secondsKind(ds)) + " (s, log scale)";
    Plot plot = new Plot(ds + ": " + (regret ? "regret" : "reported value") + " vs " + axis.label, x, y, true, regret);
    double floor = regretFloor(unit);
    for (Curves.Curve c : cs) {
      // Only points where every trial has an incumbent: earlier means would average a biased subset.
      boolean[] keep = new boolean[c.points().size()];
      double[][] v = new double[4][c.points().size()];
      for (int i = 0; i < keep.length; i++) {
        Curves.Point p = c.points().get(i);
        Interval in = regret ? p.regret() : p.reported();
        keep[i] = in.n() == c.trials();
        v[0][i] = p.x();
        v[1][i] = in.mean();
        v[2][i] = Double.isNaN(in.lo()) ? in.mean() : in.lo();
        v[3][i] = Double.isNaN(in.hi()) ? in.mean() : in.hi();
        if (regret) {
          for (int k = 1; k < 4; k++) {
            v[k][i] = Math.max(v[k][i], floor);
          }
        }
      }
      if (Charts.select(v[0], keep).length == 0) {
        continue;
      }
      plot.add(new Plot.Series(c.searcher() + " · " + c.pool(), Charts.select(v[0], keep), Charts.select(v[1], keep),
          Charts.select(v[2], keep), Charts.select(v[3], keep), style.color(c.searcher()), style.dash(c.pool()), true,
          false, true));
    }
    return plot;
  }

  /** The seconds axis says what the seconds are: recorded training time (simulated) or trainings timed here (real). */
  public static String secondsLabel(String kind) {
    return switch (kind) {
      case "real" -> "real training time";
      case "mixed" -> "time (simulated for table values, real for trained)";
      default -> "simulated time";
    };
  }

  private static String seconds(String kind) {
    return switch (kind) {
      case "real" -> "real seconds of training and evaluation, timed when the cell was trained (stored seconds"
          + " when a training was read back from the result store)";
      case "mixed" -> "seconds: simulated (the table's recorded time) for values read from the table, real (timed"
          + " training) for trained ones";
      default -> "simulated seconds of training and evaluation";
    };
  }

  private static String curveCaption(String ds, Curves.Axis axis, boolean regret, Unit unit, String secondsKind) {
    return String.format(Locale.ROOT, "Dataset %s. Line: mean over trials of the incumbent's %s after the given"
        + " number of %s (log scale); shaded band: 95 %% confidence interval of the mean (Student t, not a"
        + " bootstrap). Colour = searcher, dash = pool (solid = full; the same colours and dashes in every figure"
        + " of this report). A line starts where every trial of its group has an incumbent.%s Values:"
        + " compare/curves.csv.", ds,
        regret ? "regret (optimum of the full space minus its reported value; lower is better)"
            : "reported value (higher is better)",
        axis == Curves.Axis.QUERIES ? "charged queries" : seconds(secondsKind),
        regret ? String.format(Locale.ROOT, " Regret axis logarithmic: a mean or band bound below %s%s (e.g. a"
            + " regret of 0, the optimum found) is drawn at %s.", Plot.label(regretFloor(unit), regretFloor(unit)),
            diffUnit(unit).replace(" (", " ").replace(")", ""), Plot.label(regretFloor(unit), regretFloor(unit))) : "");
  }

  private static Artifacts.Entry table(String base, String section, String title, String caption) {
    return new Artifacts.Entry(base + ".csv", "table", section, title, caption + " JSON twin: " + base + ".json.");
  }

  /** A file-name-safe form of a dataset name. */
  public static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
