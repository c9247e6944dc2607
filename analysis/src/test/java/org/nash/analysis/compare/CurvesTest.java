package org.nash.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.analysis.stats.Interval;
import org.nash.results.TrialResult;

/** Anytime curves from hand-made trajectories. */
class CurvesTest {
  // {query, seconds, reported}
  private final TrialResult t1 = Trials.trial("d", "full", "rs", 0, new double[] {1, 10, 90}, new double[] {5, 50, 93});
  private final TrialResult t2 = Trials.trial("d", "full", "rs", 1, new double[] {2, 20, 91}, new double[] {3, 30, 94});

  @Test
  void incumbentIsTheLastStepAtOrBeforeThePoint() {
    assertNull(Curves.incumbentAt(t2, Curves.Axis.QUERIES, 1));
    assertEquals(91, Curves.incumbentAt(t2, Curves.Axis.QUERIES, 2).reported());
    assertEquals(94, Curves.incumbentAt(t2, Curves.Axis.QUERIES, 2.5 + 0.5).reported());
    assertEquals(90, Curves.incumbentAt(t1, Curves.Axis.SECONDS, 49.9).reported());
    assertEquals(93, Curves.incumbentAt(t1, Curves.Axis.SECONDS, 50).reported());
    assertEquals(93, Curves.incumbentAt(t1, Curves.Axis.QUERIES, 1e9).reported());
  }

  @Test
  void meansAndIntervalsByHand() {
    List<Curves.Point> c = Curves.curve(List.of(t1, t2), Curves.Axis.QUERIES, new double[] {1, 2, 4, 5, 10});
    // q=1: only t1 has an incumbent.
    assertEquals(1, c.get(0).reported().n());
    assertEquals(90, c.get(0).reported().mean(), 0);
    assertTrue(Double.isNaN(c.get(0).reported().lo()));
    // q=2: 90 and 91 -> mean 90.5, sd 0.70711, half width t(0.975, 1) * sd / sqrt(2) = 12.7062 * 0.5.
    Interval q2 = c.get(1).reported();
    assertEquals(2, q2.n());
    assertEquals(90.5, q2.mean(), 1e-12);
    assertEquals(Math.sqrt(0.5), q2.sd(), 1e-12);
    assertEquals(90.5 - 12.706204736174698 * 0.5, q2.lo(), 1e-9);
    assertEquals(90.5 + 12.706204736174698 * 0.5, q2.hi(), 1e-9);
    // q=4: 90 and 94; q=5 and later: 93 and 94. Regret = 100 - reported.
    assertEquals(92, c.get(2).reported().mean(), 1e-12);
    assertEquals(8, c.get(2).regret().mean(), 1e-12);
    assertEquals(93.5, c.get(3).reported().mean(), 1e-12);
    assertEquals(93.5, c.get(4).reported().mean(), 1e-12);
    assertEquals(6.5, c.get(4).regretPool().mean(), 1e-12);
  }

  @Test
  void gridsAndAxes() {
    List<Curves.Curve> curves = Curves.of(new Groups(List.of(t1, t2)));
    assertEquals(2, curves.size());
    Curves.Curve q = curves.get(0);
    assertEquals(Curves.Axis.QUERIES, q.axis());
    // From the first incumbent (query 1) to the budget (10 queries): every whole number.
    assertEquals(10, q.points().size());
    assertEquals(1, q.points().get(0).x());
    assertEquals(10, q.points().get(9).x());
    Curves.Curve s = curves.get(1);
    assertEquals(Curves.Axis.SECONDS, s.axis());
    assertEquals(Curves.GRID_POINTS, s.points().size());
    assertEquals(10, s.points().get(0).x(), 1e-12);
    assertEquals(50, s.points().get(Curves.GRID_POINTS - 1).x(), 1e-12);
    assertEquals(93.5, s.points().get(Curves.GRID_POINTS - 1).reported().mean(), 1e-12);
  }

  @Test
  void noSecondsCurvesWithoutCosts() {
    TrialResult a = Trials.trial("d", "full", "rs", 0, new double[] {1, 0, 90}, new double[] {4, 0, 95});
    List<Curves.Curve> curves = Curves.of(new Groups(List.of(a)));
    assertEquals(1, curves.size());
    assertEquals(Curves.Axis.QUERIES, curves.get(0).axis());
  }

  @Test
  void geometricGridEndsExactly() {
    double[] g = Curves.geometric(3, 12000, 50);
    assertEquals(3, g[0], 0);
    assertEquals(12000, g[49], 0);
    assertEquals(Math.sqrt(g[0] * g[2]), g[1], 1e-9);
  }
}
