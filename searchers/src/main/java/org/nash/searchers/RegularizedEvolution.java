package org.nash.searchers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.plugin.Params;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Regularized (aging) evolution, Real et al. 2019: fill a population with random architectures;
 * then repeatedly draw {@code sample} members (with replacement), mutate the best of them, add the
 * child and remove the OLDEST member. Defaults are NASLib's (population 50, sample 10); NB201's
 * setting is 10 / 3.
 */
public final class RegularizedEvolution implements Searcher {
  private final int populationSize;
  private final int sampleSize;
  private final Deque<Member> population = new ArrayDeque<>();
  private final SearchDomain domain;
  private final SplittableRandom rng;
  private int initialised;

  record Member(Arch arch, double signal) {}

  public RegularizedEvolution(int populationSize, int sampleSize, SearchDomain domain, SplittableRandom rng) {
    this.populationSize = populationSize;
    this.sampleSize = sampleSize;
    this.domain = domain;
    this.rng = rng;
  }

  @Override
  public Optional<Arch> ask() {
    if (initialised < populationSize) {
      return Optional.of(domain.sample(rng));
    }
    List<Member> members = new ArrayList<>(population);
    Member parent = null;
    for (int i = 0; i < sampleSize; i++) {
      Member m = members.get(rng.nextInt(members.size()));
      if (parent == null || m.signal() > parent.signal()) {
        parent = m;
      }
    }
    return Optional.of(domain.mutate(parent.arch(), rng));
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {
    initialised++;
    population.addLast(new Member(arch, signal));
    if (population.size() > populationSize) {
      population.removeFirst();
    }
  }

  /** The current population, oldest first. */
  List<Member> population() {
    return new ArrayList<>(population);
  }

  /** {@code re}: regularized evolution. */
  public static final class Provider implements SearcherProvider {
    @Override
    public String name() {
      return "re";
    }

    @Override
    public String description() {
      return "regularized evolution; population (50), sample (10); NB201 uses 10 / 3";
    }

    @Override
    public SearcherFactory configure(Params params) {
      int p = params.getPositiveInt("population", 50);
      int s = params.getPositiveInt("sample", 10);
      if (s > p) {
        throw new NashException("searcher re: sample (" + s + ") cannot exceed population (" + p + ")");
      }
      return (domain, rng, budget) -> new RegularizedEvolution(p, s, domain, rng);
    }
  }
}
