package org.nash.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KendallTestTest {
  @Test
  void exactPValuesOfPerfectRankings() {
    // Two of n! permutations reach |tau| = 1 (scipy.stats.kendalltau, method='exact': 0.3333, 0.0833, 0.0167).
    assertEquals(2.0 / 6, KendallTest.of(new double[] {1, 2, 3}, new double[] {5, 6, 7}).p(), 1e-12);
    assertEquals(2.0 / 24, KendallTest.of(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}).p(), 1e-12);
    KendallTest.Result r = KendallTest.of(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5});
    assertEquals(1.0, r.tau());
    assertEquals(2.0 / 120, r.p(), 1e-12);
  }

  @Test
  void tauBEqualsCommonsMathWithTies() {
    double[] x = {1, 2, 2, 3, 4, 4, 5};
    double[] y = {2, 1, 3, 3, 5, 4, 4};
    KendallTest.Result r = KendallTest.of(x, y);
    assertEquals(Stats.kendallTauB(x, y), r.tau(), 1e-12);
    assertTrue(r.p() > 0 && r.p() <= 1);
  }

  @Test
  void tooFewOrConstant() {
    assertTrue(Double.isNaN(KendallTest.of(new double[] {1, 2}, new double[] {1, 2}).p()));
    assertTrue(Double.isNaN(KendallTest.of(new double[] {1, 2, 3}, new double[] {1, 1, 1}).tau()));
    assertEquals("none", KendallTest.of(new double[0], new double[0]).method());
  }

  @Test
  void aboveExactLimitDrawsFromAFixedSeed() {
    double[] x = new double[12];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = i;
      y[i] = i % 3 == 0 ? 11 - i : i;
    }
    KendallTest.Result a = KendallTest.of(x, y);
    assertEquals(a, KendallTest.of(x, y));
    assertTrue(a.method().contains("random permutations"), a.method());
    assertTrue(a.p() > 0 && a.p() < 1);
  }
}
