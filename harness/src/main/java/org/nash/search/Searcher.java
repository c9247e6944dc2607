package org.nash.search;

import java.util.Optional;
import org.nash.space.Arch;

/**
 * A search strategy running one trial, driven by the runner in an ask/tell loop. It is made by a
 * {@link SearcherFactory} with everything it needs (domain, random generator, budget view), so its
 * fields can be final. The runner owns the oracle and the budget; a searcher sees the domain, the
 * signal and the cost of its queries. One instance runs one trial, single-threaded; all randomness
 * must come from the generator it was made with.
 */
public interface Searcher {
  /**
   * The next architecture to evaluate (it must lie in the domain), or empty when the searcher has
   * nothing left to propose: the trial then ends with stop reason {@code searcher exhausted}.
   */
  Optional<Arch> ask();

  /**
   * The result of the latest {@link #ask()}: its search signal (higher is better) and the simulated
   * seconds charged for it (0 for an uncharged repeat). The budget view already includes it.
   */
  void tell(Arch arch, double signal, double cost);
}
