package org.nash.analysis.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.FiniteJson;
import org.nash.io.AtomicFiles;

/**
 * Writes a scan into a results folder: CSV tables, one JSON with everything, PNG and SVG figures, all
 * registered in the folder's artifact index. Everything is computed and rendered before the first file
 * is written, and each file is written atomically.
 */
public final class ScanWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(FiniteJson.module());

  private ScanWriter() {}

  /** One output file, its content and its artifact entry (null for an SVG twin, which the index implies). */
  private record Output(String file, byte[] content, Artifacts.Entry entry) {}

  /** Writes every file of the scan into {@code dir} and registers them; returns the registered entries. */
  public static List<Artifacts.Entry> write(ScanResult r, Path dir) {
    List<Output> outs = new ArrayList<>();
    String section = section(r);
    ScanCaptions cap = new ScanCaptions(r);
    String p = r.filePrefix();
    table(outs, section, p + "-subsets.csv", r.subsets(), ScanResult.Subset.class,
        r.benchmark() + ": every op subset on every dataset", cap.subsets());
    table(outs, section, p + "-correlations.csv", r.correlations(), ScanResult.Correlation.class,
        r.benchmark() + ": rank agreement of the datasets inside each op subset", cap.correlations());
    table(outs, section, p + "-pools.csv", r.pools(), ScanResult.Pool.class,
        r.benchmark() + ": op subsets and their sizes", cap.pools());
    table(outs, section, p + "-top-sets.csv", r.topSets(), ScanResult.TopSet.class,
        r.benchmark() + ": global top sets per dataset", cap.topSets());
    table(outs, section, p + "-histogram.csv", r.histogram(), ScanResult.HistogramBin.class,
        r.benchmark() + ": histogram of each dataset over the space", cap.histogram());
    table(outs, section, p + "-occurrence.csv", r.occurrence(), ScanResult.OccurrenceBox.class,
        r.benchmark() + ": metric by number of occurrences of each op", cap.occurrence());
    if (!r.edgeOpMeans().isEmpty()) {
      table(outs, section, p + "-op-edge.csv", r.edgeOpMeans(), ScanResult.EdgeOpMean.class,
          r.benchmark() + ": metric per op per edge", cap.edgeOpMeans());
      table(outs, section, p + "-op-pairs.csv", r.edgePairs(), ScanResult.EdgePair.class,
          r.benchmark() + ": op pairs on consecutive edges", cap.edgePairs());
    }
    table(outs, section, p + "-top50-ranks.csv", r.topRanks(), ScanResult.TopRank.class,
        r.benchmark() + ": top-50 of " + r.options().reference() + " ranked on every dataset", cap.topRanks());
    for (ScanFigures.Figure f : new ScanFigures(r).all()) {
      outs.add(new Output(f.name() + ".png", f.png(),
          secondary(f.name(), new Artifacts.Entry(f.name() + ".png", "figure", section, f.title(), f.caption()))));
      outs.add(new Output(f.name() + ".svg", f.svg(), null));
    }
    outs.add(new Output(p + ".json", json(r), new Artifacts.Entry(p + ".json", "data", section,
        r.benchmark() + ": the whole scan as JSON", cap.json())));

    List<Artifacts.Entry> entries = new ArrayList<>();
    for (Output o : outs) {
      AtomicFiles.writeAtomically(dir.resolve(o.file()), o.content());
      if (o.entry() != null) {
        entries.add(o.entry());
      }
    }
    Artifacts.register(dir, entries);
    return entries;
  }

  /** Per-op boxes, op-edge heat maps and the full best/p90/median view fold away on the page. */
  private static Artifacts.Entry secondary(String name, Artifacts.Entry e) {
    return name.contains("-occurrence-") || name.contains("-op-edge-") || name.contains("-best-") ? e.secondary() : e;
  }

  /** The report section the scan's files are registered under. */
  public static String section(ScanResult r) {
    return "Operation-subset scan (" + r.benchmark() + (r.options().connectedOnly() ? ", connected cells only" : "")
        + ")";
  }

  /** Header row named after the record components, then one row per element; doubles in full precision. */
  static <T> String csv(List<T> rows, Class<T> type) {
    return org.nash.analysis.output.CsvWriter.records(rows, type, "NaN");
  }

  private static <T> void table(List<Output> outs, String section, String file, List<T> rows, Class<T> type,
      String title, String caption) {
    outs.add(new Output(file, csv(rows, type).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new Artifacts.Entry(file, "table", section, title, caption)));
  }

  static byte[] json(ScanResult r) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("analysis", "operation-subset scan (Lopes et al. 2023)");
    top.put("definitions", ScanCaptions.DEFINITIONS);
    top.put("result", r);
    try {
      return (JSON.writeValueAsString(top) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the scan as JSON", e);
    }
  }
}
