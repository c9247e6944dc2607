package org.nash.oracle;

import org.nash.benchmark.Benchmark;
import org.nash.data.DataCatalog;
import org.nash.search.Params;

/**
 * Makes oracles of one kind for experiment configs ({@code oracle: <name>}); found with
 * {@link java.util.ServiceLoader}. The tabular oracle is built in as {@code table}.
 */
public interface OracleProvider {
  String name();

  /**
   * An oracle for one dataset (or task) at a fidelity. Called once per dataset x pool, before any
   * trial runs, so expensive set-up (fitting a model) happens once; the oracle must then be safe to
   * query from several threads.
   */
  Oracle create(Benchmark benchmark, String dataset, String fidelity, double noiseSd, Params params,
      DataCatalog catalog);
}
