package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;

/** The {@code list} searcher through the real runner on the NB-201 table. */
class GivenArchsTest {
  @TempDir
  Path dir;

  private static final String ALL_SKIP = "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";

  private static Plan plan(String pools, String archs) {
    return Planner.plan(SearchLoopTest.config("""
        benchmark: nb201
        datasets: [cifar10]
        pools: [%s]
        searchers:
          - {name: list, params: {archs: %s}}
        budget: {queries: 10}
        seeds: 2
        """.formatted(pools, archs)), TestData.catalog(), GivenArchsTest.class.getClassLoader());
  }

  @Test
  void evaluatesTheGivenCellsInOrderThenStops() throws Exception {
    ExperimentRunner.run(plan("full", "[6111, '" + ALL_SKIP + "', 0]"), dir, 1, null);
    List<TrialResult> trials = TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials();
    assertEquals(2, trials.size());
    for (TrialResult t : trials) {
      assertEquals(3, t.queries(), "one query per given cell");
      assertEquals("searcher exhausted", t.stop());
      // 6111 is the best CIFAR-10 cell of NB-201 by the hp12 signal among these three, found first
      assertEquals(6111, t.steps().get(0).arch());
      assertEquals(6111, t.last().arch());
    }
  }

  @Test
  void badEntriesNameTheEntry() {
    NashException range = assertThrows(NashException.class,
        () -> ExperimentRunner.run(plan("full", "[1835, 15625]"), dir.resolve("a"), 1, null));
    assertTrue(range.getMessage().contains("archs[1] (15625)") && range.getMessage().contains("out of range"),
        range.getMessage());
    NashException pool = assertThrows(NashException.class,
        () -> ExperimentRunner.run(plan("\"skip,c1x1,c3x3\"", "['|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|']"),
            dir.resolve("b"), 1, null));
    assertTrue(pool.getMessage().contains("archs[0]") && pool.getMessage().contains("outside the pool"),
        pool.getMessage());
    NashException notList = assertThrows(NashException.class, () -> plan("full", "1835"));
    assertTrue(notList.getMessage().contains("'archs' must be a non-empty list"), notList.getMessage());
  }
}
