package org.nash.analysis.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.NashException;
import org.nash.analysis.stats.Interval;
import org.nash.analysis.stats.KendallTest;

/**
 * How trained values relate to a table's on cells that have both ("overlap cells"): the mean of trained
 * - table with its 95 % t interval ({@link Interval}), Kendall's tau-b with its permutation p-value
 * ({@link KendallTest}), the least-squares affine map table = intercept + slope x trained, and the
 * ratio of the table's seconds to the trainings' seconds (the unit conversion of costs). With mode
 * {@code affine} trained values are put on the table's scale through the map; with {@code none} they
 * are used as trained.
 */
public record Calibration(String mode, List<Cell> cells, int overlap, Interval difference, KendallTest.Result kendall,
    double intercept, double slope, double costFactor) {
  public static final String NONE = "none";
  public static final String AFFINE = "affine";
  /** Overlap cells an affine map needs at least (two fix a line; a third leaves a residual to judge). */
  public static final int MIN_AFFINE = 3;

  /**
   * One calibration cell.
   *
   * @param table the table's value (the search signal at the same fidelity)
   * @param trained the trained value (NaN if the training diverged)
   * @param tableSeconds the table's cost of the cell; {@code trainedSeconds} the training's
   */
  public record Cell(int index, String arch, double table, double trained, double tableSeconds,
      double trainedSeconds) {}

  public static Calibration fit(String mode, List<Cell> cells) {
    if (!mode.equals(NONE) && !mode.equals(AFFINE)) {
      throw new NashException("calibration must be none or affine, got '" + mode + "'");
    }
    List<Cell> both = new ArrayList<>();
    for (Cell c : cells) {
      if (Double.isFinite(c.table()) && Double.isFinite(c.trained())) {
        both.add(c);
      }
    }
    int n = both.size();
    if (mode.equals(AFFINE) && n < MIN_AFFINE) {
      throw new NashException("calibration: affine needs at least " + MIN_AFFINE + " overlap cells (trained and in the "
          + "table), got " + n + " of " + cells.size() + " calibration cells; raise calibration_cells or use "
          + "calibration: none");
    }
    double[] t = new double[n];
    double[] y = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = both.get(i).trained();
      y[i] = both.get(i).table();
      d[i] = t[i] - y[i];
    }
    double mt = mean(t);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (t[i] - mt) * (y[i] - my);
      sxx += (t[i] - mt) * (t[i] - mt);
    }
    double slope = n >= 2 && sxx > 0 ? sxy / sxx : Double.NaN;
    double intercept = my - slope * mt;
    double tableSecs = 0;
    double trainedSecs = 0;
    for (Cell c : cells) {
      if (Double.isFinite(c.tableSeconds()) && Double.isFinite(c.trainedSeconds()) && c.trainedSeconds() > 0) {
        tableSecs += c.tableSeconds();
        trainedSecs += c.trainedSeconds();
      }
    }
    if (mode.equals(AFFINE) && !(Double.isFinite(slope) && slope > 0)) {
      throw new NashException("calibration: affine fitted slope " + slope + " on " + n + " overlap cells (trained values "
          + "do not rise with the table's); the map would reverse the ranking: use calibration: none");
    }
    return new Calibration(mode, List.copyOf(cells), n, Interval.of(d), n >= 2 ? KendallTest.of(t, y)
        : new KendallTest.Result(Double.NaN, Double.NaN, n, "none"), intercept, slope,
        trainedSecs > 0 ? tableSecs / trainedSecs : Double.NaN);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  /**
   * K table cells spread over the table's range: the range [min, max] of the finite {@code values}
   * (by index) is cut into K equal strata, and each stratum's cell is the one closest to its middle
   * (lowest index on ties) not already taken. Deterministic; equal-width strata put cells at the low
   * end of NB-201's accuracies too, where few cells lie, which is what an affine fit needs.
   */
  public static int[] stratified(double[] values, int k) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (k < 1 || min > max) {
      return new int[0];
    }
    int[] out = new int[k];
    java.util.BitSet taken = new java.util.BitSet();
    int m = 0;
    for (int j = 0; j < k; j++) {
      double target = min + (j + 0.5) * (max - min) / k;
      int best = -1;
      for (int i = 0; i < values.length; i++) {
        if (Double.isFinite(values[i]) && !taken.get(i)
            && (best < 0 || Math.abs(values[i] - target) < Math.abs(values[best] - target))) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      taken.set(best);
      out[m++] = best;
    }
    return java.util.Arrays.copyOf(out, m);
  }

  /** A trained value as the search sees it: on the table's scale under {@code affine}, as trained under {@code none}. */
  public double map(double trained) {
    return mode.equals(AFFINE) ? intercept + slope * trained : trained;
  }

  /** The report's line: "trained values are d +- e pp below the table on K overlap cells". */
  public String summary() {
    double m = difference.mean();
    double e = (difference.hi() - difference.lo()) / 2;
    String where = Double.isNaN(m) ? "?" : m <= 0 ? "below" : "above";
    return String.format(Locale.ROOT, "trained values are %.2f +- %.2f pp %s the table on %d overlap cells "
        + "(Kendall tau %.3f; table = %.3f + %.3f x trained; calibration: %s)", Math.abs(m), e, where, overlap,
        kendall.tau(), intercept, slope, mode);
  }

  /** For results' provenance ({@code oracle.json}). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calibration", mode);
    m.put("summary", summary());
    m.put("k", cells.size());
    m.put("overlap", overlap);
    m.put("mean_diff_trained_minus_table", difference.mean());
    m.put("mean_diff_ci95", List.of(difference.lo(), difference.hi()));
    m.put("kendall_tau", kendall.tau());
    m.put("kendall_p", kendall.p());
    m.put("kendall_method", kendall.method());
    m.put("affine_intercept", intercept);
    m.put("affine_slope", slope);
    m.put("cost_factor_table_seconds_per_trained_second", costFactor);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("index", c.index());
      r.put("arch", c.arch());
      r.put("table", c.table());
      r.put("trained", c.trained());
      r.put("table_seconds", c.tableSeconds());
      r.put("trained_seconds", c.trainedSeconds());
      rows.add(r);
    }
    m.put("cells", rows);
    return m;
  }
}
