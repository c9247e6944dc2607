package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.nash.analysis.stats.Interval;
import org.nash.run.TrialResult;

/**
 * Anytime curves: at each point of a grid of query counts (or simulated seconds), the incumbent of
 * every trial of a dataset x pool x searcher (its last change point at or before that point), and
 * the mean of their reported values, regrets and pool regrets with a 95 % t interval of the mean
 * ({@link Interval}). A trial without an incumbent yet at a point is left out there; {@code n}
 * says how many trials a point averages. A trial that stopped early keeps its final incumbent.
 */
public final class Curves {
  /** Points per grid (geometric from the first incumbent to the budget). */
  public static final int GRID_POINTS = 100;

  public enum Axis {
    QUERIES("queries"), SECONDS("seconds");

    public final String label;

    Axis(String label) {
      this.label = label;
    }
  }

  public record Point(double x, Interval reported, Interval regret, Interval regretPool) {}

  public record Curve(String dataset, String pool, String searcher, Axis axis, int trials, List<Point> points) {}

  private Curves() {}

  /** Curves for every dataset x pool x searcher; against seconds only where trials record costs. */
  public static List<Curve> of(Groups groups) {
    List<Curve> out = new ArrayList<>();
    for (String ds : groups.datasets()) {
      List<TrialResult> all = groups.trials(ds);
      for (Axis axis : Axis.values()) {
        double[] grid = grid(all, axis);
        if (grid.length == 0) {
          continue;
        }
        for (String pool : groups.pools(ds)) {
          for (String s : groups.searchers(ds, pool)) {
            List<TrialResult> ts = groups.trials(ds, pool, s);
            out.add(new Curve(ds, pool, s, axis, ts.size(), curve(ts, axis, grid)));
          }
        }
      }
    }
    return out;
  }

  /** The curve of one group of trials on a given grid. */
  public static List<Point> curve(List<TrialResult> trials, Axis axis, double[] grid) {
    List<Point> points = new ArrayList<>(grid.length);
    double[] rep = new double[trials.size()];
    double[] reg = new double[trials.size()];
    double[] regPool = new double[trials.size()];
    for (double x : grid) {
      for (int i = 0; i < rep.length; i++) {
        TrialResult.Step s = incumbentAt(trials.get(i), axis, x);
        rep[i] = s == null ? Double.NaN : s.reported();
        reg[i] = s == null ? Double.NaN : s.regret();
        regPool[i] = s == null ? Double.NaN : s.regretPool();
      }
      points.add(new Point(x, Interval.of(rep), Interval.of(reg), Interval.of(regPool)));
    }
    return points;
  }

  /** The incumbent at a query count or simulated time: the last step at or before it, or null. */
  public static TrialResult.Step incumbentAt(TrialResult t, Axis axis, double x) {
    TrialResult.Step found = null;
    for (TrialResult.Step s : t.steps()) {
      double at = axis == Axis.QUERIES ? s.query() : s.seconds();
      if (at > x) {
        break;
      }
      found = s;
    }
    return found;
  }

  /**
   * A shared grid for a dataset's trials: from the earliest first incumbent to the largest budget
   * (or spend), geometric, queries rounded to whole numbers. Empty when the axis has no range
   * (e.g. seconds for a benchmark without costs).
   */
  static double[] grid(List<TrialResult> trials, Axis axis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (TrialResult t : trials) {
      if (t.steps() != null && !t.steps().isEmpty()) {
        TrialResult.Step first = t.steps().get(0);
        lo = Math.min(lo, axis == Axis.QUERIES ? first.query() : first.seconds());
      }
      if (axis == Axis.QUERIES) {
        hi = Math.max(hi, Math.max(t.queries(), t.budgetQueries() == null ? 0 : t.budgetQueries()));
      } else {
        hi = Math.max(hi, Math.max(t.seconds(), t.budgetSeconds() == null ? 0 : t.budgetSeconds()));
      }
    }
    if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(lo)) {
      return new double[0];
    }
    double[] g = geometric(lo, hi, GRID_POINTS);
    if (axis == Axis.SECONDS) {
      return g;
    }
    TreeSet<Double> ints = new TreeSet<>();
    for (double v : g) {
      ints.add((double) Math.round(v));
    }
    return ints.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code k} points from lo to hi (both included), evenly spaced on a log scale. */
  public static double[] geometric(double lo, double hi, int k) {
    if (k == 1 || lo == hi) {
      return new double[] {hi};
    }
    double[] g = new double[k];
    double step = Math.log(hi / lo) / (k - 1);
    for (int i = 0; i < k; i++) {
      g[i] = lo * Math.exp(step * i);
    }
    g[0] = lo;
    g[k - 1] = hi;
    return g;
  }
}
