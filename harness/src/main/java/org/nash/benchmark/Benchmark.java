package org.nash.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.space.SearchSpace;
import org.nash.table.BenchmarkTable;

/**
 * A loaded benchmark: its space, its table and the objective of each dataset or task.
 *
 * @param name config name ({@code nb201}, {@code tnb-micro}, ...)
 * @param version digest of the data files it was built from; results record it so that analyses
 *     refuse to mix results of different data
 * @param note shown with every result built from it (e.g. that a table is only a sample), or null
 * @param dataFiles the sha256 of each data file it was built from, by catalog id (recorded in run.json)
 */
public record Benchmark(String name, String version, SearchSpace space, BenchmarkTable table,
    Map<String, Objective> objectives, String note, Map<String, String> dataFiles) {

  public Benchmark {
    objectives = new LinkedHashMap<>(objectives);
    dataFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataFiles));
  }

  /** A benchmark whose data files are not listed (made in code, or from files outside the catalog). */
  public Benchmark(String name, String version, SearchSpace space, BenchmarkTable table,
      Map<String, Objective> objectives, String note) {
    this(name, version, space, table, objectives, note, Map.of());
  }

  /** The same benchmark with other objectives (e.g. a search signal chosen by the config). */
  public Benchmark withObjectives(Map<String, Objective> objectives) {
    return new Benchmark(name, version, space, table, objectives, note, dataFiles);
  }

  /** The sha256 of each catalog file, by id, as {@link #dataFiles()} lists them. */
  public static Map<String, String> dataFiles(DataCatalog catalog, String... ids) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String id : ids) {
      m.put(id, catalog.entry(id).sha256());
    }
    return m;
  }

  public List<String> datasets() {
    return new ArrayList<>(objectives.keySet());
  }

  public Objective objective(String dataset) {
    Objective o = objectives.get(dataset);
    if (o == null) {
      throw new NashException("unknown dataset or task '" + dataset + "' for " + name + "; known: "
          + String.join(", ", objectives.keySet()));
    }
    return o;
  }

  /** A data version: a digest of the sha256s of the catalog files a benchmark is built from. */
  public static String dataVersion(DataCatalog catalog, String... ids) {
    return dataVersion(dataFiles(catalog, ids));
  }

  /** The data version of {@link #dataFiles(DataCatalog, String...)}' map, in its order. */
  public static String dataVersion(Map<String, String> dataFiles) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> f : dataFiles.entrySet()) {
        md.update((f.getKey() + "=" + f.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
