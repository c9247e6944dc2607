package org.nash.searchers;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.nash.plugin.Params;
import org.nash.search.Searcher;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Random search: uniform samples from the domain, with replacement as in NAS-Bench-201's and
 * NASLib's baselines, or without ({@code distinct: true}) until the domain is exhausted.
 */
public final class RandomSearch implements Searcher {
  private final boolean distinct;
  private SearchDomain domain;
  private SplittableRandom rng;
  private final Set<Arch> asked = new HashSet<>();

  public RandomSearch(boolean distinct) {
    this.distinct = distinct;
  }

  @Override
  public void init(SearchDomain domain, SplittableRandom rng) {
    this.domain = domain;
    this.rng = rng;
  }

  @Override
  public Arch ask() {
    Arch a = domain.sample(rng);
    if (distinct && asked.size() < domain.size()) {
      while (!asked.add(a)) {
        a = domain.sample(rng);
      }
    }
    return a;
  }

  @Override
  public void tell(Arch arch, double signal) {}

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
    public Searcher create(Params params) {
      return new RandomSearch(params.getBoolean("distinct", false));
    }
  }
}
