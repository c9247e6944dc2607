package org.nash.search;

/**
 * Optional for a {@link Searcher}: the trial's identity and the runner's ledger. Interim until the
 * single-phase SPI hands these to every searcher itself (the external searcher needs them now).
 */
public interface TrialAware {
  /** Before {@code init}: the trial key and its budget ({@code kind} is "queries" or "seconds"). */
  void begin(String trialKey, String budgetKind, double budget);

  /** Before each {@code tell}: what that query was charged and the budget left after it. */
  void charged(double cost, double budgetLeft);

  /** After the trial's last query, or when it failed ({@code stop} says which). */
  void end(String stop);
}
