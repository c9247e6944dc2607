package org.nash.surrogate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.plugin.ParamSpec;
import org.nash.plugin.Params;
import org.nash.random.Gaussian;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.nash.surrogate.encoding.Encoding;
import org.nash.surrogate.encoding.Encodings;
import org.nash.surrogate.model.GbtEnsemble;
import org.nash.surrogate.model.GbtParams;

/**
 * Predictor-guided search in the manner of BANANAS (White et al. 2021), with a tree ensemble as
 * the predictor: query {@code num_init} random architectures; then repeatedly fit the ensemble on
 * every (architecture, signal) seen, make {@code candidates} unseen architectures by mutating the
 * {@code parents} best seen ones (one or two moves), score them with the acquisition and query the
 * best {@code k} before refitting. Acquisitions: independent Thompson sampling ({@code its}: one
 * draw from N(mean, spread^2) per candidate) or {@code ucb} (mean + beta * spread).
 */
public final class Bananas implements Searcher {
  private final int numInit;
  private final int k;
  private final int candidates;
  private final int parents;
  private final boolean ucb;
  private final double beta;
  private final GbtParams gbt;
  private final SearchDomain domain;
  private final SplittableRandom rng;
  private final Encoding encoding;
  private final Map<Arch, Double> seen = new HashMap<>();
  private final List<Arch> order = new ArrayList<>();
  private final List<Arch> queue = new ArrayList<>();
  private int fits;

  public Bananas(int numInit, int k, int candidates, int parents, boolean ucb, double beta, String encoding, GbtParams gbt,
      SearchDomain domain, SplittableRandom rng) {
    this.numInit = numInit;
    this.k = k;
    this.candidates = candidates;
    this.parents = parents;
    this.ucb = ucb;
    this.beta = beta;
    this.gbt = gbt;
    this.domain = domain;
    this.rng = rng;
    this.encoding = Encodings.of(domain.space(), encoding);
  }

  @Override
  public Optional<Arch> ask() {
    if (seen.size() >= domain.size()) {
      return Optional.empty(); // it never re-queries while anything is unseen: nothing is left
    }
    if (seen.size() < numInit) {
      return Optional.of(unseenSample());
    }
    if (queue.isEmpty()) {
      refill();
    }
    return Optional.of(queue.isEmpty() ? unseenSample() : queue.remove(0));
  }

  @Override
  public void tell(Arch arch, double signal, double cost) {
    if (seen.put(arch, signal) == null) {
      order.add(arch);
    }
    queue.remove(arch);
  }

  /** How many times the predictor was fitted (for tests). */
  int fits() {
    return fits;
  }

  private Arch unseenSample() {
    for (int t = 0; t < 100; t++) {
      Arch a = domain.sample(rng);
      if (!seen.containsKey(a)) {
        return a;
      }
    }
    return domain.sample(rng);
  }

  /** Fits the predictor on everything seen and queues the k best candidates by the acquisition. */
  private void refill() {
    List<Arch> cand = candidates();
    if (cand.isEmpty()) {
      return;
    }
    double[] y = new double[order.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = seen.get(order.get(i));
    }
    GbtEnsemble model = GbtEnsemble.fit(encoding.encodeAll(order), encoding.dim(), y, gbt, rng.nextLong());
    fits++;
    GbtEnsemble.Prediction p;
    try {
      p = model.predict(encoding.encodeAll(cand));
    } finally {
      model.dispose();
    }
    double[] score = new double[cand.size()];
    for (int i = 0; i < score.length; i++) {
      score[i] = ucb ? p.mean()[i] + beta * p.sd()[i] : p.mean()[i] + p.sd()[i] * Gaussian.next(rng);
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < score.length; i++) {
      idx.add(i);
    }
    // Stable order on ties: candidate order is itself deterministic.
    idx.sort(Comparator.comparingDouble((Integer i) -> -score[i]));
    for (int i = 0; i < Math.min(k, idx.size()); i++) {
      queue.add(cand.get(idx.get(i)));
    }
  }

  /** Unseen mutations (one or two moves) of the best seen architectures, in a deterministic order. */
  private List<Arch> candidates() {
    List<Arch> best = new ArrayList<>(order);
    best.sort(Comparator.comparingDouble((Arch a) -> -seen.get(a)));
    best = best.subList(0, Math.min(parents, best.size()));
    Set<Arch> out = new LinkedHashSet<>();
    for (int t = 0; t < 4 * candidates && out.size() < candidates; t++) {
      Arch a = domain.mutate(best.get(t % best.size()), rng);
      if (rng.nextBoolean()) {
        a = domain.mutate(a, rng);
      }
      if (!seen.containsKey(a)) {
        out.add(a);
      }
    }
    return new ArrayList<>(out);
  }

  /** {@code bananas}: predictor-guided search. */
  public static final class Provider implements SearcherProvider {
    @Override
    public String name() {
      return "bananas";
    }

    private static final GbtParams MODEL = new GbtParams(GbtParams.DEFAULT.models(), 200, GbtParams.DEFAULT.maxDepth(),
        0.1, 1, GbtParams.DEFAULT.colsample());
    static final ParamSpec<Integer> NUM_INIT = ParamSpec.positive("num_init", 10, "random cells before the first fit (>= 2)");
    static final ParamSpec<Integer> K = ParamSpec.positive("k", 10, "queries per fit of the predictor");
    static final ParamSpec<Integer> CANDIDATES = ParamSpec.positive("candidates", 100, "mutated candidates scored per fit");
    static final ParamSpec<Integer> PARENTS = ParamSpec.positive("parents", 10, "best cells the candidates are mutated from");
    static final ParamSpec<String> ACQUISITION = ParamSpec.oneOf("acquisition", "its", List.of("its", "ucb"),
        "independent Thompson sampling or upper confidence bound");
    static final ParamSpec<Double> BETA = ParamSpec.number("beta", 1.0, "the UCB's weight of the ensemble's spread");
    static final ParamSpec<String> ENCODING = ParamSpec.text("encoding", null,
        "architecture encoding (default: the space's first; 'nash surrogate' lists them)");

    @Override
    public String description() {
      return "BANANAS-like predictor-guided search with an XGBoost bootstrap ensemble (White et al. 2021)";
    }

    @Override
    public List<ParamSpec<?>> params() {
      List<ParamSpec<?>> all = new java.util.ArrayList<>(List.of(NUM_INIT, K, CANDIDATES, PARENTS, ACQUISITION, BETA,
          ENCODING));
      all.addAll(GbtParams.specs(MODEL));
      return all;
    }

    @Override
    public SearcherFactory configure(Params params) {
      int numInit = params.get(NUM_INIT);
      int k = params.get(K);
      int cand = params.get(CANDIDATES);
      int parents = params.get(PARENTS);
      String acq = params.get(ACQUISITION);
      double beta = params.get(BETA);
      String enc = params.get(ENCODING);
      GbtParams gbt = GbtParams.from(params, MODEL);
      if (numInit < 2) {
        throw new NashException("searcher bananas: num_init must be at least 2 (the predictor needs data), got " + numInit);
      }
      if (k > cand) {
        throw new NashException("searcher bananas: k (" + k + ") cannot exceed candidates (" + cand + ")");
      }
      boolean ucb = acq.equals("ucb");
      return (domain, rng, budget) -> new Bananas(numInit, k, cand, parents, ucb, beta, enc, gbt, domain, rng);
    }
  }
}
