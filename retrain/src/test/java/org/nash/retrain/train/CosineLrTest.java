package org.nash.retrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learning rate schedule against AutoDL-Projects' CosineAnnealingLR (xautodl/procedures/optimizers.py,
 * commit f46486e): expected values below were printed by that code, driven as exps/NAS-Bench-201/functions.py
 * drives it (update(epoch, 0.0) per epoch, update(None, i / len(loader)) per step).
 */
class CosineLrTest {
  /** Drives the schedule like NB-201's trainer and returns the rate of every step. */
  private static List<Double> trace(CosineLr lr, int totalEpochs, int steps) {
    List<Double> out = new ArrayList<>();
    for (int e = 0; e < totalEpochs; e++) {
      lr.update(e, 0.0);
      for (int i = 0; i < steps; i++) {
        lr.update(-1, (double) i / steps);
        out.add(lr.rate());
        assertEquals((float) lr.rate(), lr.getNewValue(e * steps + i), 0f, "the optimizer sees the current rate");
      }
    }
    return out;
  }

  @Test
  void nb201RateIsSetOncePerEpochFromTheEpochNumber() {
    // 12 epochs of 98 steps (25,000 images, batch 256): NB-201's hp12 training
    double[] original = {0.1, 0.09829629131445342, 0.09330127018922195, 0.08535533905932738, 0.07500000000000001,
        0.06294095225512604, 0.05, 0.03705904774487397, 0.025000000000000012, 0.014644660940672627,
        0.006698729810778065, 0.00170370868554659};
    List<Double> t = trace(CosineLr.nb201(0.1, 12), 12, 98);
    for (int e = 0; e < 12; e++) {
      double formula = 0.1 * (1 + Math.cos(Math.PI * e / 12)) / 2;
      assertEquals(original[e], formula, 1e-16);
      for (int i = 0; i < 98; i++) {
        assertEquals(formula, t.get(e * 98 + i), 1e-16, "epoch " + e + " step " + i);
      }
    }
    assertEquals(0.0, CosineLr.nb201(0.1, 12).rate(12, 0), 0.0, "eta_min after the last epoch");
  }

  @Test
  void perEpochScheduleIntegratesToDocumentedAmountMoreThanPerStepCosine() {
    int epochs = 12;
    int steps = 98;
    int total = epochs * steps;
    double perEpoch = trace(CosineLr.nb201(0.1, epochs), epochs, steps).stream().mapToDouble(Double::doubleValue).sum();
    double perStep = 0;
    for (int k = 0; k < total; k++) {
      perStep += 0.1 * (1 + Math.cos(Math.PI * k / total)) / 2; // the schedule nash used before
    }
    // closed forms (the cosines cancel in pairs): base S (E + 1) / 2 and base (E S + 1) / 2
    assertEquals(0.1 * steps * (epochs + 1) / 2, perEpoch, 1e-9);
    assertEquals(0.1 * (total + 1) / 2, perStep, 1e-9);
    assertEquals(63.70000000000029, perEpoch, 1e-9); // the original's sum
    double less = 1 - perStep / perEpoch; // = 1 - (E + 1/S) / (E + 1)
    assertEquals(1 - (epochs + 1.0 / steps) / (epochs + 1), less, 1e-12);
    assertEquals(0.0761, less, 1e-4);
  }

  @Test
  void warmupEtaMinAndTmaxFollowTheOriginal() {
    // warmup 2, epochs 10, T_max 8, eta_min 0.001, 4 steps per epoch; the original's trainer runs
    // epochs + warmup = 12 epochs and holds eta_min from epoch 10 on
    double[] original = {0.0, 0.0125, 0.025, 0.037500000000000006, 0.05, 0.0625, 0.07500000000000001,
        0.08750000000000001, 0.1, 0.1, 0.1, 0.1, 0.0962320368593087, 0.0962320368593087, 0.0962320368593087,
        0.0962320368593087, 0.0855017856687341, 0.0855017856687341, 0.0855017856687341, 0.0855017856687341,
        0.06944282990207196, 0.06944282990207196, 0.06944282990207196, 0.06944282990207196, 0.0505, 0.0505,
        0.0505, 0.0505, 0.03155717009792806, 0.03155717009792806, 0.03155717009792806, 0.03155717009792806,
        0.0154982143312659, 0.0154982143312659, 0.0154982143312659, 0.0154982143312659, 0.004767963140691307,
        0.004767963140691307, 0.004767963140691307, 0.004767963140691307, 0.001, 0.001, 0.001, 0.001, 0.001,
        0.001, 0.001, 0.001};
    List<Double> t = trace(new CosineLr(0.1, 0.001, 2, 10, 8), 12, 4);
    assertEquals(original.length, t.size());
    for (int k = 0; k < original.length; k++) {
      assertEquals(original[k], t.get(k), 1e-15, "step " + k);
    }
  }
}
