package org.nash.searchers.external;

import java.util.Optional;
import org.nash.NashException;
import org.nash.search.Budget;
import org.nash.search.Searcher;
import org.nash.search.TrialAware;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * The SPI side of an external searcher: a thin adapter over a protocol {@link Session}, started when
 * the runner names the trial ({@link #begin}) and ended with its stop reason. Cost and budget left
 * in each {@code tell} are the runner's: the tell's cost and the {@link Budget} view.
 */
final class ExternalSearcher implements Searcher, TrialAware {
  private final ExternalFactory factory;
  private final SearchDomain domain;
  private final long seed;
  private final Budget budget;
  private Session session;

  ExternalSearcher(ExternalFactory factory, SearchDomain domain, long seed, Budget budget) {
    this.factory = factory;
    this.domain = domain;
    this.seed = seed;
    this.budget = budget;
  }

  private boolean inQueries() {
    return budget.maxQueries() > 0;
  }

  @Override
  public void begin(String trialKey) {
    session = new Session(factory.pool(), trialKey, inQueries() ? "queries" : "seconds",
        inQueries() ? budget.maxQueries() : budget.maxSeconds(), domain, seed);
  }

  @Override
  public Optional<Arch> ask() {
    return Optional.ofNullable(live().ask());
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {
    double left = inQueries() ? budget.maxQueries() - budget.queries() : budget.maxSeconds() - budget.seconds();
    live().tell(arch, signal, cost, left);
  }

  @Override
  public void end(String stop) {
    if (session != null) {
      session.end(stop);
    }
  }

  private Session live() {
    if (session == null) {
      throw new NashException("searcher external: a trial must be begun with its key first (the runner does this)");
    }
    return session;
  }
}
