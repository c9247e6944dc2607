package org.nash.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FriedmanTest {
  /**
   * Six blocks, four methods, with ties inside blocks. Reference: scipy.stats.friedmanchisquare's
   * formula computed in plain Python (average ranks of the negated values, tie term sum t^3 - t,
   * chi-square(3) tail in closed form: erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2)).
   */
  @Test
  void statisticPValueAndRanksMatchScipysFormulaWithTies() {
    double[][] v = {{0.9, 0.8, 0.7, 0.6}, {0.85, 0.85, 0.6, 0.7}, {0.7, 0.9, 0.65, 0.5}, {0.95, 0.7, 0.7, 0.4},
        {0.8, 0.75, 0.9, 0.6}, {0.88, 0.86, 0.5, 0.5}};
    Friedman.Result r = Friedman.test(v);
    assertArrayEquals(new double[] {1.4166666666666667, 2.0, 2.8333333333333335, 3.75}, r.ranks(), 1e-12);
    assertEquals(11.736842105263165, r.chi2(), 1e-9);
    assertEquals(0.00834120635132656, r.p(), 1e-9);
    assertEquals(6, r.blocks());
    // Nemenyi: q_0.05(k = 4) = 2.569 (Demsar 2006, Table 5a); CD = q sqrt(k(k+1)/(6N)).
    assertEquals(2.569 * Math.sqrt(4 * 5 / 36.0), r.cd(), 2e-3);
  }

  @Test
  void qAlphaIsDemsarsTable() {
    double[] table = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
    for (int k = 2; k <= 10; k++) {
      // The table has 3 decimals, truncated or rounded (2.343 for 2.3437): within 1e-3.
      assertEquals(table[k - 2], Friedman.qAlpha(k, 0.05), 1e-3, "k = " + k);
    }
  }

  @Test
  void allTiedBlocksGiveNoEvidence() {
    Friedman.Result r = Friedman.test(new double[][] {{1, 1, 1}, {2, 2, 2}});
    assertEquals(0, r.chi2());
    assertEquals(1, r.p());
    assertArrayEquals(new double[] {2, 2, 2}, r.ranks());
  }
}
