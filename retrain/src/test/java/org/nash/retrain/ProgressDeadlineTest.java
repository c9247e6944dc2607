package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nash.retrain.train.EpochResult;

class ProgressDeadlineTest {
  private static final long S = 1_000_000_000L;

  @Test
  void theFirstEpochSetsTheDeadlineOfTheNext() {
    ProgressDeadline d = new ProgressDeadline(3, 60);
    d.started(0);
    assertNull(d.overdue(10_000 * S), "no deadline before the first epoch");
    d.epoch(40 * S); // first epoch: 40 s, so the next may take 3 x 40 = 120 s
    assertEquals(120, d.allowedSeconds(), 1e-9);
    assertNull(d.overdue(160 * S));
    String why = d.overdue(161 * S);
    assertTrue(why != null && why.contains("epoch 2 did not finish within 120 s"), why);
    d.epoch(150 * S); // epoch 2 finished in time: the clock restarts from it
    assertNull(d.overdue(270 * S));
  }

  @Test
  void aShortFirstEpochStillAllowsTheMinimumAndZeroTurnsItOff() {
    ProgressDeadline d = new ProgressDeadline(3, 60);
    d.started(0);
    d.epoch(2 * S);
    assertEquals(60, d.allowedSeconds(), 1e-9);
    assertNull(d.overdue(62 * S));
    assertTrue(d.overdue(63 * S) != null);
    ProgressDeadline off = new ProgressDeadline(0, 60);
    off.started(0);
    off.epoch(S);
    assertNull(off.overdue(100_000 * S));
  }

  @Test
  void progressLineNamesCellEpochAndSpeed() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    TrainingProgress p = new TrainingProgress("cell 7 |x|", "cell 7", 12,
        new PrintStream(b, true, StandardCharsets.UTF_8), false);
    p.epoch(new EpochResult(3, 1.5, 40.0, 1.6, 38.25, 2.5, 812.4, 0.1));
    assertEquals("nash: training cell 7 |x|: epoch 3/12 in 2.5 s, 812 img/s, train loss 1.5000 acc 40.00 %, "
        + "valid acc 38.25 %", b.toString(StandardCharsets.UTF_8).trim());
  }
}
