package org.nash.run;

import org.nash.search.Budget;

/**
 * The budget of one trial, kept by the runner. A query is charged only if it fits: the run stops
 * when the next query would exceed the budget (NB201's REA rule), so the budget is never exceeded.
 * Searchers see it through the read-only {@link Budget} view.
 */
final class BudgetLedger implements Budget {
  private final int maxQueries;
  private final double maxSeconds;
  private int queries;
  private double seconds;

  /** @param maxQueries 0 for no query limit; @param maxSeconds 0 for no time limit */
  BudgetLedger(int maxQueries, double maxSeconds) {
    this.maxQueries = maxQueries;
    this.maxSeconds = maxSeconds;
  }

  boolean canAfford(double cost) {
    if (maxQueries > 0 && queries >= maxQueries) {
      return false;
    }
    return maxSeconds <= 0 || seconds + cost <= maxSeconds;
  }

  void charge(double cost) {
    queries++;
    seconds += cost;
  }

  @Override
  public int queries() {
    return queries;
  }

  @Override
  public double seconds() {
    return seconds;
  }

  @Override
  public int maxQueries() {
    return maxQueries;
  }

  @Override
  public double maxSeconds() {
    return maxSeconds;
  }
}
