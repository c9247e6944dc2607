package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nash.analysis.stats.Interval;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

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

  /**
   * Curves for every dataset x pool x searcher; against seconds only where trials record costs.
   * Streams the trials twice from the groups' source, holding only per-point sums per group: the
   * first pass sums each point's values (the mean), the second their squared deviations from that
   * mean (the sd), in trial order, so every number is the same double as {@link Interval#of} over the
   * values held in memory would give.
   */
  public static List<Curve> of(Groups groups) {
    List<Acc> accs = new ArrayList<>();
    Map<String, Acc[]> byGroup = new HashMap<>();
    for (String ds : groups.datasets()) {
      for (Axis axis : Axis.values()) {
        double[] range = groups.range(ds, axis);
        double[] grid = grid(range[0], range[1], axis);
        if (grid.length == 0) {
          continue;
        }
        for (String pool : groups.pools(ds)) {
          for (String s : groups.searchers(ds, pool)) {
            Acc a = new Acc(groups.group(ds, pool, s), axis, grid);
            accs.add(a);
            byGroup.computeIfAbsent(ds + "|" + pool + "|" + s, k -> new Acc[Axis.values().length])[axis.ordinal()] = a;
          }
        }
      }
    }
    if (accs.isEmpty()) {
      return List.of();
    }
    for (int pass = 0; pass < 2; pass++) {
      int p = pass;
      groups.source().replay(pass == 0 ? "curves (means)" : "curves (intervals)", true, (line, t, steps) -> {
        Acc[] as = byGroup.get(t.dataset() + "|" + t.pool() + "|" + t.searcher());
        if (as != null) {
          for (Acc a : as) {
            if (a != null) {
              a.add(steps, p);
            }
          }
        }
      });
      accs.forEach(a -> a.finishPass(p));
    }
    List<Curve> out = new ArrayList<>();
    for (Acc a : accs) {
      out.add(new Curve(a.group.dataset, a.group.pool, a.group.searcher, a.axis, a.group.size(), a.points()));
    }
    return out;
  }

  /** Per-point sums of one group on one axis: counts, sums, then squared deviations (reported, regret, pool regret). */
  private static final class Acc {
    final Groups.Group group;
    final Axis axis;
    final double[] grid;
    final int[][] n;
    final double[][] sum;
    final double[][] mean;
    final double[][] ss;

    Acc(Groups.Group group, Axis axis, double[] grid) {
      this.group = group;
      this.axis = axis;
      this.grid = grid;
      n = new int[3][grid.length];
      sum = new double[3][grid.length];
      mean = new double[3][grid.length];
      ss = new double[3][grid.length];
    }

    /** Adds one trial's incumbent at every grid point (the last step at or before it; none before the first). */
    void add(TrialsFile.Steps steps, int pass) {
      int j = -1;
      for (int k = 0; k < grid.length; k++) {
        double x = grid[k];
        while (j + 1 < steps.size() && (axis == Axis.QUERIES ? steps.query(j + 1) : steps.seconds(j + 1)) <= x) {
          j++;
        }
        if (j < 0) {
          continue;
        }
        value(0, k, steps.reported(j), pass);
        value(1, k, steps.regret(j), pass);
        value(2, k, steps.regretPool(j), pass);
      }
    }

    private void value(int m, int k, double v, int pass) {
      if (Double.isNaN(v)) {
        return;
      }
      if (pass == 0) {
        n[m][k]++;
        sum[m][k] += v;
      } else {
        double d = v - mean[m][k];
        ss[m][k] += d * d;
      }
    }

    void finishPass(int pass) {
      if (pass == 0) {
        for (int m = 0; m < 3; m++) {
          for (int k = 0; k < grid.length; k++) {
            mean[m][k] = sum[m][k] / n[m][k];
          }
        }
      }
    }

    List<Point> points() {
      List<Point> out = new ArrayList<>(grid.length);
      for (int k = 0; k < grid.length; k++) {
        out.add(new Point(grid[k], interval(0, k), interval(1, k), interval(2, k)));
      }
      return out;
    }

    /** As {@link Interval#of}, from the sums. */
    private Interval interval(int m, int k) {
      int c = n[m][k];
      if (c == 0) {
        return new Interval(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      double mu = mean[m][k];
      if (c == 1) {
        return new Interval(1, mu, Double.NaN, Double.NaN, Double.NaN);
      }
      double sd = Math.sqrt(ss[m][k] / (c - 1));
      double half = Interval.t975(c - 1) * sd / Math.sqrt(c);
      return new Interval(c, mu, sd, mu - half, mu + half);
    }
  }

  /** The curve of one group of trials held in memory on a given grid (the reference for {@link #of}). */
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
  static double[] grid(double lo, double hi, Axis axis) {
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
