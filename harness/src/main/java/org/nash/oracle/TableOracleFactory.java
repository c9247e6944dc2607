package org.nash.oracle;

import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.plugin.Params;
import org.nash.plugin.Plugin;

/**
 * How one benchmark answers from its own tables when reading its objective's columns
 * ({@link TabularOracle}) is not its protocol, e.g. NB-101 samples one of its recorded repeats per
 * query. {@link #name()} is the benchmark's name; listed in
 * {@code META-INF/services/org.nash.oracle.TableOracleFactory}.
 */
public interface TableOracleFactory extends Plugin {
  Oracle create(Benchmark benchmark, String dataset, Fidelity fidelity, Params params);
}
