package org.nash.analysis.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nash.analysis.stats.Stats;

class StatsTest {
  @Test
  void kendallTauBOnATinyCaseWithTiesEqualsTheHandComputation() {
    // Pairs of (x, y) = (1,1) (2,3) (2,2) (3,2): concordant 3, discordant 1, one pair tied in x only,
    // one tied in y only, of 6: tau-b = (3 - 1) / sqrt((6 - 1)(6 - 1)) = 0.4 (tau-a would be 1/3).
    double[] x = {1, 2, 2, 3};
    double[] y = {1, 3, 2, 2};
    assertEquals(0.4, Stats.kendallTauB(x, y), 1e-15);
    assertEquals(1.0, Stats.kendallTauB(new double[] {1, 2, 3}, new double[] {5, 6, 9}), 1e-15);
    assertTrue(Double.isNaN(Stats.kendallTauB(new double[] {1}, new double[] {2})));
  }

  @Test
  void spearmanUsesAverageRanksForTies() {
    // Ranks x: 1, 2.5, 2.5, 4; y: 1, 4, 2.5, 2.5; deviations from 2.5 give Pearson = 2.25 / 4.5.
    assertEquals(0.5, Stats.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 2}), 1e-15);
  }

  @Test
  void skewnessBiasedAndAdjustedByHand() {
    // x = 0, 0, 0, 4: mean 1, m2 = (1+1+1+9)/4 = 3, m3 = (-1-1-1+27)/4 = 6, g1 = 6 / 3^1.5.
    double[] x = {0, 0, 0, 4};
    double g1 = 6 / Math.pow(3, 1.5);
    double adjusted = Stats.adjustedSkewness(x);
    assertEquals(g1 * Math.sqrt(4 * 3) / 2, adjusted, 1e-12);
    assertEquals(g1, Stats.skewness(adjusted, 4), 1e-12);
    assertTrue(Double.isNaN(Stats.adjustedSkewness(new double[] {1, 2})));
    assertTrue(Double.isNaN(Stats.adjustedSkewness(new double[] {3, 3, 3})), "constant data has no skewness");
  }

  @Test
  void percentilesInterpolateLinearlyLikeNumpy() {
    double[] x = {4, 1, 3, 2};
    var p = Stats.percentiles(x);
    assertEquals(1.3, Stats.percentile(p, 4, 10), 1e-12); // numpy.percentile([1,2,3,4], 10)
    assertEquals(2.5, Stats.percentile(p, 4, 50), 1e-12);
    assertEquals(3.7, Stats.percentile(p, 4, 90), 1e-12);
  }
}
