package org.nash.searchers;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.nash.plugin.Params;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Random search: uniform samples from the domain, with replacement as in NAS-Bench-201's and
 * NASLib's baselines, or without ({@code distinct: true}), in which case it is exhausted once it has
 * proposed every architecture of the domain.
 */
public final class RandomSearch implements Searcher {
  private final SearchDomain domain;
  private final SplittableRandom rng;
  /** Architectures proposed so far, when sampling without replacement; null otherwise. */
  private final Set<Arch> asked;

  public RandomSearch(boolean distinct, SearchDomain domain, SplittableRandom rng) {
    this.domain = domain;
    this.rng = rng;
    this.asked = distinct ? new HashSet<>() : null;
  }

  @Override
  public Optional<Arch> ask() {
    Arch a = domain.sample(rng);
    if (asked != null) {
      if (asked.size() >= domain.size()) {
        return Optional.empty();
      }
      while (!asked.add(a)) {
        a = domain.sample(rng);
      }
    }
    return Optional.of(a);
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {}

  /** {@code rs}: random search. */
  public static final class Provider implements SearcherProvider {
    @Override
    public String name() {
      return "rs";
    }

    @Override
    public String description() {
      return "random search; distinct (false): sample without replacement";
    }

    @Override
    public SearcherFactory configure(Params params) {
      boolean distinct = params.getBoolean("distinct", false);
      return (domain, rng, budget) -> new RandomSearch(distinct, domain, rng);
    }
  }
}
