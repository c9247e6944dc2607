package org.nash.search;

import java.util.SplittableRandom;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * A search strategy, driven by the runner in an ask/tell loop: {@code init}, then repeatedly
 * {@code ask} for the next architecture and {@code tell} its search signal (higher is better).
 * The runner owns the oracle and the budget; a searcher only ever sees the domain and the signal.
 * One instance runs one trial, single-threaded; all randomness must come from {@code rng}.
 */
public interface Searcher {
  void init(SearchDomain domain, SplittableRandom rng);

  /** The next architecture to evaluate; must lie in the domain. */
  Arch ask();

  /** The search signal of the architecture returned by the latest {@link #ask()}. */
  void tell(Arch arch, double signal);
}
