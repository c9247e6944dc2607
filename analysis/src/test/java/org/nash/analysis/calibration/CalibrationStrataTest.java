package org.nash.analysis.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calibration cells drawn from eligible (connected) cells only, and what a band without one does. */
class CalibrationStrataTest {
  /** Cells 0..4 connected (30, 32, 50, 90, 92), 5 and 6 not (11 and 10: chance level), 7 has no value. */
  private static final double[] VALUES = {30, 32, 50, 90, 92, 11, 10, Double.NaN};

  private static boolean connected(int i) {
    return i <= 4 || i == 7;
  }

  @Test
  void onlyEligibleCellsArePickedAndSetTheRange() {
    Calibration.Strata s = Calibration.stratified(VALUES, CalibrationStrataTest::connected, "connected", 4);
    // range 30..92 (not 10..92: cells 5 and 6 are not eligible), width 15.5, middles 37.75, 53.25, 68.75,
    // 84.25. band 0 holds 30 and 32: 32 is nearer; band 1: 50; band 2 (61..76.5) holds none: the nearest
    // untaken cell to 68.75 is 90 (21.25 away; 32 is 36.75); band 3: 92 (7.75 away)
    assertEquals(List.of(1, 2, 3, 4), s.picked());
    assertEquals(30.0, s.lo());
    assertEquals(92.0, s.hi());
    assertEquals(5, s.candidates());
    assertEquals(1, s.emptyBands());
    assertEquals("connected cells, one per band of their range 30.00-92.00; 1 empty band(s) took the nearest cell "
        + "outside", s.phrase());
    // every cell eligible: the chance-level cells stretch the range to 10..92 and fill band 0 (middle 20.25:
    // 11 is 9.25 away, 30 is 9.75)
    assertEquals(5, Calibration.stratified(VALUES, 4)[0]);
  }

  @Test
  void moreBandsThanCellsPicksEachCellOnce() {
    Calibration.Strata s = Calibration.stratified(VALUES, CalibrationStrataTest::connected, "connected", 10);
    assertEquals(List.of(0, 1, 2, 3, 4), s.picked().stream().sorted().toList());
    assertEquals(10, s.k());
    Calibration.Strata none = Calibration.stratified(VALUES, i -> false, "connected", 3);
    assertEquals(List.of(), none.picked());
    assertEquals("no connected cells", none.phrase());
    assertEquals("no calibration cells", Calibration.stratified(VALUES, CalibrationStrataTest::connected, "connected", 0)
        .phrase());
  }

  @Test
  void theSelectionIsInTheSummaryAndTheProvenance() {
    Calibration.Strata s = Calibration.stratified(VALUES, CalibrationStrataTest::connected, "connected", 4);
    double[] trained = {13, 44, 80, 83};
    List<Calibration.Cell> cells = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      int i = s.picked().get(j);
      cells.add(new Calibration.Cell(i, "c" + i, VALUES[i], trained[j], 100, 10));
    }
    Calibration c = Calibration.fit("affine", cells, s);
    assertTrue(c.summary().startsWith("trained values are ") && c.summary().contains(" on 4 overlap cells (connected "
        + "cells, one per band of their range 30.00-92.00; 1 empty band(s)"), c.summary());
    Map<String, Object> m = c.toMap();
    assertEquals("connected", m.get("cells_eligible"));
    assertEquals(1, m.get("empty_bands"));
    assertEquals(4, m.get("bands"));
    assertEquals(List.of(30.0, 92.0), m.get("range"));
    assertTrue(((String) m.get("cells_chosen")).startsWith("4 of the 5 connected table cells with a value: the range "
        + "30.00-92.00 of their values cut into 4 equal-width bands"),
        (String) m.get("cells_chosen"));
    // cells given by the caller: no selection in the summary
    assertTrue(Calibration.fit("affine", cells).summary().contains("on 4 overlap cells (Kendall tau"));
  }
}
