package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.TabularOracle;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.TrialContext;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.search.Searcher;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/** The search loop on the real NB201 table: budgets, pools, determinism, and each searcher's rule. */
class SearchLoopTest {
  @TempDir
  Path dir;

  static Benchmark nb201() {
    return Benchmarks.load("nb201", TestData.catalog());
  }

  static Experiment config(String yaml) {
    return ConfigLoader.parse(yaml, "test config");
  }

  private static final String GRID = """
      benchmark: nb201
      datasets: [cifar10, cifar100]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, params: {population: 10, sample: 3}}
        - {name: ls}
        - {name: ls, label: ls-first, params: {variant: first}}
      budget: {seconds: {cifar10: 20000, cifar100: 40000}}
      noise_sd: 0.5
      seeds: 6
      """;

  @Test
  void sameBytesWithOneAndFourThreads() throws Exception {
    Plan plan = Planner.plan(config(GRID), TestData.catalog(), getClass().getClassLoader());
    ExperimentRunner.run(plan, dir.resolve("t1"), 1, null);
    ExperimentRunner.run(plan, dir.resolve("t4"), 4, null);
    byte[] one = Files.readAllBytes(dir.resolve("t1").resolve(TrialsFile.NAME));
    byte[] four = Files.readAllBytes(dir.resolve("t4").resolve(TrialsFile.NAME));
    assertEquals(2 * 2 * 4 * 6, TrialsFile.read(dir.resolve("t1").resolve(TrialsFile.NAME)).trials().size());
    assertArrayEquals(one, four);
  }

  @Test
  void budgetIsNeverExceededAndCostsOutsideCifar10AreMarkedEstimated() {
    Plan plan = Planner.plan(config(GRID), TestData.catalog(), getClass().getClassLoader());
    ExperimentRunner.run(plan, dir, 2, null);
    for (TrialResult r : TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials()) {
      assertTrue(r.seconds() <= r.budgetSeconds(), r.key());
      // stops only when the next query would not fit: at least one more query's worth was close
      assertTrue(r.seconds() > r.budgetSeconds() - 2000, r.key() + " stopped early at " + r.seconds());
      assertEquals(r.dataset().equals("cifar100"), r.costEstimated(), r.key());
      TrialResult.Step last = r.steps().get(r.steps().size() - 1);
      assertEquals(last, r.last());
      assertEquals(r.optimum() - last.reported(), last.regret(), 1e-12);
    }
  }

  @Test
  void queryBudgetCountsChargedQueriesOnly() {
    Plan plan = Planner.plan(config("""
        benchmark: nb201
        datasets: [cifar10]
        pools: ["c1x1,c3x3"]
        searchers: [{name: rs}]
        budget: {queries: 40}
        charge_repeats: false
        seeds: 3
        """), TestData.catalog(), getClass().getClassLoader());
    ExperimentRunner.run(plan, dir, 1, null);
    for (TrialResult r : TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials()) {
      assertEquals(40, r.queries());
      assertTrue(r.repeats() > 0, "64 archs, 40 draws with replacement: repeats expected");
      assertFalse(r.chargeRepeats());
    }
  }

  @Test
  void randomSearchOnAOneArchitecturePoolReturnsIt() {
    Benchmark b = nb201();
    SearchDomain d = b.space().domain(b.space().pool("c3x3"), true);
    assertEquals(1, d.size());
    RandomSearch rs = new RandomSearch(false, d, new SplittableRandom(1));
    for (int i = 0; i < 10; i++) {
      assertEquals(d.get(0), rs.ask().orElseThrow());
    }
    RandomSearch distinct = new RandomSearch(true, d, new SplittableRandom(1));
    assertEquals(d.get(0), distinct.ask().orElseThrow());
    assertTrue(distinct.ask().isEmpty(), "without replacement, a one-architecture pool is exhausted after one");
    assertEquals("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
        d.get(0).toString());
  }

  @Test
  void architectureOutsideThePoolIsRefused() {
    Benchmark b = nb201();
    SearchDomain d = b.space().domain(b.space().pool("skip,c3x3"), true);
    Searcher rogue = new Searcher() {
      @Override
      public Optional<Arch> ask() {
        return Optional.of(b.space().parse(
            "|avg_pool_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"));
      }

      @Override
      public void tell(Arch arch, double signal, double cost) {}
    };
    NashException e = assertThrows(NashException.class, () -> org.nash.run.TrialRunner.run(
        new org.nash.plan.TrialSpec("cifar10", "skip+c3x3", "rogue", "rogue", null, 0, 10, 0), (dom, rng, budget) -> rogue,
        new org.nash.plan.TrialContext(b, d, new TabularOracle(b, "cifar10", Nb201Benchmark.HP12), "table", "s", "r", 0, 0,
            true, false)));
    assertTrue(e.getMessage().contains("outside the search domain"), e.getMessage());
    assertThrows(NashException.class, () -> d.require(rogue.ask().orElseThrow()));
  }

  @Test
  void localSearchStopsOnlyAtTrueLocalOptima() {
    Benchmark b = nb201();
    for (String pool : List.of("full", "skip,c1x1,c3x3", "none,pool,c1x1")) {
      for (boolean first : new boolean[] {false, true}) {
        SearchDomain d = b.space().domain(b.space().pool(pool), true);
        TabularOracle oracle = new TabularOracle(b, "cifar100", Nb201Benchmark.HP12);
        SplittableRandom rng = new SplittableRandom(7);
        LocalSearch ls = new LocalSearch(first, 10, d, rng);
        for (int q = 0; q < 1500; q++) {
          Optional<Arch> next = ls.ask();
          if (next.isEmpty()) {
            assertTrue(first, "only first-improvement (which never re-queries) can run out");
            break;
          }
          Arch a = next.get();
          assertTrue(d.contains(a));
          ls.tell(a, oracle.query(a, rng).signal(), 1);
        }
        assertFalse(ls.localOptima().isEmpty(), pool);
        for (Arch opt : ls.localOptima()) {
          double v = oracle.query(opt, rng).signal();
          for (Arch n : d.neighbours(opt)) {
            assertTrue(oracle.query(n, rng).signal() <= v, pool + ": " + opt + " has a better neighbour " + n);
          }
        }
      }
    }
  }

  @Test
  void regularizedEvolutionRemovesTheOldestMember() {
    Benchmark b = nb201();
    SearchDomain d = b.space().domain(b.space().fullPool(), true);
    RegularizedEvolution re = new RegularizedEvolution(5, 2, d, new SplittableRandom(3));
    double[] signals = {99, 1, 2, 3, 4, 5, 6};
    for (double s : signals) {
      re.tell(re.ask().orElseThrow(), s, 1);
    }
    List<RegularizedEvolution.Member> pop = re.population();
    assertEquals(5, pop.size());
    // the best member (signal 99) was the oldest, so aging removed it
    assertArrayEquals(new double[] {2, 3, 4, 5, 6}, pop.stream().mapToDouble(RegularizedEvolution.Member::signal).toArray());
  }

  @Test
  void evolutionChildIsAOneEdgeMutationOfTheBestSampledMember() {
    Benchmark b = nb201();
    SearchDomain d = b.space().domain(b.space().pool("skip,c1x1,c3x3"), true);
    SplittableRandom rng = new SplittableRandom(11);
    RegularizedEvolution re = new RegularizedEvolution(3, 3, d, rng);
    for (int i = 0; i < 3; i++) {
      Arch a = re.ask().orElseThrow();
      re.tell(a, i, 1);
    }
    List<Arch> pop = re.population().stream().map(RegularizedEvolution.Member::arch).toList();
    for (int k = 0; k < 20; k++) {
      Arch child = re.ask().orElseThrow();
      assertTrue(d.contains(child));
      assertTrue(pop.stream().anyMatch(p -> d.neighbours(p).contains(child)));
    }
  }
}
