package org.nash.table;

/** How a column's value was made from the benchmark's training runs. */
public enum Aggregate {
  /** Mean over the benchmark's seeds (reproducible, the usual reporting target). */
  SEED_MEAN,
  /** One training run (a noisy observation; which seed is not recorded upstream). */
  SINGLE_RUN,
  /** Not a training outcome (cost, size, hardware measurement). */
  NOT_A_RUN
}
