package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.TabularOracle;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/**
 * Each searcher's rule on the real NB201 table and space. The run-level checks (budgets, thread
 * counts, the domain enforced by the trial loop) are in the harness' ExperimentRunnerTest and
 * TrialRunnerTest, on the synthetic benchmark.
 */
class SearchLoopTest {
  static Benchmark nb201() {
    return Benchmarks.load("nb201", TestData.catalog());
  }

  static Experiment config(String yaml) {
    return ConfigLoader.parse(yaml, "test config");
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
