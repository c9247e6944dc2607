package org.nash.search;

/**
 * A read-only view of a trial's budget, kept by the runner: a query is charged only if it fits, so
 * {@code queries() <= maxQueries()} and {@code seconds() <= maxSeconds()} whenever those are set.
 */
public interface Budget {
  /** Charged queries so far. */
  int queries();

  /** Simulated seconds charged so far. */
  double seconds();

  /** The query limit, or 0 if the budget is in seconds only. */
  int maxQueries();

  /** The simulated-seconds limit, or 0 if the budget is in queries only. */
  double maxSeconds();
}
