package org.nash.oracle;

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
  public Oracle create(OracleRequest r) {
    Registry<TableOracleFactory> own = Registry.load(TableOracleFactory.class, "table oracle", r.plugins());
    if (own.has(r.benchmark().name())) {
      return own.get(r.benchmark().name()).create(r.benchmark(), r.dataset(), r.fidelity(), r.params());
    }
    return new TabularOracle(r.benchmark(), r.dataset(), r.fidelity());
  }
}
