package org.nash.oracle;

import java.util.Locale;

/**
 * What one query returns.
 *
 * @param signal the value the searcher is told (e.g. 12-epoch validation accuracy, maybe noisy)
 * @param reported the value reported if this architecture ends as the incumbent (e.g. 200-epoch
 *     test accuracy, seed mean); never shown to the searcher
 * @param cost simulated (or, for retraining, real) seconds the query costs
 * @param costEstimated whether the cost is estimated rather than read from records
 * @param source where the values come from
 */
public record Observation(double signal, double reported, double cost, boolean costEstimated, Source source) {
  /**
   * Where an observation's values come from; results say it on every line. CACHED: a training answered
   * from a result store (the same numbers, and cost, as training it again).
   */
  public enum Source {
    TABLE, PREDICTED, TRAINED, CACHED;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
      return label;
    }
  }

  /** The same observation with another signal (e.g. plus noise). */
  public Observation withSignal(double newSignal) {
    return new Observation(newSignal, reported, cost, costEstimated, source);
  }
}
