package org.nash.analysis.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.nash.NashException;
import org.nash.analysis.stats.Interval;
import org.nash.analysis.stats.KendallTest;

/**
 * How trained values relate to a table's on cells that have both ("overlap cells"): the mean of trained
 * - table with its 95 % t interval ({@link Interval}), Kendall's tau-b with its permutation p-value
 * ({@link KendallTest}), the least-squares affine map table = intercept + slope x trained, and the
 * ratio of the table's seconds to the trainings' seconds (the unit conversion of costs). With mode
 * {@code affine} trained values are put on the table's scale through the map; with {@code none} they
 * are used as trained. {@code strata} says how the cells were chosen (null: given by the caller).
 */
public record Calibration(String mode, List<Cell> cells, int overlap, Interval difference, KendallTest.Result kendall,
    double intercept, double slope, double costFactor, Strata strata) {
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
    return fit(mode, cells, null);
  }

  /** As {@link #fit(String, List)}, for cells chosen by {@link #stratified(double[], IntPredicate, String, int)}. */
  public static Calibration fit(String mode, List<Cell> cells, Strata strata) {
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
        trainedSecs > 0 ? tableSecs / trainedSecs : Double.NaN, strata);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  /**
   * How the calibration cells were chosen: the {@code candidates} table cells that are {@code eligible}
   * (e.g. "connected") with a finite value, whose range [{@code lo}, {@code hi}] is cut into {@code k}
   * equal-width bands; {@code picked} holds one cell per band, by table index. {@code emptyBands} bands
   * held no candidate: each took the candidate nearest its middle from outside it (see
   * {@link #stratified(double[], IntPredicate, String, int)}).
   */
  public record Strata(int k, String eligible, int candidates, double lo, double hi, int emptyBands,
      List<Integer> picked) {
    public Strata {
      picked = List.copyOf(picked);
    }

    /** A short phrase for the summary line, e.g. "connected cells, one per band of their range 27.06-84.89". */
    public String phrase() {
      if (picked.isEmpty()) {
        return k == 0 ? "no calibration cells" : "no " + eligible + " cells";
      }
      return String.format(Locale.ROOT, "%s cells, one per band of their range %.2f-%.2f%s", eligible, lo, hi,
          emptyBands == 0 ? "" : "; " + emptyBands + " empty band(s) took the nearest cell outside");
    }

    /** The sentence of {@code oracle.json}. */
    public String sentence() {
      if (picked.isEmpty()) {
        return k == 0 ? "none (0 calibration cells asked for)" : "none: no " + eligible + " table cell has a value";
      }
      return String.format(Locale.ROOT, "%d of the %d %s table cells with a value: the range %.2f-%.2f of their values "
          + "cut into %d equal-width bands, each band's cell the one nearest its middle (lowest index on ties); %d "
          + "band(s) held no %s cell (while cells remain, such a band takes the one nearest its middle)",
          picked.size(), candidates, eligible, lo, hi, k, emptyBands, eligible);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cells_chosen", sentence());
      m.put("cells_eligible", eligible);
      m.put("candidates", candidates);
      m.put("bands", k);
      m.put("range", List.of(lo, hi));
      m.put("empty_bands", emptyBands);
      return m;
    }
  }

  /**
   * K cells spread over the range of the eligible cells (finite value and {@code eligible.test(index)}):
   * that range [min, max] is cut into K equal-width bands, and each band's cell is the eligible one
   * closest to its middle (lowest index on ties) not already taken. Deterministic; equal-width bands put
   * cells at the low end too, where few cells lie, which is what an affine fit needs. Only eligible cells
   * set the range, so a class of cells that says nothing about the question (NB-201's disconnected
   * cells, near chance whether trained or not) can neither be picked nor stretch the bands. A band without an eligible cell still
   * takes one (the nearest to its middle, from a neighbouring band), so K cells are trained whenever K
   * eligible cells exist; such bands are counted.
   */
  public static Strata stratified(double[] values, IntPredicate eligible, String eligibleName, int k) {
    int[] cand = new int[values.length];
    int n = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i]) && eligible.test(i)) {
        cand[n++] = i;
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
    }
    if (k < 1 || n == 0) {
      return new Strata(Math.max(k, 0), eligibleName, n, n == 0 ? Double.NaN : min, n == 0 ? Double.NaN : max, 0,
          List.of());
    }
    double width = (max - min) / k;
    boolean[] held = new boolean[k];
    for (int c = 0; c < n; c++) {
      held[band(values[cand[c]], min, width, k)] = true;
    }
    int empty = 0;
    for (boolean h : held) {
      empty += h ? 0 : 1;
    }
    List<Integer> out = new ArrayList<>();
    java.util.BitSet taken = new java.util.BitSet();
    for (int j = 0; j < k && out.size() < n; j++) {
      double target = min + (j + 0.5) * width;
      int best = -1;
      for (int c = 0; c < n; c++) {
        int i = cand[c];
        if (!taken.get(i) && (best < 0 || Math.abs(values[i] - target) < Math.abs(values[best] - target))) {
          best = i;
        }
      }
      taken.set(best);
      out.add(best);
    }
    return new Strata(k, eligibleName, n, min, max, empty, out);
  }

  /** The band of a value: max falls in the last band; a zero-width range is one band. */
  private static int band(double v, double min, double width, int k) {
    return width > 0 ? Math.min(k - 1, (int) Math.floor((v - min) / width)) : 0;
  }

  /** {@link #stratified(double[], IntPredicate, String, int)} over every cell with a finite value. */
  public static int[] stratified(double[] values, int k) {
    return stratified(values, i -> true, "all", k).picked().stream().mapToInt(Integer::intValue).toArray();
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
        + "(%sKendall tau %.3f; table = %.3f + %.3f x trained; calibration: %s)", Math.abs(m), e, where, overlap,
        strata == null ? "" : strata.phrase() + "; ", kendall.tau(), intercept, slope, mode);
  }

  /** For results' provenance ({@code oracle.json}). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calibration", mode);
    m.put("summary", summary());
    m.put("k", cells.size());
    m.put("overlap", overlap);
    if (strata != null) {
      m.putAll(strata.toMap());
    }
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
