package org.nash.report;

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
import org.nash.analysis.compare.ExtendedPools;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.compare.Trials;
import org.nash.analysis.output.Artifacts;
import org.nash.nb201.Nb201xSpace;
import org.nash.results.TrialResult;

/**
 * The extended-pools section (issue 24) on synthetic nb201x trials small enough to check by hand:
 * 5 seeds per group, rs gains on {@code all}, everything else ties.
 */
class ExtendedPoolsTest {
  private static final String RESTRICTED = "skip,c1x1,c3x3";

  @TempDir
  Path dir;

  private static TrialResult withSources(TrialResult t, Map<String, Integer> src) {
    return new TrialResult(t.key(), t.benchmark(), t.version(), t.dataset(), t.pool(), t.searcher(), t.seed(),
        t.oracle(), t.source(), t.protocol(), src, t.signal(), t.aggregation(), t.reported(), t.costEstimated(),
        t.chargeRepeats(), t.budgetQueries(), t.budgetSeconds(), t.queries(), t.repeats(), t.seconds(), t.stopRule(),
        t.stop(), t.optimum(), t.optimumPool(), t.last(), t.steps(), t.trace());
  }

  /** rs: full 1..5, all 6..10 (each trial 5 of 10 queries trained, 2 cached), restricted 1..5; re: 1..5 everywhere. */
  private static Groups study(boolean withAll) {
    List<TrialResult> ts = new ArrayList<>();
    for (String s : List.of("rs", "re")) {
      for (int i = 0; i < 5; i++) {
        ts.add(Trials.finalValue("cifar10", "full", s, i, 1 + i));
        if (withAll) {
          double v = s.equals("rs") ? 6 + i : 1 + i;
          Map<String, Integer> src = s.equals("rs") ? Map.of("table", 3, "trained", 5, "cached", 2)
              : Map.of("table", 10);
          ts.add(withSources(Trials.finalValue("cifar10", "all", s, i, v), src));
        }
        ts.add(Trials.finalValue("cifar10", RESTRICTED, s, i, 1 + i));
      }
    }
    return new Groups(ts);
  }

  @Test
  void contrastsEachPoolWithFullAndSaysWhetherMoreOperationsHelp() throws Exception {
    List<ExtendedPools.Row> rows = ExtendedPools.of(study(true), new Nb201xSpace());
    assertEquals(4, rows.size(), rows.toString());
    ExtendedPools.Row rs = rows.get(0);
    assertEquals(List.of("rs", ExtendedPools.EXTENDED, "all", "full"), List.of(rs.searcher(), rs.contrast(), rs.a(),
        rs.b()));
    // full = 1..5: mean 3, sd sqrt(2.5), half width t(0.975, 4) * sqrt(2.5) / sqrt(5) = 2.776445 * 0.707107
    assertEquals(3, rs.valueB().mean(), 1e-12);
    assertEquals(3 - 1.963243, rs.valueB().lo(), 1e-5);
    assertEquals(8, rs.valueA().mean(), 1e-12);
    assertEquals(5, rs.diff(), 1e-12);
    // every 'all' value above every 'full' value: U = 25, delta = 1; z = (25 - 12.5 - 0.5) / sqrt(25 * 11 / 12)
    // = 2.50672, p = 2 * (1 - Phi(z)) = 0.012186; Holm over the 4 tests of the section: 4 p (the others are p = 1)
    assertEquals(25, rs.mw().u(), 1e-12);
    assertEquals(1, rs.delta(), 1e-12);
    assertEquals(0.012186, rs.mw().p(), 2e-6);
    assertEquals(4 * rs.mw().p(), rs.pHolm(), 1e-12);
    assertEquals("all", rs.better());
    assertEquals(35, rs.trainedA());
    assertEquals(50, rs.queriesA());
    ExtendedPools.Row rsRestricted = rows.get(1);
    assertEquals(List.of(ExtendedPools.RESTRICTED, RESTRICTED), List.of(rsRestricted.contrast(), rsRestricted.a()));
    assertEquals(1, rsRestricted.pHolm(), 1e-12);
    assertEquals("none", rsRestricted.better());
    assertEquals(0, rows.get(2).trainedA());
    assertEquals(50, rows.get(2).queriesA(), "re's 'all' trials: 10 table answers each");

    List<Artifacts.Entry> entries = ExtendedPools.write(study(true), new Nb201xSpace(), dir, "x: search comparison");
    assertEquals(List.of(ExtendedPools.TABLE.csv()), entries.stream().map(Artifacts.Entry::path).toList());
    StringBuilder h = new StringBuilder();
    ExtendedPoolsLine.line(h, dir, "");
    String line = h.toString();
    assertTrue(line.contains("<b>cifar10</b>: adding operations <b>helps</b> against the full pool: better in 1, worse"
        + " in 0 and not significantly different in 1 of 2 searchers"), line);
    assertTrue(line.contains("mean difference from 0.00 to 5.00"), line);
    assertTrue(line.contains("35 of 100 values of the extended pool were trained (35 %)"), line);
    assertTrue(line.contains("restricting the operations <b>does not help detectably</b>"), line);
  }

  @Test
  void theSectionIsOnlyThereWhenAPoolGoesBeyondTheTable() throws Exception {
    ExtendedPools.write(study(true), new Nb201xSpace(), dir, "x");
    assertTrue(Files.exists(dir.resolve(ExtendedPools.TABLE.csv())));
    // the same folder analysed again without an extended pool: no section, and the old table is gone
    assertTrue(ExtendedPools.of(study(false), new Nb201xSpace()).isEmpty());
    assertEquals(List.of(), ExtendedPools.write(study(false), new Nb201xSpace(), dir, "x"));
    assertFalse(Files.exists(dir.resolve(ExtendedPools.TABLE.csv())));
    assertTrue(ExtendedPools.of(study(true), null).isEmpty(), "unknown space: no section");
    StringBuilder h = new StringBuilder();
    ExtendedPoolsLine.line(h, dir, "");
    assertEquals("", h.toString());
  }
}
