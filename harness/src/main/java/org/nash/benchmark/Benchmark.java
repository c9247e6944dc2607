package org.nash.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.space.SearchSpace;
import org.nash.table.BenchmarkTable;

/**
 * A loaded benchmark: its space, its table and the objective of each dataset or task.
 *
 * @param name config name ({@code nb201}, {@code tnb-micro}, ...)
 * @param version digest of the data files it was built from; results record it so that analyses
 *     refuse to mix results of different data
 * @param note shown with every result built from it (e.g. that a table is only a sample), or null
 * @param tableOracle makes the {@code table} oracle of a dataset
 */
public record Benchmark(String name, String version, SearchSpace space, BenchmarkTable table,
    Map<String, Objective> objectives, String note, TableOracleFactory tableOracle) {

  public Benchmark {
    objectives = new LinkedHashMap<>(objectives);
  }

  /** A benchmark whose table oracle reads the objective's columns ({@link TabularOracle}). */
  public Benchmark(String name, String version, SearchSpace space, BenchmarkTable table,
      Map<String, Objective> objectives, String note) {
    this(name, version, space, table, objectives, note, (b, ds, fidelity, noise, params) -> {
      params.requireAllRead();
      return new org.nash.oracle.TabularOracle(b, ds, fidelity, noise);
    });
  }

  public org.nash.oracle.Oracle oracle(String dataset, String fidelity, double noiseSd,
      org.nash.search.Params params) {
    return tableOracle.create(this, dataset, fidelity, noiseSd, params);
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
}
