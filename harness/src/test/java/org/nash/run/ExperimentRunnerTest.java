package org.nash.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.plan.Plan;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.search.RunScoped;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.space.SearchDomain;
import org.nash.testing.Synthetic;

/**
 * Whole runs on the synthetic benchmark: the same bytes for any thread count, budgets in seconds
 * and in charged queries, and run-scoped searcher factories (moved from the searchers module's
 * SearchLoopTest and SearcherLifecycleTest, where they ran on NB-201).
 */
class ExperimentRunnerTest {
  @TempDir
  Path dir;

  /** The most a query can cost: 4 epochs of 6 c3x3 edges plus evaluation, x2 on rugged. */
  private static final double MAX_QUERY_SECONDS = 2 * (4 * (1 + 6 * 1.5) + 0.2 + 6 * 0.05);

  private static final String GRID = """
      benchmark: synthetic
      datasets: [smooth, rugged]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-random, label: distinct, params: {distinct: true}}
        - {name: test-sweep}
        - {name: test-sweep, label: sweep-from-5, params: {from: 5}}
      budget: {seconds: {smooth: 2000, rugged: 4000}}
      noise_sd: 0.5
      seeds: 6
      """;

  @Test
  void sameBytesWithOneAndFourThreads() throws Exception {
    Plan plan = Synthetic.plan(GRID);
    ExperimentRunner.run(plan, dir.resolve("t1"), 1, null);
    ExperimentRunner.run(plan, dir.resolve("t4"), 4, null);
    byte[] one = Files.readAllBytes(dir.resolve("t1").resolve(TrialsFile.NAME));
    byte[] four = Files.readAllBytes(dir.resolve("t4").resolve(TrialsFile.NAME));
    assertEquals(2 * 2 * 4 * 6, TrialsFile.read(dir.resolve("t1").resolve(TrialsFile.NAME)).trials().size());
    assertArrayEquals(one, four);
  }

  @Test
  void budgetIsNeverExceededAndEstimatedCostsAreMarked() {
    Plan plan = Synthetic.plan(GRID);
    ExperimentRunner.run(plan, dir, 2, null);
    for (TrialResult r : TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials()) {
      assertTrue(r.seconds() <= r.budgetSeconds(), r.key());
      // stops only when the next query would not fit: at least one more query's worth was close
      assertTrue(r.seconds() > r.budgetSeconds() - MAX_QUERY_SECONDS, r.key() + " stopped early at " + r.seconds());
      // rugged's cost model says its seconds are estimated (as NB-201's outside CIFAR-10)
      assertEquals(r.dataset().equals("rugged"), r.costEstimated(), r.key());
      TrialResult.Step last = r.steps().get(r.steps().size() - 1);
      assertEquals(last, r.last());
      assertEquals(r.optimum() - last.reported(), last.regret(), 1e-12);
    }
  }

  @Test
  void queryBudgetCountsChargedQueriesOnly() {
    Plan plan = Synthetic.plan("""
        benchmark: synthetic
        datasets: [smooth]
        pools: ["c1x1,c3x3"]
        searchers: [{name: test-random}]
        budget: {queries: 40}
        charge_repeats: false
        seeds: 3
        """);
    ExperimentRunner.run(plan, dir, 1, null);
    for (TrialResult r : TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials()) {
      assertEquals(40, r.queries());
      assertTrue(r.repeats() > 0, "64 archs, 40 draws with replacement: repeats expected");
      assertFalse(r.chargeRepeats());
    }
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
    Plan p = Synthetic.plan("""
        benchmark: synthetic
        datasets: [smooth]
        pools: ["skip,c3x3"]
        searchers: [{name: test-random}]
        budget: {queries: 5}
        seeds: 2
        """);
    Scoped scoped = new Scoped(p.factories().get("test-random"));
    Plan plan = new Plan(p.experiment(), p.benchmark(), p.trials(), Map.of("test-random", scoped), p.cells(),
        p.catalog(), p.loader(), p.searcherIdentities(), p.oracleIdentity());
    Path out = dir.resolve("scoped");
    ExperimentRunner.run(plan, out, 2, null);
    assertEquals(List.of("open scoped test-random", "create", "create", "close"), scoped.events);
    scoped.events.clear();
    ExperimentRunner.run(plan, out, 2, null);
    assertEquals(List.of(), scoped.events, "nothing left to run: not opened");
  }
}
