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

  /**
   * What the oracle decided before answering that results must record (issue 24: a calibration of
   * trained against table values, its cells and fit), as JSON-able maps and lists; null when nothing.
   * The runner writes it to {@code oracle.json} in the results folder.
   */
  default java.util.Map<String, Object> provenance() {
    return null;
  }

  /** One line for results and reports, e.g. "table nb201 cifar10: signal ..., reported ...". */
  String describe();
}
