package org.nash.analysis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairReliabilityTest {
  private static double[] normal(int n, double mean, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller
      v[i] = mean + Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
    return v;
  }

  @Test
  void aTieCountsNeitherForNorAgainstTheDataset() {
    // a far above b and c; b and c from the same distribution: a tie
    double[] a = normal(200, 10, 1);
    double[] b = normal(200, 0, 2);
    double[] c = normal(200, 0, 3);
    PairReliability.Dataset three = PairReliability.of("pooled", "", "d", "full", List.of("a", "b", "c"),
        List.of(a, b, c), 10, 7);
    assertEquals(2, three.separated());
    assertEquals(1, three.tied());
    PairReliability.Pair bc = three.pairs().get(2);
    assertFalse(bc.separated());
    assertTrue(Double.isNaN(bc.pSameOrder().value()));
    // every 10-seed study orders a above b and c: agreement 1 (tau-b would stop at 2 / sqrt(6) = 0.82)
    assertEquals(1.0, three.agreement().value(), 0);
    assertEquals(1.0, three.agreement().lo(), 0);
    // the pair probabilities sit inside their intervals
    for (PairReliability.Pair p : three.pairs()) {
      if (p.separated()) {
        assertTrue(p.pSameOrder().lo() <= p.pSameOrder().value() && p.pSameOrder().value() <= p.pSameOrder().hi());
        assertTrue(p.seedsNeeded().lo() <= p.seedsNeeded().value() && p.seedsNeeded().value() <= p.seedsNeeded().hi());
      }
    }
  }

  @Test
  void noSeparatedPairMeansNoAgreementToReport() {
    PairReliability.Dataset d = PairReliability.of("1", "", "d", "full", List.of("a", "b"),
        List.of(normal(100, 0, 4), normal(100, 0, 5)), 10, 7);
    assertEquals(0, d.separated());
    assertTrue(Double.isNaN(d.agreement().value()));
  }

  @Test
  void aSmallShiftIsLessReliableThanALargeOneAndTheIntervalsSaySo() {
    PairReliability.Dataset small = PairReliability.of("pooled", "", "d", "full", List.of("a", "b"),
        List.of(normal(400, 0.35, 8), normal(400, 0, 9)), 10, 7);
    PairReliability.Dataset large = PairReliability.of("pooled", "", "d", "full", List.of("a", "b"),
        List.of(normal(400, 2, 8), normal(400, 0, 9)), 10, 7);
    assertEquals(1, small.separated());
    assertTrue(large.agreement().apart(small.agreement()), large.agreement() + " vs " + small.agreement());
    assertTrue(large.agreement().value() > small.agreement().value());
    assertTrue(small.pairs().get(0).seedsNeeded().value() > large.pairs().get(0).seedsNeeded().value());
  }

  /** The closed-form seeds needed against the subsampling estimate of SeedsToSignificance. */
  @Test
  void seedsNeededAgreesWithSubsampling() {
    for (double shift : new double[] {0.3, 0.5, 0.8}) {
      double[] a = normal(600, shift, 11);
      double[] b = normal(600, 0, 12);
      double formula = PairReliability.seedsNeeded(org.nash.analysis.stats.CliffsDelta.of(a, b),
          PairReliability.tieFactor(a, b));
      int simulated = SeedsToSignificance.of(a, b, 3, SeedsToSignificance.SUBSAMPLES).seedsNeeded();
      assertTrue(Math.abs(formula - simulated) <= 0.25 * simulated + 2, shift + ": " + formula + " vs " + simulated);
    }
  }

  @Test
  void seedsNeededFormula() {
    // n |d| / 2 sqrt(12 / (2n + 1)) >= 1.96 without ties
    double n = PairReliability.seedsNeeded(0.5, 1);
    assertTrue(n * 0.25 * Math.sqrt(12 / (2 * n + 1)) >= 1.959963984540054);
    assertTrue((n - 1) * 0.25 * Math.sqrt(12 / (2 * n - 1)) < 1.959963984540054);
    assertEquals(Double.POSITIVE_INFINITY, PairReliability.seedsNeeded(0, 1));
    // ties shrink the variance: fewer seeds
    assertTrue(PairReliability.seedsNeeded(0.5, 0.5) < n);
  }
}
