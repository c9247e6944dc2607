package org.nash.benchmark;

import org.nash.oracle.Oracle;
import org.nash.search.Params;

/** How a benchmark answers from its own tables ({@code oracle: table}); NB101 samples repeats. */
@FunctionalInterface
public interface TableOracleFactory {
  Oracle create(Benchmark benchmark, String dataset, String fidelity, double noiseSd, Params params);
}
