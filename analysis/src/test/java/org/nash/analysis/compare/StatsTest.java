package org.nash.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Holm;
import org.nash.analysis.stats.MannWhitney;
import org.nash.results.TrialResult;

/** Mann-Whitney U, Holm and Cliff's delta on examples worked out by hand (and checked with scipy). */
class StatsTest {
  @Test
  void mannWhitneyWithoutTies() {
    // x > y pairs: 3>2, 5>2, 5>4 -> U = 3; E[U] = 6; Var = 3*4*8/12 = 8;
    // z = -(|3-6| - 0.5)/sqrt(8) = -0.883883; p = 2 Phi(z) = 0.376759 (scipy: 0.376759117811582).
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 3, 5}, new double[] {2, 4, 6, 8});
    assertEquals(3, r.u(), 0);
    assertEquals(-2.5 / Math.sqrt(8), r.z(), 1e-12);
    assertEquals(0.376759117811582, r.p(), 1e-12);
  }

  @Test
  void mannWhitneyWithTies() {
    // Ranks of 1,2,2,2,3,3,3,4: 1, 3, 3, 3, 6, 6, 6, 8; x = {1,2,2,3} has rank sum 13 -> U = 13 - 10 = 3.
    // Ties: two groups of 3 -> sum(t^3 - t) = 48; Var = 16/12 * (9 - 48/56) = 10.857143;
    // z = -(5 - 0.5)/sqrt(10.857143) = -1.365698; p = 0.172034 (scipy: 0.1720337089218229).
    MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 2, 3}, new double[] {2, 3, 3, 4});
    assertEquals(3, r.u(), 0);
    assertEquals(-4.5 / Math.sqrt(16.0 / 12 * (9 - 48.0 / 56)), r.z(), 1e-12);
    assertEquals(0.1720337089218229, r.p(), 1e-12);
  }

  @Test
  void allTiedSamplesAreNotDifferent() {
    MannWhitney.Result r = MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5});
    assertEquals(3, r.u(), 0);
    assertEquals(1, r.p(), 0);
  }

  @Test
  void mannWhitneyIsSymmetric() {
    double[] a = {0.3, 1.2, 5, 7, 7, 9};
    double[] b = {2, 7, 8, 10, 11};
    assertEquals(MannWhitney.test(a, b).p(), MannWhitney.test(b, a).p(), 1e-15);
    assertEquals(a.length * b.length - MannWhitney.test(a, b).u(), MannWhitney.test(b, a).u(), 1e-12);
  }

  @Test
  void mannWhitneyUCountsPairsAndMatchesScipy() {
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    double[] y = {8, 9, 7, 9, 3, 2, 3, 8, 4, 6};
    double pairs = 0;
    for (double a : x) {
      for (double b : y) {
        pairs += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    MannWhitney.Result r = MannWhitney.test(x, y);
    assertEquals(pairs, r.u(), 0);
    assertEquals(0.13623908806553292, r.p(), 1e-12); // scipy.stats.mannwhitneyu(x, y, method='asymptotic')
  }

  @Test
  void holmStepDown() {
    // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> running max 0.06.
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
    assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.6, 0.9}), 0);
    double[] withNaN = Holm.adjust(new double[] {Double.NaN, 0.02, 0.04});
    assertTrue(Double.isNaN(withNaN[0]));
    assertArrayEquals(new double[] {0.04, 0.04}, new double[] {withNaN[1], withNaN[2]}, 1e-15);
  }

  @Test
  void cliffsDelta() {
    // x > y: 3 pairs; x < y: 9 pairs; 12 pairs -> (3 - 9)/12.
    assertEquals(-0.5, CliffsDelta.of(new double[] {1, 3, 5}, new double[] {2, 4, 6, 8}), 1e-15);
    // With ties: 1 pair x > y, 11 pairs x < y, 4 tied -> (1 - 11)/16.
    assertEquals(-0.625, CliffsDelta.of(new double[] {1, 2, 2, 3}, new double[] {2, 3, 3, 4}), 1e-15);
    assertEquals(1, CliffsDelta.of(new double[] {9, 10}, new double[] {1, 2, 3}), 0);
    assertEquals("large", CliffsDelta.magnitude(-0.5));
    assertEquals("medium", CliffsDelta.magnitude(0.4));
    assertEquals("small", CliffsDelta.magnitude(0.2));
    assertEquals("negligible", CliffsDelta.magnitude(0.1));
  }

  @Test
  void pairwiseTestsUseHolmWithinEachDatasetAndPool() {
    List<TrialResult> ts = new ArrayList<>();
    double[][] values = {{1, 3, 5}, {2, 4, 6, 8}, {1, 2, 2, 3}};
    String[] names = {"a", "b", "c"};
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < values[s].length; i++) {
        ts.add(Trials.finalValue("d", "full", names[s], i, values[s][i]));
      }
    }
    List<PairwiseTests.Test> tests = PairwiseTests.searchers(new Groups(ts));
    assertEquals(3, tests.size());
    PairwiseTests.Test ab = tests.get(0);
    assertEquals("a", ab.a());
    assertEquals("b", ab.b());
    assertEquals(0.376759117811582, ab.mw().p(), 1e-12);
    assertEquals(-0.5, ab.delta(), 1e-15);
    double[] raw = tests.stream().mapToDouble(t -> t.mw().p()).toArray();
    assertArrayEquals(Holm.adjust(raw), tests.stream().mapToDouble(PairwiseTests.Test::pHolm).toArray(), 0);
    assertEquals("none", ab.better());
  }

  @Test
  void poolsAreComparedWithTheFullPoolPerSearcher() {
    List<TrialResult> ts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ts.add(Trials.finalValue("d", "full", "rs", i, 90 + i * 0.1));
      ts.add(Trials.finalValue("d", "skip+c3x3", "rs", i, 95 + i * 0.1));
    }
    List<PairwiseTests.Test> tests = PairwiseTests.pools(new Groups(ts));
    assertEquals(1, tests.size());
    PairwiseTests.Test t = tests.get(0);
    assertEquals("rs", t.group());
    assertEquals("skip+c3x3", t.a());
    assertEquals("full", t.b());
    assertEquals(1, t.delta(), 0);
    assertTrue(t.significant());
    assertEquals("skip+c3x3", t.better());
  }
}
