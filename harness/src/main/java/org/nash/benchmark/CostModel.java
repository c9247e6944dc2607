package org.nash.benchmark;

/** Simulated wall-clock seconds of training and evaluating one architecture at a fidelity. */
public interface CostModel {
  /** Seconds to train at {@code fidelity} and evaluate once, for the architecture at {@code index}. */
  double seconds(int index, String fidelity);

  /** True when the seconds are scaled or modelled rather than read from the benchmark's records. */
  boolean estimated();

  /** How the cost is obtained, for output and reports. */
  String describe();
}
