package org.nash.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.oracle.TabularOracle;
import org.nash.plan.TrialContext;
import org.nash.plan.TrialSpec;
import org.nash.results.TrialResult;
import org.nash.search.Searcher;
import org.nash.search.TrialAware;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.nash.testing.Synthetic;
import org.nash.testing.SyntheticBenchmark;

/**
 * One trial's ask/tell loop on the synthetic table: the domain is enforced, a searcher sees each
 * cost and the budget and may end the trial, and a trial-aware searcher is told how it ended (moved
 * from the searchers module's SearchLoopTest and SearcherLifecycleTest, where they ran on NB-201).
 */
class TrialRunnerTest {
  private static TrialContext context(Benchmark b, SearchDomain d) {
    return new TrialContext(b, d, new TabularOracle(b, "smooth", SyntheticBenchmark.LOW), "table", "s", "r", 0, 0,
        true, false);
  }

  @Test
  void architectureOutsideThePoolIsRefused() {
    Benchmark b = Synthetic.benchmark();
    SearchDomain d = b.space().domain(b.space().pool("skip,c3x3"), true);
    Searcher rogue = new Searcher() {
      @Override
      public Optional<Arch> ask() {
        return Optional.of(b.space().parse("syn-233333")); // a c1x1 edge: outside skip+c3x3
      }

      @Override
      public void tell(Arch arch, double signal, double cost) {}
    };
    NashException e = assertThrows(NashException.class, () -> TrialRunner.run(
        new TrialSpec("smooth", "skip+c3x3", "rogue", "rogue", null, 0, 10, 0), (dom, rng, budget) -> rogue,
        context(b, d)));
    assertTrue(e.getMessage().contains("outside the search domain"), e.getMessage());
    assertThrows(NashException.class, () -> d.require(rogue.ask().orElseThrow()));
  }

  @Test
  void aSearcherSeesEachCostAndTheBudgetAndMayEndTheTrial() {
    Benchmark b = Synthetic.benchmark();
    SearchDomain d = b.space().domain(b.space().pool("skip,c3x3"), true);
    List<Double> told = new ArrayList<>();
    List<Double> spent = new ArrayList<>();
    TrialResult r = TrialRunner.run(new TrialSpec("smooth", "skip+c3x3", "sweep", "sweep", null, 0, 0, 1e9),
        (domain, rng, budget) -> new Searcher() {
          private int next;

          @Override
          public Optional<Arch> ask() {
            return next < domain.size() ? Optional.of(domain.get(next++)) : Optional.empty();
          }

          @Override
          public void tell(Arch arch, double signal, double cost) {
            told.add(cost);
            spent.add(budget.seconds());
            assertEquals(1e9, budget.maxSeconds());
            assertEquals(0, budget.maxQueries());
            assertEquals(told.size(), budget.queries());
          }
        },
        context(b, d));
    assertEquals("searcher exhausted", r.stop());
    assertEquals(64, r.queries());
    double sum = 0;
    for (int i = 0; i < told.size(); i++) {
      assertTrue(told.get(i) > 0);
      sum += told.get(i);
      assertEquals(sum, spent.get(i), 1e-9, "the budget view already includes the query just told");
    }
    assertEquals(r.seconds(), sum, 1e-9);
  }

  /** A searcher that is told its trial: begin before the first ask, end with the stop reason. */
  private static final class Told implements Searcher, TrialAware {
    final List<String> events;
    final SearchDomain domain;
    final int failAt;
    int asks;

    Told(List<String> events, SearchDomain domain, int failAt) {
      this.events = events;
      this.domain = domain;
      this.failAt = failAt;
    }

    @Override
    public void begin(String trialKey) {
      events.add("begin " + trialKey);
    }

    @Override
    public Optional<Arch> ask() {
      events.add("ask");
      if (++asks == failAt) {
        throw new NashException("fails on purpose");
      }
      return asks <= 2 ? Optional.of(domain.get(asks)) : Optional.empty();
    }

    @Override
    public void tell(Arch arch, double signal, double cost) {
      events.add("tell");
    }

    @Override
    public void end(String stop) {
      events.add("end " + stop);
    }
  }

  @Test
  void aTrialAwareSearcherIsToldItsKeyAndHowTheTrialEnded() {
    Benchmark b = Synthetic.benchmark();
    SearchDomain d = b.space().domain(b.space().pool("skip,c3x3"), true);
    TrialContext ctx = context(b, d);
    TrialSpec spec = new TrialSpec("smooth", "skip+c3x3", "told", "told", null, 0, 0, 1e9);
    List<String> events = new ArrayList<>();
    TrialRunner.run(spec, (domain, rng, budget) -> new Told(events, domain, 0), ctx);
    assertEquals(List.of("begin " + spec.key(), "ask", "tell", "ask", "tell", "ask", "end searcher exhausted"), events);
    events.clear();
    assertThrows(NashException.class, () -> TrialRunner.run(spec, (domain, rng, budget) -> new Told(events, domain, 2), ctx));
    assertEquals(List.of("begin " + spec.key(), "ask", "tell", "ask", "end failed"), events);
  }
}
