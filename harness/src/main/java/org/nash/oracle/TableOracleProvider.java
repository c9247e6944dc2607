package org.nash.oracle;

import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.data.DataCatalog;
import org.nash.plugin.Params;
import org.nash.plugin.Registry;

/** {@code oracle: table}: the benchmark's own {@link TableOracleFactory}, else {@link TabularOracle}. */
public final class TableOracleProvider implements OracleProvider {
  public static final String NAME = "table";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "answers from the benchmark's tables (the default)";
  }

  @Override
  public Oracle create(Benchmark benchmark, String dataset, Fidelity fidelity, Params params, DataCatalog catalog) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Registry<TableOracleFactory> own = Registry.load(TableOracleFactory.class, "table oracle",
        loader != null ? loader : TableOracleProvider.class.getClassLoader());
    if (own.has(benchmark.name())) {
      return own.get(benchmark.name()).create(benchmark, dataset, fidelity, params);
    }
    return new TabularOracle(benchmark, dataset, fidelity);
  }
}
