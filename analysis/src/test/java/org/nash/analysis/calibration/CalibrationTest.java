package org.nash.analysis.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.NashException;

class CalibrationTest {
  /** K = 5: table 10, 30, 50, 70, 90; trained 8, 27, 49, 66, 85; table seconds 100 each, trained 10..50. */
  private static List<Calibration.Cell> five() {
    double[] table = {10, 30, 50, 70, 90};
    double[] trained = {8, 27, 49, 66, 85};
    List<Calibration.Cell> cells = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cells.add(new Calibration.Cell(i, "cell" + i, table[i], trained[i], 100, 10 * (i + 1)));
    }
    return cells;
  }

  @Test
  void matchesTheHandComputationOnFiveCells() {
    Calibration c = Calibration.fit("affine", five());
    // trained - table = -2, -3, -1, -4, -5: mean -15/5 = -3
    assertEquals(-3.0, c.difference().mean(), 1e-12);
    // deviations 1, 0, 2, -1, -2: sum of squares 10, sd = sqrt(10/4) = 1.58113883; se = sd/sqrt(5) = 0.70710678;
    // t(0.975, 4) = 2.7764451; half-width 1.9632432
    assertEquals(-3 - 1.9632432, c.difference().lo(), 1e-6);
    assertEquals(-3 + 1.9632432, c.difference().hi(), 1e-6);
    // trained rises with the table in every pair: tau = 1; exact p = 2 of 5! = 120 permutations
    assertEquals(1.0, c.kendall().tau(), 1e-12);
    assertEquals(2.0 / 120, c.kendall().p(), 1e-12);
    // least squares table = a + b trained: mean trained 235/5 = 47, mean table 50;
    // sxy = (-39)(-40) + (-20)(-20) + 2*0 + 19*20 + 38*40 = 3860; sxx = 1521 + 400 + 4 + 361 + 1444 = 3730
    double b = 3860.0 / 3730.0;
    assertEquals(b, c.slope(), 1e-12);
    assertEquals(50 - 47 * b, c.intercept(), 1e-12);
    assertEquals(50 - 47 * b + 60 * b, c.map(60), 1e-12);
    // costs: 500 table seconds over 10 + 20 + 30 + 40 + 50 = 150 trained seconds
    assertEquals(500.0 / 150.0, c.costFactor(), 1e-12);
    assertTrue(c.summary().startsWith("trained values are 3.00 +- 1.96 pp below the table on 5 overlap cells"),
        c.summary());
    assertEquals(60.0, Calibration.fit("none", five()).map(60));
  }

  @Test
  void affineNeedsThreeOverlapCells() {
    List<Calibration.Cell> cells = new ArrayList<>(five().subList(0, 3));
    cells.set(1, new Calibration.Cell(1, "diverged", 30, Double.NaN, 100, 20));
    NashException e = assertThrows(NashException.class, () -> Calibration.fit("affine", cells));
    assertTrue(e.getMessage().contains("calibration: affine needs at least 3 overlap cells") && e.getMessage()
        .contains("got 2 of 3"), e.getMessage());
    assertEquals(2, Calibration.fit("none", cells).overlap());
    assertThrows(NashException.class, () -> Calibration.fit("linear", cells));
  }

  @Test
  void strataSpanTheRange() {
    // range 0..10, K = 2: middles 2.5 and 7.5; 2 and 3 tie for 2.5 (lowest index wins), 9.5 is nearest 7.5
    assertArrayEquals(new int[] {2, 6}, Calibration.stratified(new double[] {0, 1, 2, 3, 10, Double.NaN, 9.5, 5}, 2));
    assertArrayEquals(new int[0], Calibration.stratified(new double[] {Double.NaN}, 3));
  }
}
