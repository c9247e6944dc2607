package org.nash.searchers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.nash.plugin.ParamSpec;
import org.nash.plugin.Params;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Hill climbing over the domain's one-move neighbourhood, restarting from a random architecture at
 * each local optimum.
 *
 * <ul>
 *   <li>{@code variant: best} (NASLib): start from the best of {@code num_init} random
 *       architectures; evaluate the whole neighbourhood of the current architecture, move to its best
 *       member if that improves, otherwise restart. Neighbours are evaluated even if seen before.
 *   <li>{@code variant: first} (naszilla): walk the neighbourhood in random order and move to the
 *       first improving neighbour; an architecture is never queried twice (known signals are reused).
 * </ul>
 */
public final class LocalSearch implements Searcher {
  private final boolean firstImprovement;
  private final int numInit;
  private final Map<Arch, Double> known = new HashMap<>();
  private final List<Arch> localOptima = new ArrayList<>();
  private final SearchDomain domain;
  private final SplittableRandom rng;
  private final Moves moves;

  private int initLeft;
  private Arch current;
  private double currentSignal;
  private Deque<Arch> queue = new ArrayDeque<>();
  private Arch bestNeighbour;
  private double bestNeighbourSignal;

  public LocalSearch(boolean firstImprovement, int numInit, SearchDomain domain, SplittableRandom rng) {
    this(firstImprovement, numInit, "uniform", domain, rng);
  }

  /** @param sampler of the random starts: {@code uniform} or {@code naslib} (see {@link Moves}) */
  public LocalSearch(boolean firstImprovement, int numInit, String sampler, SearchDomain domain, SplittableRandom rng) {
    this.moves = new Moves("searcher ls", domain, sampler, "uniform_edge");
    this.firstImprovement = firstImprovement;
    this.numInit = numInit;
    this.domain = domain;
    this.rng = rng;
    this.initLeft = numInit;
  }

  @Override
  public Optional<Arch> ask() {
    while (true) {
      if (initLeft > 0) {
        // first-improvement never re-queries: once it knows the whole domain it has nothing to ask
        return firstImprovement && known.size() >= domain.size() ? Optional.empty() : Optional.of(randomStart());
      }
      if (queue.isEmpty()) {
        if (!firstImprovement && bestNeighbour != null && bestNeighbourSignal > currentSignal) {
          current = bestNeighbour;
          currentSignal = bestNeighbourSignal;
        } else if (current != null && (firstImprovement || bestNeighbour != null || !domain.hasNeighbour(current))) {
          localOptima.add(current);
          current = null;
          initLeft = 1;
          continue;
        }
        bestNeighbour = null;
        queue = shuffledNeighbours(current);
        continue;
      }
      Arch next = queue.pollFirst();
      Double seen = firstImprovement ? known.get(next) : null;
      if (seen == null) {
        return Optional.of(next);
      }
      consider(next, seen);
    }
  }

  private Arch randomStart() {
    if (!firstImprovement) {
      return moves.sample(rng);
    }
    // naszilla never re-queries: start from an unseen architecture while one is likely to exist.
    for (int tries = 0; tries < 1000; tries++) {
      Arch a = moves.sample(rng);
      if (!known.containsKey(a)) {
        return a;
      }
    }
    return moves.sample(rng);
  }

  private Deque<Arch> shuffledNeighbours(Arch a) {
    List<Arch> nb = new ArrayList<>(domain.neighbours(a));
    Collections.shuffle(nb, new Random(rng.nextLong()));
    return new ArrayDeque<>(nb);
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {
    known.put(arch, signal);
    if (initLeft > 0) {
      initLeft--;
      if (current == null || signal > currentSignal) {
        current = arch;
        currentSignal = signal;
      }
      if (initLeft == 0) {
        bestNeighbour = null;
        queue = shuffledNeighbours(current);
      }
      return;
    }
    consider(arch, signal);
  }

  private void consider(Arch arch, double signal) {
    if (firstImprovement) {
      if (signal > currentSignal) {
        current = arch;
        currentSignal = signal;
        queue = shuffledNeighbours(current);
      }
    } else if (bestNeighbour == null || signal > bestNeighbourSignal) {
      bestNeighbour = arch;
      bestNeighbourSignal = signal;
    }
  }

  /** The local optima found so far, in order (each ended a climb and caused a restart). */
  public List<Arch> localOptima() {
    return List.copyOf(localOptima);
  }

  /** {@code ls}: local search. */
  public static final class Provider implements SearcherProvider {
    @Override
    public String name() {
      return "ls";
    }

    static final ParamSpec<String> VARIANT = ParamSpec.oneOf("variant", "best", List.of("best", "first"),
        "best: NASLib's best-improvement over the whole neighbourhood; first: naszilla's first-improvement");
    static final ParamSpec<Integer> NUM_INIT = ParamSpec.positive("num_init", 10,
        "random cells evaluated before the first climb; the best is the start");
    static final ParamSpec<String> SAMPLER = ParamSpec.oneOf("sampler", "uniform", List.of("uniform", "naslib"),
        "how random cells are drawn: uniform, or NASLib's sampler (rejects cells whose input or output edges are all none)");

    @Override
    public String description() {
      return "local search: hill climbing over one-edge neighbours, restarting from a random cell at a local optimum";
    }

    @Override
    public List<ParamSpec<?>> params() {
      return List.of(VARIANT, NUM_INIT, SAMPLER);
    }

    @Override
    public SearcherFactory configure(Params params) {
      boolean first = params.get(VARIANT).equals("first");
      int numInit = params.get(NUM_INIT);
      String sampler = params.get(SAMPLER);
      Moves.checkParams("searcher ls", sampler, "uniform_edge");
      return (domain, rng, budget) -> new LocalSearch(first, numInit, sampler, domain, rng);
    }
  }
}
