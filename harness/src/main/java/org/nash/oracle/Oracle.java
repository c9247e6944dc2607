package org.nash.oracle;

import java.util.SplittableRandom;
import org.nash.space.Arch;

/**
 * Answers queries for one dataset (or task) at one fidelity. Owned by the runner; searchers never
 * see it. Implementations: tables ({@link TabularOracle}), surrogate models, real retraining.
 */
public interface Oracle extends AutoCloseable {
  /**
   * Evaluates an architecture. {@code rng} is the trial's own generator: any randomness (noise, a
   * sampled repeat) must come from it so that results do not depend on threads.
   */
  Observation query(Arch arch, SplittableRandom rng);

  /** Whether the oracle can answer for this architecture (a sampled table cannot for most). */
  default boolean answers(Arch arch) {
    return true;
  }

  /**
   * Whether results count this oracle's observations per origin (table / trained / cached): true for
   * oracles that train, so each trial line says how many queries each answered.
   */
  default boolean countsSources() {
    return false;
  }

  /** Whether {@link Observation#cost()} is meaningful, so a budget in seconds can be used. */
  boolean hasCost();

  /**
   * Releases what the oracle holds (worker processes, a database); called once when the run's plan
   * closes, after the last query. Most oracles hold nothing.
   */
  @Override
  default void close() {}

  /** One line for results and reports, e.g. "table nb201 cifar10: signal ..., reported ...". */
  String describe();
}
