package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.plan.Plan;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.testing.Synthetic;

/**
 * The built-in searchers' life cycle in a run on the synthetic benchmark (no data needed): parameters
 * checked once when planning, a trial ended by the searcher when it has seen the pool. How the runner
 * drives any searcher (costs, budget view, trial-aware and run-scoped hooks) is tested in the
 * harness' TrialRunnerTest and ExperimentRunnerTest.
 */
class SearcherLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void randomSearchWithoutReplacementEndsWhenItHasSeenTheWholePool() {
    Plan plan = Synthetic.plan("""
        benchmark: synthetic
        datasets: [smooth]
        pools: ["skip,c3x3"]
        searchers: [{name: rs, params: {distinct: true}}, {name: ls, params: {variant: first}}]
        budget: {queries: 100000}
        seeds: 2
        """);
    ExperimentRunner.run(plan, dir, 2, null);
    for (TrialResult r : TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials()) {
      assertEquals("searcher exhausted", r.stop(), r.key());
      assertEquals(64, r.queries(), r.key());
      assertEquals(0, r.repeats(), r.key());
    }
  }

  @Test
  void parametersAreCheckedOnceWhenPlanning() {
    NashException e = assertThrows(NashException.class, () -> Synthetic.plan("""
        benchmark: synthetic
        datasets: [smooth]
        searchers: [{name: rs, params: {distnct: true}}]
        budget: {queries: 10}
        seeds: 1
        """));
    assertTrue(e.getMessage().contains("searcher 'rs': unknown parameter 'distnct'; known:\n  distinct (boolean,"
        + " default false)"), e.getMessage());
    NashException bad = assertThrows(NashException.class, () -> Synthetic.plan("""
        benchmark: synthetic
        datasets: [smooth]
        searchers: [{name: re, params: {population: 3, sample: 5}}]
        budget: {queries: 10}
        seeds: 1
        """));
    assertTrue(bad.getMessage().contains("sample (5) cannot exceed population (3)"), bad.getMessage());
    NashException unknown = assertThrows(NashException.class, () -> Synthetic.plan("""
        benchmark: synthetic
        datasets: [smooth]
        searchers: [{name: nope}]
        budget: {queries: 10}
        seeds: 1
        """));
    assertTrue(unknown.getMessage().contains("unknown searcher 'nope'; known: ") && unknown.getMessage().contains("rs"),
        unknown.getMessage());
  }
}
