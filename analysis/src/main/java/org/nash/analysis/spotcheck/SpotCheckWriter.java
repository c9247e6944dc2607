package org.nash.analysis.spotcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.awt.Color;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.FiniteJson;
import org.nash.analysis.output.Plot;
import org.nash.io.AtomicFiles;

/**
 * Writes a spot check into a folder: {@code spotcheck.csv} (one row per cell), {@code spotcheck.json}
 * (setup, provenance, summary and rows) and the figure {@code spotcheck.png}/{@code .svg} (trained vs
 * table with the table's seed range as horizontal bars and the line y = x), all registered in the
 * folder's {@code artifacts.json} so that {@code nash report} shows them.
 */
public final class SpotCheckWriter {
  public static final String BASE = "spotcheck";
  /** Up to this many cells get their own colour and legend entry in the figure. */
  private static final int MAX_NAMED = 10;
  public static final String SECTION = "Spot check: trained vs table";
  private static final SimpleModule FINITE = FiniteJson.module();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(FINITE);

  /**
   * What was checked and how: everything needed to redo it.
   *
   * @param tableColumn the table column compared with, e.g. {@code cifar10-valid/valid-acc@12}
   * @param seedSpread where the per-seed table values come from (and for which cells)
   * @param split {@code official} (NB-201's cifar-split.txt) or {@code stratified}; {@code splitHow} the long form
   * @param caveats why the trained values are not comparable with the table, or ""
   * @param storeKey the key fields shared by every cell (benchmark, dataset, split, epochs, seed,
   *     settings hash, data sha256); each row has its full key
   */
  public record Setup(String benchmark, String tableColumn, String tableSource, String seedSpread, String dataset,
      String split, String splitHow, int epochs, int subset, int channels, int cells, int batchSize, String device,
      long seed, String settings, String caveats, String store, String storeKey, String dataSha256,
      Map<String, String> provenance) {}

  private SpotCheckWriter() {}

  /** Writes every file and registers it; returns the entries registered. */
  public static List<Artifacts.Entry> write(SpotCheck.Result r, Setup s, Path dir) {
    byte[] csv = csv(r.rows());
    byte[] json = json(r, s);
    Plot chart = figure(r, s);
    String cap = caption(r, s);
    AtomicFiles.writeAtomically(dir.resolve(BASE + ".csv"), csv);
    AtomicFiles.writeAtomically(dir.resolve(BASE + ".json"), json);
    Charts.save(chart, dir, BASE);
    List<Artifacts.Entry> entries = List.of(
        new Artifacts.Entry(BASE + ".png", "figure", SECTION, title(s), cap),
        new Artifacts.Entry(BASE + ".csv", "table", SECTION, "Per cell: trained, table, difference, table seed range",
            "One row per checked cell. " + definitions(s) + " " + setupLine(s)),
        new Artifacts.Entry(BASE + ".json", "data", SECTION, "The whole spot check as JSON",
            "Setup (settings, split, store key fields), provenance (nash version and git commit, DJL and libtorch, data sha256), summary (Kendall"
                + " tau, p-value and how it was computed) and the rows of spotcheck.csv."));
    Artifacts.replace(dir, BASE + ".", entries);
    return entries;
  }

  static String title(Setup s) {
    return "Spot check " + s.dataset() + ": trained (" + s.epochs() + (s.epochs() == 1 ? " epoch" : " epochs") + ") vs table "
        + s.tableColumn();
  }

  /** The figure's caption: what is drawn, the tau and how far to trust it. */
  static String caption(SpotCheck.Result r, Setup s) {
    SpotCheck.Summary m = r.summary();
    return "Each point is one cell: x = the table's " + s.tableColumn() + " (seed mean, %), y = the accuracy nash"
        + " trained (%) on the " + s.split() + " split. Horizontal bars span the table's own training seeds"
        + " (min to max) where the data has them (" + s.seedSpread() + "); the line is y = x. " + tauLine(m)
        + (s.caveats().isEmpty() ? "" : " Not comparable with the table:" + s.caveats()) + " " + setupLine(s);
  }

  /** One sentence: the tau, its p-value and method, the mean differences. */
  public static String tauLine(SpotCheck.Summary m) {
    if (m.compared() < 2) {
      return "Kendall tau needs at least 2 cells with a table value (" + m.compared() + " here).";
    }
    return String.format(Locale.ROOT, "Kendall tau-b (trained vs table) = %.3f over n = %d cells, two-sided p = %s"
        + " (%s)%s; mean difference trained - table %+.2f points, mean |difference| %.2f.", m.tau(), m.compared(),
        Double.isNaN(m.p()) ? "n/a" : String.format(Locale.ROOT, "%.3g", m.p()), m.pMethod(),
        m.smallN() ? "; n is small, so the tau is a coarse check of the ranking" : "", m.meanDiff(), m.meanAbsDiff());
  }

  private static String definitions(Setup s) {
    return "diff = trained - table (points); table = the table's seed mean; table_seeds, table_seed_min/max,"
        + " table_seed_values = the table's per-seed values where the data has them (" + s.seedSpread() + ");"
        + " outside_seed_range = how far trained lies outside [min, max] (0 inside, negative below); source ="
        + " trained (this run) or cached (from the result store).";
  }

  private static String setupLine(Setup s) {
    return String.format(Locale.ROOT, "Setup: %s, %s split (%s), %d epochs, subset %s, C=%d N=%d, batch %d, device %s,"
        + " seed %d; store %s; data sha256 %s; nash %s.", s.dataset(), s.split(), s.splitHow(), s.epochs(),
        s.subset() == 0 ? "none" : s.subset() + " images", s.channels(), s.cells(), s.batchSize(), s.device(), s.seed(),
        s.store(), s.dataSha256(), s.provenance().getOrDefault("nash", "?"));
  }

  static byte[] csv(List<SpotCheck.Row> rows) {
    // NaN (no table value, no seeds): an empty field
    return org.nash.analysis.output.CsvWriter.records(rows, SpotCheck.Row.class, "")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] json(SpotCheck.Result r, Setup s) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("analysis", "spot check: cells trained by nash vs the benchmark table at the same fidelity");
    top.put("definitions", definitions(s) + " tau = Kendall tau-b over the cells with a table value; p = two-sided"
        + " permutation p-value for no association.");
    top.put("setup", s);
    top.put("summary", r.summary());
    top.put("caption", caption(r, s));
    top.put("rows", r.rows());
    try {
      return (JSON.writeValueAsString(top) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the spot check as JSON", e);
    }
  }

  /** Trained (y) vs table (x), both in %, on the project's chart style. */
  static Plot figure(SpotCheck.Result r, Setup s) {
    List<SpotCheck.Row> shown = r.rows().stream().filter(w -> !Double.isNaN(w.table()) && !Double.isNaN(w.trained()))
        .toList();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (SpotCheck.Row w : shown) {
      for (double v : new double[] {w.trained(), w.table(), w.seedMin(), w.seedMax()}) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (shown.isEmpty()) {
      lo = 0;
      hi = 100;
    }
    double pad = Math.max(1.0, (hi - lo) * 0.08);
    lo = Math.max(0, lo - pad);
    hi = Math.min(100, hi + pad);
    SpotCheck.Summary m = r.summary();
    String tau = m.compared() >= 2 ? String.format(Locale.ROOT, " (Kendall tau %.2f, n = %d)", m.tau(), m.compared())
        : "";
    Plot plot = new Plot("Spot check: trained vs table" + tau, "table " + s.tableColumn() + " (%)",
        "trained, " + s.epochs() + (s.epochs() == 1 ? " epoch, " : " epochs, ") + s.split() + " split (%)", false,
        false);
    plot.add(new Plot.Series("y = x", new double[] {lo, hi}, new double[] {lo, hi}, null, null, new Color(0x888888),
        new float[] {6f, 4f}, true, false, true));
    boolean first = true;
    for (SpotCheck.Row w : shown) {
      if (w.tableSeeds() >= 2) {
        plot.add(new Plot.Series("table seed range (min-max)", new double[] {w.seedMin(), w.seedMax()},
            new double[] {w.trained(), w.trained()}, null, null, Charts.color(0), null, true, false, first));
        first = false;
      }
    }
    // Few cells: one colour and legend entry per cell, so each point can be told apart without labels.
    if (shown.size() <= MAX_NAMED) {
      for (int i = 0; i < shown.size(); i++) {
        SpotCheck.Row w = shown.get(i);
        plot.add(new Plot.Series("arch " + w.arch(), new double[] {w.table()}, new double[] {w.trained()}, null, null,
            Charts.color(i + 1), null, false, true, true));
      }
    } else if (!shown.isEmpty()) {
      plot.add(new Plot.Series("cells", shown.stream().mapToDouble(SpotCheck.Row::table).toArray(),
          shown.stream().mapToDouble(SpotCheck.Row::trained).toArray(), null, null, Charts.color(1), null, false, true,
          true));
    }
    return plot.xRange(lo, hi).yRange(lo, hi);
  }
}
