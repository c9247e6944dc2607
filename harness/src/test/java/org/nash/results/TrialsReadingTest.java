package org.nash.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.plan.Plan;
import org.nash.run.ExperimentRunner;
import org.nash.testing.Synthetic;

/**
 * The dedicated streaming reader against Jackson databind, record for record, on real trials files
 * of the synthetic benchmark (under a time budget with re-queries and traces; under a query budget
 * without). The streamed report analyses are compared with the in-memory ones in analysis'
 * {@code SyntheticResultsTest}.
 */
class TrialsReadingTest {
  @TempDir
  Path dir;

  private Path run(String yaml, String name) {
    Plan p = Synthetic.plan(yaml);
    Path out = dir.resolve(name);
    ExperimentRunner.run(p, out, 2, null);
    return out;
  }

  /** Two datasets, one of them with estimated costs; the random searcher re-queries. */
  private static final String TIMED = """
      name: reading-timed
      benchmark: synthetic
      datasets: [smooth, rugged]
      fidelity: low
      pools: [full, "skip,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-sweep, params: {from: 7}}
      budget: {seconds: {smooth: 1500, rugged: 4000}}
      seeds: 6
      trace: true
      """;

  private static final String QUERIES = """
      name: reading-queries
      benchmark: synthetic
      datasets: [smooth, untimed]
      pools: [full, "skip,c1x1,c3x3"]
      searchers: [{name: test-random}, {name: test-sweep}]
      budget: {queries: 40}
      seeds: 4
      """;

  @Test
  void theStreamingReaderGivesDatabindsRecords() {
    for (Path out : List.of(run(TIMED, "traced"), run(QUERIES, "queries"))) {
      Path file = out.resolve(TrialsFile.NAME);
      List<TrialResult> expected = new ArrayList<>();
      TrialsFile.scan(file, (line, t) -> expected.add(t));
      assertTrue(expected.size() >= 32, out + ": " + expected.size());
      assertTrue(expected.stream().anyMatch(t -> t.trace() != null && !t.trace().isEmpty()) == out.endsWith("traced"));
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

  /** A record without its steps and trace, as the head-only readers give it. */
  private static TrialResult headOf(TrialResult t) {
    return new TrialResult(t.key(), t.benchmark(), t.version(), t.dataset(), t.pool(), t.searcher(), t.seed(), t.oracle(),
        t.source(), t.protocol(), t.sources(), t.signal(), t.aggregation(), t.reported(), t.costEstimated(),
        t.chargeRepeats(), t.budgetQueries(), t.budgetSeconds(), t.queries(), t.repeats(), t.seconds(), t.stopRule(),
        t.stop(), t.optimum(), t.optimumPool(), t.last(), null, null);
  }
}
