package org.nash.searchers;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.nash.plugin.ParamSpec;
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

  private final Moves moves;

  public RandomSearch(boolean distinct, SearchDomain domain, SplittableRandom rng) {
    this(distinct, "uniform", domain, rng);
  }

  /** @param sampler {@code uniform} or {@code naslib} (see {@link Moves}) */
  public RandomSearch(boolean distinct, String sampler, SearchDomain domain, SplittableRandom rng) {
    this.domain = domain;
    this.rng = rng;
    this.asked = distinct ? new HashSet<>() : null;
    this.moves = new Moves("searcher rs", domain, sampler, "uniform_edge");
  }

  @Override
  public Optional<Arch> ask() {
    Arch a = moves.sample(rng);
    if (asked != null) {
      if (asked.size() >= domain.size()) {
        return Optional.empty();
      }
      while (!asked.add(a)) {
        a = moves.sample(rng);
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

    static final ParamSpec<Boolean> DISTINCT = ParamSpec.flag("distinct", false,
        "sample without replacement (never propose a cell twice)");
    static final ParamSpec<String> SAMPLER = ParamSpec.oneOf("sampler", "uniform", List.of("uniform", "naslib"),
        "how random cells are drawn: uniform, or NASLib's sampler (rejects cells whose input or output edges are all none)");

    @Override
    public String description() {
      return "random search";
    }

    @Override
    public List<ParamSpec<?>> params() {
      return List.of(DISTINCT, SAMPLER);
    }

    @Override
    public SearcherFactory configure(Params params) {
      boolean distinct = params.get(DISTINCT);
      String sampler = params.get(SAMPLER);
      Moves.checkParams("searcher rs", sampler, "uniform_edge");
      if (distinct && sampler.equals("naslib")) {
        throw new org.nash.NashException("searcher rs: 'distinct: true' and 'sampler: naslib' cannot be combined");
      }
      return (domain, rng, budget) -> new RandomSearch(distinct, sampler, domain, rng);
    }
  }
}
