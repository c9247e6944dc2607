package org.nash.searchers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.plugin.ParamSpec;
import org.nash.plugin.Params;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Regularized (aging) evolution, Real et al. 2019: fill a population with random architectures;
 * then repeatedly draw {@code sample} members (with replacement), mutate the best of them, add the
 * child and remove the OLDEST member. Defaults 50 / 10 are those of NASLib's benchmark (bbo) configs;
 * NASLib's {@code nb201_defaults.yaml} uses 30 / 10 ({@code protocol: naslib}), NB201 and NATS 10 / 3
 * with node-then-edge mutation ({@code protocol: nb201 | nats}); see {@link Moves}.
 */
public final class RegularizedEvolution implements Searcher {
  private final int populationSize;
  private final int sampleSize;
  /** The population, oldest first, as a ring: a tournament reads members by position, thousands of times a trial. */
  private final Member[] ring;
  private int head;
  private int size;
  private final SearchDomain domain;
  private final SplittableRandom rng;
  private final Moves moves;
  private int initialised;

  record Member(Arch arch, double signal) {}

  public RegularizedEvolution(int populationSize, int sampleSize, SearchDomain domain, SplittableRandom rng) {
    this(populationSize, sampleSize, "uniform", "uniform_edge", domain, rng);
  }

  /** @param sampler and @param mutation see {@link Moves} */
  public RegularizedEvolution(int populationSize, int sampleSize, String sampler, String mutation, SearchDomain domain,
      SplittableRandom rng) {
    this.populationSize = populationSize;
    this.sampleSize = sampleSize;
    this.domain = domain;
    this.rng = rng;
    this.moves = new Moves("searcher re", domain, sampler, mutation);
    this.ring = new Member[populationSize];
  }

  @Override
  public Optional<Arch> ask() {
    if (initialised < populationSize) {
      return Optional.of(moves.sample(rng));
    }
    Member parent = null;
    for (int i = 0; i < sampleSize; i++) {
      Member m = ring[(head + rng.nextInt(size)) % ring.length];
      if (parent == null || m.signal() > parent.signal()) {
        parent = m;
      }
    }
    return Optional.of(moves.mutate(parent.arch(), rng));
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {
    initialised++;
    Member m = new Member(arch, signal);
    if (size < ring.length) {
      ring[(head + size++) % ring.length] = m;
    } else { // the oldest leaves
      ring[head] = m;
      head = (head + 1) % ring.length;
    }
  }

  /** The current population, oldest first. */
  List<Member> population() {
    List<Member> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(ring[(head + i) % ring.length]);
    }
    return out;
  }

  /** {@code re}: regularized evolution. */
  public static final class Provider implements SearcherProvider {
    @Override
    public String name() {
      return "re";
    }

    static final ParamSpec<Integer> POPULATION = ParamSpec.positive("population", 50,
        "members kept (NB-201: 10, NASLib: 30)");
    static final ParamSpec<Integer> SAMPLE = ParamSpec.positive("sample", 10,
        "tournament size, at most the population (NB-201: 3, NASLib: 10)");
    static final ParamSpec<String> MUTATION = ParamSpec.oneOf("mutation", "uniform_edge",
        List.of("uniform_edge", "node_then_edge"), "uniform_edge (NASLib) or node_then_edge (NB-201: a node, then one of"
        + " its incoming edges)");
    static final ParamSpec<String> SAMPLER = ParamSpec.oneOf("sampler", "uniform", List.of("uniform", "naslib"),
        "how random cells are drawn: uniform, or NASLib's sampler (rejects cells whose input or output edges are all none)");

    @Override
    public String description() {
      return "regularized evolution (Real et al. 2019); NB-201 uses population 10, sample 3, node_then_edge";
    }

    @Override
    public List<ParamSpec<?>> params() {
      return List.of(POPULATION, SAMPLE, MUTATION, SAMPLER);
    }

    @Override
    public SearcherFactory configure(Params params) {
      int p = params.get(POPULATION);
      int s = params.get(SAMPLE);
      if (s > p) {
        throw new NashException("searcher re: sample (" + s + ") cannot exceed population (" + p + ")");
      }
      String mutation = params.get(MUTATION);
      String sampler = params.get(SAMPLER);
      Moves.checkParams("searcher re", sampler, mutation);
      return (domain, rng, budget) -> new RegularizedEvolution(p, s, sampler, mutation, domain, rng);
    }
  }
}
