package org.nash.benchmark;

/** Simulated wall-clock seconds of training and evaluating one architecture at a fidelity. */
public interface CostModel {
  /** Seconds to train at {@code fidelity} and evaluate once, for the architecture at {@code index}. */
  double seconds(int index, Fidelity fidelity);

  /** Whether the seconds are estimated (e.g. scaled from another dataset) rather than recorded. */
  boolean estimated();

  /** One line saying what the seconds are. */
  String describe();
}
