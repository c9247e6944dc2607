package org.nash.analysis.spotcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.FiniteJson;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;
import org.nash.io.AtomicFiles;

/**
 * Writes a spot check of the same cells on several datasets ({@link SpotCheckStudy}) into a folder
 * whose subfolders hold each dataset's own spot check ({@link SpotCheckWriter}): three declared tables
 * (per dataset, paired comparisons, per cell and dataset) as CSV and JSON, and {@code spotcheck-study.json}
 * with the setup, the selection, the methods and the verdict; all registered for {@code nash report},
 * together with the datasets' own figures and tables (so a report of the folder above shows them too).
 */
public final class SpotCheckStudyWriter {
  public static final String PREFIX = "spotcheck-";
  public static final TableSpec DATASETS = TableSpec.of(PREFIX + "datasets", "dataset", "table_column", "cells", "tau",
      "tau_lo", "tau_hi", "tau_p", "tau_p_method", "replicates", "mean_diff", "mean_diff_lo", "mean_diff_hi",
      "mean_abs_diff", "trained", "cached", "split", "split_how", "data_sha256");
  public static final TableSpec PAIRED = TableSpec.of(PREFIX + "paired", "dataset", "reference", "cells", "tau",
      "tau_reference", "delta_tau", "delta_lo", "delta_hi", "replicates", "verdict", "sentence");
  public static final TableSpec CELLS = TableSpec.of(PREFIX + "cells", "arch", "arch_string", "stratum", "stratum_lo",
      "stratum_hi", "select_value", "dataset", "trained", "table", "diff", "source");
  public static final String JSON_FILE = PREFIX + "study.json";
  public static final String SECTION = "Spot check on several datasets: retraining vs each table";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(FiniteJson.module());

  private SpotCheckStudyWriter() {}

  /**
   * @param cells the selected cells, in the order of every dataset's arrays
   * @param archStrings each cell's arch string
   * @param selectColumn the table column the cells were stratified on
   * @param setup how it was done (selection, training settings, store, provenance), written as given
   */
  public static List<Artifacts.Entry> write(SpotCheckStudy.Result r, List<SpotCheckStudy.Selected> cells,
      List<String> archStrings, String selectColumn, Map<String, Object> setup, Path dir) {
    Table ds = DATASETS.table();
    for (SpotCheckStudy.DatasetResult d : r.datasets()) {
      long trained = d.input().sources().stream().filter("trained"::equals).count();
      ds.add(d.input().dataset(), d.input().tableColumn(), d.n(), d.tau(), d.tauLo(), d.tauHi(), d.p(), d.pMethod(),
          d.replicates(), d.diff().mean(), d.diff().lo(), d.diff().hi(), d.meanAbsDiff(), trained,
          d.input().sources().size() - trained, d.input().split(), d.input().splitHow(), d.input().dataSha256());
    }
    Table pd = PAIRED.table();
    for (SpotCheckStudy.Paired p : r.paired()) {
      pd.add(p.dataset(), p.reference(), p.n(), p.tau(), p.tauReference(), p.delta(), p.lo(), p.hi(), p.replicates(),
          p.verdict().words, p.sentence());
    }
    Table cs = CELLS.table();
    for (int i = 0; i < cells.size(); i++) {
      SpotCheckStudy.Selected c = cells.get(i);
      for (SpotCheckStudy.DatasetResult d : r.datasets()) {
        SpotCheckStudy.DatasetInput in = d.input();
        // the inputs keep every selected cell only when none lacked a value; then row i is cell i
        boolean have = in.trained().length == cells.size();
        double t = have ? in.trained()[i] : Double.NaN;
        double tb = have ? in.table()[i] : Double.NaN;
        cs.add(c.index(), archStrings.get(i), c.stratum(), c.lo(), c.hi(), c.value(), in.dataset(), t, tb, t - tb,
            have ? in.sources().get(i) : "");
      }
    }
    ds.write(dir, DATASETS.path());
    pd.write(dir, PAIRED.path());
    cs.write(dir, CELLS.path());
    AtomicFiles.writeAtomically(dir.resolve(JSON_FILE), json(r, setup, selectColumn));
    int n = cells.size();
    List<Artifacts.Entry> entries = new ArrayList<>(List.of(
        new Artifacts.Entry(PAIRED.csv(), "table", SECTION, "Verdict: does one dataset's table agree better with"
            + " retraining than the reference's?", "delta_tau = tau(dataset) - tau(reference) on the same " + n
            + " cells; delta_lo/_hi: 95 % percentile interval of " + r.bootstrap() + " paired bootstrap replicates over"
            + " cells (each replicate draws one set of cells, used for every dataset; replicates = those with a tau"
            + " on both, seed " + r.seed() + "). The verdict says 'agrees better' or 'agrees worse' only when the"
            + " interval excludes 0, else 'no detectable difference' with these cells."),
        new Artifacts.Entry(DATASETS.csv(), "table", SECTION, "Per dataset: Kendall tau (trained vs table) and the mean"
            + " difference, with intervals", "tau: Kendall tau-b between the trained and the table's values over the "
            + n + " cells; tau_lo/_hi: 95 % percentile bootstrap interval over cells (" + r.bootstrap() + " replicates,"
            + " seed " + r.seed() + "); tau_p: two-sided permutation p-value (tau_p_method). mean_diff: mean of trained"
            + " - table (points) with Student's t 95 % interval (mean_diff_lo/_hi); trained / cached: cells trained now"
            + " / read from the result store. split, split_how (files, split file and their sha256) and data_sha256"
            + " (the exact images and labels) name the data."),
        new Artifacts.Entry(CELLS.csv(), "table", SECTION, "Per cell and dataset: trained, table, difference",
            "The cells, stratified over the range of " + selectColumn + " (stratum: equal-width bins [stratum_lo,"
                + " stratum_hi); select_value: the cell's value there), the same cells on every dataset."),
        new Artifacts.Entry(JSON_FILE, "data", SECTION, "The whole study as JSON", "Setup (selection, training"
            + " settings, store, devices, provenance), methods, the per-dataset and paired results and the verdict.")));
    Artifacts.replace(dir, PREFIX, entries);
    // Each dataset's own spot check (its folder's index), shown again from here: a report of the folder
    // above this one reads only this folder's index, not its subfolders'.
    for (SpotCheckStudy.DatasetResult d : r.datasets()) {
      String sub = d.input().dataset() + "/";
      List<Artifacts.Entry> own = new ArrayList<>();
      for (Artifacts.Entry e : Artifacts.read(dir.resolve(d.input().dataset()))) {
        own.add(new Artifacts.Entry(sub + e.path(), e.kind(), "Spot check " + d.input().dataset() + ": trained vs table",
            e.title(), e.caption(), e.more()));
      }
      Artifacts.replace(dir, sub, own);
    }
    return entries;
  }

  static byte[] json(SpotCheckStudy.Result r, Map<String, Object> setup, String selectColumn) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("analysis", "spot check of the same cells on several datasets: retraining vs each dataset's table");
    top.put("verdict", r.verdictLine());
    top.put("methods", Map.of(
        "selection", "K cells stratified over the range of " + selectColumn + ": K equal-width strata, one cell drawn"
            + " uniformly from each from the selection seed (an empty stratum takes the unchosen cell nearest its centre)",
        "tau", "Kendall tau-b (trained vs table) over the cells; 95 % percentile bootstrap interval over cells ("
            + r.bootstrap() + " replicates, seed " + r.seed() + ", replicates without a tau left out); two-sided"
            + " permutation p-value (exact up to 9 cells)",
        "mean_diff", "mean of trained - table with Student's t 95 % interval",
        "paired", "tau(dataset) - tau(reference) per bootstrap replicate, the same cells drawn for every dataset;"
            + " 95 % percentile interval; a verdict only when it excludes 0"));
    top.put("setup", setup);
    List<Map<String, Object>> ds = new ArrayList<>();
    for (SpotCheckStudy.DatasetResult d : r.datasets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", d.input().dataset());
      m.put("tableColumn", d.input().tableColumn());
      m.put("cells", d.n());
      m.put("tau", d.tau());
      m.put("tauInterval", new double[] {d.tauLo(), d.tauHi()});
      m.put("tauP", d.p());
      m.put("tauPMethod", d.pMethod());
      m.put("replicates", d.replicates());
      m.put("meanDiff", d.diff().mean());
      m.put("meanDiffInterval", new double[] {d.diff().lo(), d.diff().hi()});
      m.put("meanAbsDiff", d.meanAbsDiff());
      m.put("split", d.input().split());
      m.put("splitHow", d.input().splitHow());
      m.put("dataSha256", d.input().dataSha256());
      m.put("trained", d.input().trained());
      m.put("table", d.input().table());
      m.put("sources", d.input().sources());
      ds.add(m);
    }
    top.put("datasets", ds);
    top.put("paired", r.paired());
    try {
      return (JSON.writeValueAsString(top) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the study as JSON", e);
    }
  }

  /** One line per dataset: its tau with interval and the mean difference, for the terminal. */
  public static List<String> lines(SpotCheckStudy.Result r) {
    List<String> out = new ArrayList<>();
    for (SpotCheckStudy.DatasetResult d : r.datasets()) {
      out.add(String.format(Locale.ROOT, "%-15s tau %.3f [%.3f, %.3f] (p = %.3g, n = %d)   trained - table %+.2f"
          + " [%+.2f, %+.2f] points", d.input().dataset(), d.tau(), d.tauLo(), d.tauHi(), d.p(), d.n(), d.diff().mean(),
          d.diff().lo(), d.diff().hi()));
    }
    return out;
  }
}
