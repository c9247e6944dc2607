package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nash.analysis.spotcheck.SpotCheckStudy;
import org.nash.data.DataCatalog;
import org.nash.report.Study;
import org.nash.retrain.table.ReferenceTable;

/** The shipped study's cells on the real NB-201 table: 20 connected cells, one per stratum of cifar10-valid's hp12 range. */
class SpotcheckStudySelectionTest {
  @Test
  void theShippedStudySelectsTwentyCellsAcrossTheRange() {
    Study s = Study.load(Path.of(System.getProperty("user.dir")).getParent().resolve("configs/spotcheck-3datasets.yaml"));
    Study.Spotcheck sc = s.parts.get(0).spotcheck;
    ReferenceTable table = ReferenceTable.load(DataCatalog.fromEnvironment());
    SpotcheckStudyRun.Selection sel = SpotcheckStudyRun.select(sc, "spotcheck-3datasets.yaml: parts[0].spotcheck", table);
    assertEquals("cifar10-valid/valid-acc@12", sel.selectKey());
    assertEquals(List.of("cifar10-valid/valid-acc@12", "cifar100/valid-acc@12", "ImageNet16-120/valid-acc@12"),
        sel.keys());
    List<SpotCheckStudy.Selected> cells = sel.cells();
    assertEquals(20, cells.size());
    Set<Integer> seen = new HashSet<>();
    int inStratum = 0;
    for (SpotCheckStudy.Selected c : cells) {
      assertTrue(seen.add(c.index()), "distinct: " + c);
      assertTrue(table.space().isConnected(table.space().byIndex(c.index())), "connected: " + c);
      for (String k : sel.keys()) {
        assertTrue(table.value(k, c.index()).isPresent(), k + " of " + c);
      }
      inStratum += c.value() >= c.lo() && c.value() <= c.hi() ? 1 : 0;
    }
    // the strata cover [min, max]: the lowest and the highest stratum hold a cell of their own
    assertTrue(cells.get(0).value() <= cells.get(0).hi() && cells.get(19).value() >= cells.get(19).lo(), cells.toString());
    System.out.println("spotcheck-3datasets cells: " + cells.stream().map(c -> c.index() + String.format(
        java.util.Locale.ROOT, " (%.2f)", c.value())).toList() + "; " + inStratum + " of 20 inside their stratum");
    assertEquals(cells, SpotcheckStudyRun.select(sc, "x", table).cells(), "the same cells every time");
  }
}
