package org.nash.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.ConfigLoader;
import org.nash.plan.Planner;
import org.nash.plugin.Params;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/** The predictor-guided searcher, alone and through the runner (found by ServiceLoader). */
class BananasTest {
  @TempDir
  Path dir;

  @Test
  void refitsEveryKQueriesAndNeverProposesOutsideTheDomain() {
    Benchmark b = Benchmarks.load("tnb-micro", TestData.catalog());
    SearchDomain d = b.space().domain(b.space().pool("skip,c1x1,c3x3"), false);
    Bananas s = (Bananas) new Bananas.Provider().configure(new Params("bananas", Map.of("k", 5, "rounds", 50)))
        .create(d, new SplittableRandom(3), null);
    HashSet<Arch> asked = new HashSet<>();
    for (int q = 0; q < 40; q++) {
      Arch a = s.ask().orElseThrow();
      assertTrue(d.contains(a));
      asked.add(a);
      s.tell(a, b.table().value("class_scene/valid@final", a), 1);
    }
    assertEquals(6, s.fits(), "10 random, then a fit before each batch of 5");
    assertEquals(40, asked.size(), "never re-asks a seen architecture while unseen candidates exist");
  }

  @Test
  void runsThroughTheRunnerDeterministicallyOnTheSurrogateOracle() throws Exception {
    String yaml = """
        benchmark: tnb-micro
        oracle: surrogate
        oracle_params: {train_size: 200, seed: 0, models: 2, rounds: 50}
        datasets: [class_object]
        searchers:
          - {name: bananas, params: {rounds: 50, models: 3}}
          - {name: bananas, label: bananas-ucb, params: {rounds: 50, models: 3, acquisition: ucb}}
        budget: {queries: 30}
        seeds: 3
        """;
    var plan = Planner.plan(ConfigLoader.parse(yaml, "test"), TestData.catalog(), getClass().getClassLoader());
    ExperimentRunner.run(plan, dir.resolve("a"), 1, null);
    ExperimentRunner.run(plan, dir.resolve("b"), 2, null);
    assertEquals(Files.readString(dir.resolve("a/trials.jsonl")), Files.readString(dir.resolve("b/trials.jsonl")));
    for (TrialResult r : TrialsFile.read(dir.resolve("a/trials.jsonl")).trials()) {
      assertEquals("predicted", r.source());
      assertEquals(30, r.queries());
    }
  }

  @Test
  void badParametersAreClearErrors() {
    NashException acq = assertThrows(NashException.class,
        () -> new Bananas.Provider().configure(new Params("searcher 'bananas'", Map.of("acquisition", "ei"))));
    assertTrue(acq.getMessage().contains("parameter 'acquisition' must be one of its, ucb, got 'ei'"), acq.getMessage());
    NashException k = assertThrows(NashException.class,
        () -> new Bananas.Provider().configure(new Params("searcher 'bananas'", Map.of("k", 50, "candidates", 20))));
    assertTrue(k.getMessage().contains("k (50) cannot exceed candidates (20)"), k.getMessage());
  }
}
