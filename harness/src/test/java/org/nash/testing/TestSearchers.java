package org.nash.testing;

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
 * Two searchers for the core's tests, registered like any plugin (the harness cannot see the
 * {@code searchers} module): {@code test-random} samples the domain uniformly, {@code test-sweep}
 * walks it in index order and never uses its generator.
 */
public final class TestSearchers {
  private TestSearchers() {}

  /** {@code test-random}: uniform samples; {@code distinct: true} never repeats and ends once all are seen. */
  public static final class Random implements SearcherProvider {
    @Override
    public String name() {
      return "test-random";
    }

    @Override
    public String description() {
      return "uniform random samples (tests only); distinct: true samples without replacement";
    }

    @Override
    public SearcherFactory configure(Params p) {
      boolean distinct = p.getBoolean("distinct", false);
      return (domain, rng, budget) -> new RandomSearcher(domain, rng, distinct);
    }
  }

  /** {@code test-sweep}: the domain's members in index order from member {@code from}, each once. */
  public static final class Sweep implements SearcherProvider {
    @Override
    public String name() {
      return "test-sweep";
    }

    @Override
    public String description() {
      return "every member of the domain in index order, once (tests only); from: the first member's position";
    }

    @Override
    public SearcherFactory configure(Params p) {
      int from = p.getInt("from", 0);
      if (from < 0) {
        throw new NashException("searcher 'test-sweep': parameter 'from' must be >= 0, got " + from);
      }
      return (domain, rng, budget) -> new Searcher() {
        private int asked;

        @Override
        public Optional<Arch> ask() {
          return asked < domain.size() ? Optional.of(domain.get((from + asked++) % domain.size())) : Optional.empty();
        }

        @Override
        public void tell(Arch arch, double signal, double cost) {}
      };
    }
  }

  private static final class RandomSearcher implements Searcher {
    private final SearchDomain domain;
    private final SplittableRandom rng;
    /** Without replacement: a lazy Fisher-Yates shuffle of the member positions. */
    private final int[] order;
    private int asked;

    RandomSearcher(SearchDomain domain, SplittableRandom rng, boolean distinct) {
      this.domain = domain;
      this.rng = rng;
      this.order = distinct ? new int[domain.size()] : null;
      if (order != null) {
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
      }
    }

    @Override
    public Optional<Arch> ask() {
      if (order == null) {
        return Optional.of(domain.sample(rng));
      }
      if (asked == order.length) {
        return Optional.empty();
      }
      int j = asked + rng.nextInt(order.length - asked);
      int pick = order[j];
      order[j] = order[asked];
      order[asked++] = pick;
      return Optional.of(domain.get(pick));
    }

    @Override
    public void tell(Arch arch, double signal, double cost) {}
  }
}
