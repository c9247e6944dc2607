package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.TabularOracle;
import org.nash.run.ExperimentRunner;
import org.nash.run.TrialResult;
import org.nash.run.TrialRunner;
import org.nash.run.TrialSpec;
import org.nash.run.TrialsFile;
import org.nash.search.Searcher;
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
        new TrialRunner.Context(b, d, new TabularOracle(b, "cifar10", Nb201Benchmark.HP12), "table", "s", "r", 0, 0, true, false));
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
    ExperimentRunner.Plan plan = ExperimentRunner.plan(SearchLoopTest.config("""
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
    NashException e = assertThrows(NashException.class, () -> ExperimentRunner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: rs, params: {distnct: true}}]
        budget: {queries: 10}
        seeds: 1
        """), TestData.catalog(), getClass().getClassLoader()));
    assertTrue(e.getMessage().contains("searcher 'rs': unknown parameter(s) [distnct]"), e.getMessage());
    NashException bad = assertThrows(NashException.class, () -> ExperimentRunner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: re, params: {population: 3, sample: 5}}]
        budget: {queries: 10}
        seeds: 1
        """), TestData.catalog(), getClass().getClassLoader()));
    assertTrue(bad.getMessage().contains("sample (5) cannot exceed population (3)"), bad.getMessage());
    NashException unknown = assertThrows(NashException.class, () -> ExperimentRunner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: nope}]
        budget: {queries: 10}
        seeds: 1
        """), TestData.catalog(), getClass().getClassLoader()));
    assertTrue(unknown.getMessage().contains("unknown searcher 'nope'; known: ") && unknown.getMessage().contains("rs"),
        unknown.getMessage());
  }
}
