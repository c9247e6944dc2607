package org.nash.plan;

import org.nash.benchmark.Benchmark;
import org.nash.oracle.Oracle;
import org.nash.space.SearchDomain;

/**
 * What a trial needs besides its spec; shared read-only by all trials of a dataset x pool. The last
 * three fields are what result lines record of the protocol: null where a line does not name them
 * (default configs keep the bytes they always had).
 */
public record TrialContext(Benchmark benchmark, SearchDomain domain, Oracle oracle, String oracleName,
    String signalKey, String reportedKey, double optimum, double optimumPool, boolean chargeRepeats,
    boolean trace, String protocol, String aggregation, String stopRule) {
  /** Without the protocol fields (none is recorded; stop before the overshooting query). */
  public TrialContext(Benchmark benchmark, SearchDomain domain, Oracle oracle, String oracleName, String signalKey,
      String reportedKey, double optimum, double optimumPool, boolean chargeRepeats, boolean trace) {
    this(benchmark, domain, oracle, oracleName, signalKey, reportedKey, optimum, optimumPool, chargeRepeats, trace,
        null, null, null);
  }

  public boolean keepOvershoot() {
    return "keep_overshoot".equals(stopRule);
  }
}
