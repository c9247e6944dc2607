package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.TabularOracle;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.TrialContext;
import org.nash.plan.TrialSpec;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.run.TrialRunner;
import org.nash.search.RunScoped;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.TrialAware;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/** Configure once, create per trial with final inputs, see costs and the budget, end when exhausted. */
class SearcherLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void aSearcherSeesEachCostAndTheBudgetAndMayEndTheTrial() {
    Benchmark b = SearchLoopTest.nb201();
    SearchDomain d = b.space().domain(b.space().pool("skip,c3x3"), true);
    List<Double> told = new ArrayList<>();
    List<Double> spent = new ArrayList<>();
    TrialResult r = TrialRunner.run(new TrialSpec("cifar10", "skip+c3x3", "sweep", "sweep", null, 0, 0, 1e9),
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
        new TrialContext(b, d, new TabularOracle(b, "cifar10", Nb201Benchmark.HP12), "table", "s", "r", 0, 0, true, false));
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

  @Test
  void randomSearchWithoutReplacementEndsWhenItHasSeenTheWholePool() {
    Plan plan = Planner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        pools: ["skip,c3x3"]
        searchers: [{name: rs, params: {distinct: true}}, {name: ls, params: {variant: first}}]
        budget: {queries: 100000}
        seeds: 2
        """), TestData.catalog(), getClass().getClassLoader());
    ExperimentRunner.run(plan, dir, 2, null);
    for (TrialResult r : TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials()) {
      assertEquals("searcher exhausted", r.stop(), r.key());
      assertEquals(64, r.queries(), r.key());
      assertEquals(0, r.repeats(), r.key());
    }
  }

  @Test
  void parametersAreCheckedOnceWhenPlanning() {
    NashException e = assertThrows(NashException.class, () -> Planner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: rs, params: {distnct: true}}]
        budget: {queries: 10}
        seeds: 1
        """), TestData.catalog(), getClass().getClassLoader()));
    assertTrue(e.getMessage().contains("searcher 'rs': unknown parameter 'distnct'; known:\n  distinct (boolean,"
        + " default false)"), e.getMessage());
    NashException bad = assertThrows(NashException.class, () -> Planner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: re, params: {population: 3, sample: 5}}]
        budget: {queries: 10}
        seeds: 1
        """), TestData.catalog(), getClass().getClassLoader()));
    assertTrue(bad.getMessage().contains("sample (5) cannot exceed population (3)"), bad.getMessage());
    NashException unknown = assertThrows(NashException.class, () -> Planner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: nope}]
        budget: {queries: 10}
        seeds: 1
        """), TestData.catalog(), getClass().getClassLoader()));
    assertTrue(unknown.getMessage().contains("unknown searcher 'nope'; known: ") && unknown.getMessage().contains("rs"),
        unknown.getMessage());
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
    Benchmark b = SearchLoopTest.nb201();
    SearchDomain d = b.space().domain(b.space().pool("skip,c3x3"), true);
    TrialContext ctx = new TrialContext(b, d, new TabularOracle(b, "cifar10", Nb201Benchmark.HP12), "table",
        "s", "r", 0, 0, true, false);
    TrialSpec spec = new TrialSpec("cifar10", "skip+c3x3", "told", "told", null, 0, 0, 1e9);
    List<String> events = new ArrayList<>();
    TrialRunner.run(spec, (domain, rng, budget) -> new Told(events, domain, 0), ctx);
    assertEquals(List.of("begin " + spec.key(), "ask", "tell", "ask", "tell", "ask", "end searcher exhausted"), events);
    events.clear();
    assertThrows(NashException.class, () -> TrialRunner.run(spec, (domain, rng, budget) -> new Told(events, domain, 2), ctx));
    assertEquals(List.of("begin " + spec.key(), "ask", "tell", "ask", "end failed"), events);
  }

  /** Wraps a factory; records when the runner opens and closes it. */
  private static final class Scoped implements SearcherFactory, RunScoped {
    final SearcherFactory inner;
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

    Scoped(SearcherFactory inner) {
      this.inner = inner;
    }

    @Override
    public Searcher create(SearchDomain domain, java.util.SplittableRandom rng, org.nash.search.Budget budget) {
      events.add("create");
      return inner.create(domain, rng, budget);
    }

    @Override
    public void open(Path outDir, String label) {
      events.add("open " + outDir.getFileName() + " " + label);
    }

    @Override
    public void close() {
      events.add("close");
    }
  }

  @Test
  void aRunScopedFactoryIsOpenedAroundTheTrialsOfARunThatHasAny() {
    Plan p = Planner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        pools: ["skip,c3x3"]
        searchers: [{name: rs}]
        budget: {queries: 5}
        seeds: 2
        """), TestData.catalog(), getClass().getClassLoader());
    Scoped scoped = new Scoped(p.factories().get("rs"));
    Plan plan = new Plan(p.experiment(), p.benchmark(), p.trials(), Map.of("rs", scoped), p.cells(), p.catalog(),
        p.loader(), p.searcherIdentities(), p.oracleIdentity());
    Path out = dir.resolve("scoped");
    ExperimentRunner.run(plan, out, 2, null);
    assertEquals(List.of("open scoped rs", "create", "create", "close"), scoped.events);
    scoped.events.clear();
    ExperimentRunner.run(plan, out, 2, null);
    assertEquals(List.of(), scoped.events, "nothing left to run: not opened");
  }
}
