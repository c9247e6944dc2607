package org.nash.retrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a training that ended in NaN is run again, and when a NaN is kept as a real divergence. */
class RerunPolicyTest {
  private static final double NAN = Double.NaN;

  /** A training whose epochs had these training losses, evaluated to {@code validLoss}. */
  private static TrainResult training(double validLoss, double... trainLosses) {
    List<EpochResult> epochs = new java.util.ArrayList<>();
    for (int e = 0; e < trainLosses.length; e++) {
      epochs.add(new EpochResult(e + 1, trainLosses[e], 10, NAN, NAN, 0.1, 100, 0.1));
    }
    return new TrainResult(1000, epochs, Double.isFinite(validLoss) ? 17.5 : 10.0, validLoss, 1.0);
  }

  private static int calls;

  private static TrainResult run(TrainResult... outcomes) {
    Deque<TrainResult> q = new ArrayDeque<>(List.of(outcomes));
    calls = 0;
    return NetworkTrainer.withReruns(() -> {
      calls++;
      return q.size() > 1 ? q.poll() : q.peek();
    }, "test");
  }

  @Test
  void aCleanTrainingIsTrainedOnce() {
    TrainResult clean = training(2.28, 2.31, 2.29);
    assertSame(clean, run(clean));
    assertEquals(1, calls);
  }

  @Test
  void aNanEvaluationAfterFiniteLossesIsTrainedAgain() {
    TrainResult clean = training(2.28, 2.31, 2.29);
    assertSame(clean, run(training(NAN, 2.31, 2.29), clean));
    assertEquals(2, calls);
  }

  @Test
  void aNanTrainingLossThatDoesNotReproduceIsTrainedAgain() {
    // the fault mid-training: NaN from the second epoch in one run, the clean losses in the next
    TrainResult clean = training(2.28, 2.31, 2.29, 2.27);
    assertSame(clean, run(training(NAN, 2.31, NAN, NAN), training(NAN, 2.31, 2.29, NAN), clean));
    assertEquals(3, calls);
  }

  @Test
  void aDivergenceThatReproducesIsKeptAfterTwoTrainings() {
    TrainResult second = training(NAN, 2.31, 9.7, NAN);
    assertSame(second, run(training(NAN, 2.31, 9.7, NAN), second, training(2.28, 2.31, 2.29, 2.27)));
    assertEquals(2, calls);
  }

  @Test
  void aFaultThatKeepsStrikingStopsAtTheLimit() {
    TrainResult bad = training(NAN, 2.31, 2.29);
    assertSame(bad, run(bad));
    assertEquals(NetworkTrainer.MAX_ATTEMPTS, calls);
  }
}
