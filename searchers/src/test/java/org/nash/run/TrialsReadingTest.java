package org.nash.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.analysis.compare.Curves;
import org.nash.analysis.compare.Groups;
import org.nash.config.ConfigLoader;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.report.Report;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * The dedicated streaming reader against Jackson databind, record for record, on real trials files
 * (NB-201 under a time budget with re-queries and traces; TNB micro under a query budget), and the
 * streamed report analyses against the same analyses over the trials held in memory.
 */
class TrialsReadingTest {
  @TempDir
  Path dir;

  private Path run(String yaml, String name) {
    Plan p = Planner.plan(ConfigLoader.parse(yaml, name), TestData.catalog(),
        TrialsReadingTest.class.getClassLoader());
    Path out = dir.resolve(name);
    ExperimentRunner.run(p, out, 2, null);
    return out;
  }

  private static final String NB201 = """
      name: reading-nb201
      benchmark: nb201
      datasets: [cifar10, ImageNet16-120]
      fidelity: hp12
      pools: [full, "skip,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, params: {population: 10, sample: 3}}
        - {name: ls}
      budget: {seconds: {cifar10: 6000, ImageNet16-120: 20000}}
      seeds: 6
      trace: true
      """;

  private static final String TNB = """
      name: reading-tnb
      benchmark: tnb-micro
      datasets: [class_scene, room_layout]
      pools: [full, "skip,c1x1,c3x3"]
      searchers: [{name: rs}, {name: ls}]
      budget: {queries: 40}
      seeds: 4
      """;

  @Test
  void theStreamingReaderGivesDatabindsRecords() {
    for (Path out : List.of(run(NB201, "nb201"), run(TNB, "tnb"))) {
      Path file = out.resolve(TrialsFile.NAME);
      List<TrialResult> expected = new ArrayList<>();
      TrialsFile.scan(file, (line, t) -> expected.add(t));
      assertTrue(expected.size() >= 32, out + ": " + expected.size());
      assertTrue(expected.stream().anyMatch(t -> t.trace() != null && !t.trace().isEmpty()) == out.endsWith("nb201"));
      int[] i = {0};
      TrialsFile.Tail tail = TrialsFile.stream(file, true, null, (line, head, steps) -> {
        TrialResult t = expected.get(i[0]++);
        assertEquals(i[0], line);
        assertEquals(headOf(t), head);
        assertNull(head.steps());
        assertEquals(t.steps().size(), steps.size());
        assertEquals(t.steps().size(), steps.total());
        for (int k = 0; k < steps.size(); k++) {
          TrialResult.Step s = t.steps().get(k);
          assertEquals(s.query(), steps.query(k));
          assertEquals(s.seconds(), steps.seconds(k), 0);
          assertEquals(s.arch(), steps.arch(k));
          assertEquals(s.reported(), steps.reported(k), 0);
          assertEquals(s.regret(), steps.regret(k), 0);
          assertEquals(s.regretPool(), steps.regretPool(k), 0);
        }
      });
      assertEquals(expected.size(), i[0]);
      assertNull(tail.problem());
      i[0] = 0;
      TrialsFile.stream(file, false, null, (line, head, steps) -> {
        TrialResult t = expected.get(i[0]++);
        assertEquals(headOf(t), head);
        assertEquals(Math.min(1, t.steps().size()), steps.size());
        assertEquals(t.steps().size(), steps.total());
      });
      i[0] = 0;
      TrialsFile.scanHeads(file, (line, head) -> assertEquals(headOf(expected.get(i[0]++)), head));
    }
  }

  @Test
  void streamedAnalysesEqualTheInMemoryOnes() {
    Path out = run(NB201, "nb201");
    List<TrialResult> all = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    Report.Experiment e = Report.load(out, TestData.catalog()).get(0);
    Groups streamed = e.groups();
    Groups inMemory = new Groups(all);
    assertEquals(all.size(), e.trialCount());
    List<Curves.Curve> a = Curves.of(streamed);
    assertEquals(Curves.of(inMemory), a);
    // and the curve computed per group from the trials themselves (the computation before streaming)
    for (Curves.Curve c : a) {
      List<TrialResult> ts = all.stream().filter(t -> t.dataset().equals(c.dataset()) && t.pool().equals(c.pool())
          && t.searcher().equals(c.searcher())).toList();
      double[] grid = c.points().stream().mapToDouble(Curves.Point::x).toArray();
      assertEquals(Curves.curve(ts, c.axis(), grid), c.points(), c.dataset() + " " + c.pool() + " " + c.searcher());
    }
    for (Groups.Group g : streamed.groups()) {
      Groups.Group m = inMemory.group(g.dataset, g.pool, g.searcher);
      assertEquals(java.util.Arrays.toString(m.reported()), java.util.Arrays.toString(g.reported()));
      assertEquals(java.util.Arrays.toString(m.arch()), java.util.Arrays.toString(g.arch()));
      assertEquals(java.util.Arrays.toString(m.repeats()), java.util.Arrays.toString(g.repeats()));
    }
  }

  private static TrialResult headOf(TrialResult t) {
    return new TrialResult(t.key(), t.benchmark(), t.version(), t.dataset(), t.pool(), t.searcher(), t.seed(), t.oracle(),
        t.source(), t.protocol(), t.sources(), t.signal(), t.aggregation(), t.reported(), t.costEstimated(),
        t.chargeRepeats(), t.budgetQueries(), t.budgetSeconds(), t.queries(), t.repeats(), t.seconds(), t.stopRule(),
        t.stop(), t.optimum(), t.optimumPool(), t.last(), null, null);
  }
}
