package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.analysis.calibration.Calibration;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.Fidelity;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.oracle.TabularOracle;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;

/**
 * The mixed oracle's calibration on the real NB-201 table seen through {@code nb201x} (CIFAR-10, hp12),
 * with a deterministic stand-in for training whose "trained" accuracy is a known affine function of the
 * table's plus small deterministic noise: the fit recovers the function, only connected cells are
 * calibration cells, and trained cells answer the affine map of their trained value.
 */
class MixedCalibrationTest {
  static final String NEW_A = "|sep_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|max_pool_3x3~2|";
  static final String NEW_B = "|max_pool_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|sep_conv_3x3~1|nor_conv_3x3~2|";
  static final String TABLE_A = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  private static Benchmark b;
  private static Fidelity fidelity;
  private static double[] signal;

  @BeforeAll
  static void load() {
    b = Benchmarks.load("nb201x", TestData.catalog(), MixedCalibrationTest.class.getClassLoader());
    fidelity = b.objective("cifar10").defaultFidelity();
    signal = b.table().column(b.objective("cifar10").signalKey(fidelity)).toArray();
  }

  /**
   * Trains nothing: a table cell's "trained" accuracy is {@code c + d x table + noise}, noise in
   * [-0.1, 0.1] pp from the cell's index; a cell the table lacks gets 40 + (index mod 17); every
   * training takes 2 s.
   */
  static final class AffineTraining implements Oracle {
    final double c;
    final double d;
    final AtomicInteger queries = new AtomicInteger();

    AffineTraining(double c, double d) {
      this.c = c;
      this.d = d;
    }

    static double noise(int index) {
      return 0.1 * (Math.floorMod(index * 0x9E3779B1L >>> 7, 2001) - 1000) / 1000.0;
    }

    double trained(Arch a) {
      double t = signal[a.index()];
      return Double.isFinite(t) ? c + d * t + noise(a.index()) : 40 + a.index() % 17;
    }

    @Override
    public Observation query(Arch arch, SplittableRandom rng) {
      queries.incrementAndGet();
      return new Observation(trained(arch), Double.NaN, 2.0, false, Observation.Source.TRAINED);
    }

    @Override
    public boolean hasCost() {
      return true;
    }

    @Override
    public String describe() {
      return "stand-in: trained = " + c + " + " + d + " x table + noise";
    }
  }

  private static MixedOracle mixed(AffineTraining t, String mode, int k, int threads) {
    return MixedOracle.create(new TabularOracle(b, "cifar10", fidelity), t, b, "cifar10", fidelity, mode, k, threads);
  }

  @Test
  void theFitRecoversTheAffineMapOnConnectedCellsOnly() {
    // trained = 5 + 0.8 table (+ noise), so table = -6.25 + 1.25 trained
    AffineTraining t = new AffineTraining(5, 0.8);
    MixedOracle m = mixed(t, "affine", 20, 1);
    Calibration cal = m.calibration();
    assertEquals(20, t.queries.get(), "the K calibration cells train through the stand-in");
    assertEquals(20, cal.cells().size());
    assertEquals(20, cal.overlap());
    assertEquals(1.25, cal.slope(), 0.005);
    assertEquals(-6.25, cal.intercept(), 0.3);
    assertEquals(1.0, cal.kendall().tau(), 1e-12, "noise of 0.1 pp cannot swap cells bands apart");
    SearchSpace space = b.space();
    double lowest = Double.POSITIVE_INFINITY;
    for (Calibration.Cell c : cal.cells()) {
      assertTrue(space.isConnected(space.byIndex(c.index())), "connected: " + c);
      assertEquals(signal[c.index()], c.table());
      assertEquals(t.trained(space.byIndex(c.index())), c.trained());
      lowest = Math.min(lowest, c.table());
    }
    // the connected cells' range sets the bands: NB-201's worst connected cell at hp12 is 27.06 %, its
    // disconnected ones lie below; 20 bands of (84.89 - 27.06) / 20 = 2.89 pp, none empty
    assertEquals(27.06, cal.strata().lo(), 0.01);
    assertEquals(0, cal.strata().emptyBands());
    assertTrue(lowest < cal.strata().lo() + (cal.strata().hi() - cal.strata().lo()) / 20, "lowest " + lowest);
    // the whole-table strata of before would have picked a disconnected (chance-level) cell
    assertTrue(Arrays.stream(Calibration.stratified(signal, 20)).anyMatch(i -> !space.isConnected(space.byIndex(i))));
    assertTrue(cal.summary().contains("on 20 overlap cells (connected cells, one per band of their range 27.06-84.89;"),
        cal.summary());
    Map<String, Object> p = m.provenance();
    assertEquals("connected", p.get("cells_eligible"));
    assertEquals(0, p.get("empty_bands"));

    // a trained cell answers the affine map of its trained value, at 2 s x the cost factor (table seconds
    // per trained second on the calibration cells); a table cell answers the table
    double tableSeconds = cal.cells().stream().mapToDouble(Calibration.Cell::tableSeconds).sum();
    assertEquals(tableSeconds / (20 * 2.0), cal.costFactor(), 1e-12);
    for (String s : new String[] {NEW_A, NEW_B}) {
      Arch a = space.parse(s);
      Observation o = m.query(a, new SplittableRandom(1));
      assertEquals(cal.intercept() + cal.slope() * t.trained(a), o.signal(), 1e-12);
      assertTrue(Double.isNaN(o.reported()), "reported: the table's 200-epoch value, which a new-op cell lacks");
      assertEquals(2.0 * cal.costFactor(), o.cost(), 1e-12);
      assertTrue(o.costEstimated());
      assertEquals(Observation.Source.TRAINED, o.source());
    }
    Arch table = space.parse(TABLE_A);
    assertEquals(signal[table.index()], m.query(table, new SplittableRandom(1)).signal());
    assertEquals(22, t.queries.get(), "a table cell trains nothing");
  }

  @Test
  void calibrationIsTheSameOnTwoThreads() {
    Calibration one = mixed(new AffineTraining(5, 0.8), "affine", 7, 1).calibration();
    Calibration two = mixed(new AffineTraining(5, 0.8), "affine", 7, 2).calibration();
    assertEquals(one.cells(), two.cells());
    assertEquals(one.toMap(), two.toMap());
  }

  @Test
  void aNegativeSlopeIsTheClearErrorUnderAffineOnly() {
    // trained = 100 - table: training reverses the table's ranking
    NashException e = assertThrows(NashException.class, () -> mixed(new AffineTraining(100, -1), "affine", 5, 1));
    assertTrue(e.getMessage().contains("calibration: affine fitted slope -") && e.getMessage().contains("on 5 overlap "
        + "cells") && e.getMessage().contains("use calibration: none"), e.getMessage());
    AffineTraining t = new AffineTraining(100, -1);
    MixedOracle none = mixed(t, "none", 5, 1);
    assertTrue(none.calibration().slope() < 0);
    Arch a = b.space().parse(NEW_A);
    assertEquals(t.trained(a), none.query(a, new SplittableRandom(1)).signal(), "none: as trained");
  }

  @Test
  void affineWithFewerThanThreeCellsFailsBeforeTraining() {
    AffineTraining t = new AffineTraining(5, 0.8);
    NashException e = assertThrows(NashException.class, () -> mixed(t, "affine", 2, 1));
    assertTrue(e.getMessage().contains("calibration: affine needs at least 3 overlap cells"), e.getMessage());
    assertEquals(0, t.queries.get());
  }
}
