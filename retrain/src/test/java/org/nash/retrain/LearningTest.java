package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.retrain.data.CifarJpeg;
import org.nash.retrain.data.CifarSet;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;

/** A small NB201 network learns from a few hundred real CIFAR-10 images in seconds on a CPU. */
class LearningTest {
  private static CifarSet data;

  @BeforeAll
  static void load() {
    DjlSetup.offline();
    // 40 train and 40 test images per class, decoded from the shared JPEG archive
    data = CifarJpeg.decode(TestData.file("cifar10-jpeg"), 40);
  }

  @Test
  void lossFallsAndHeldOutAccuracyBeatsChance() {
    // C=8, N=1, cell of conv3x3/skip/pool edges; trained on 400 images, tested on 400 unseen ones
    int[] ops = {3, 3, 1, 3, 4, 3};
    TrainSettings s = new TrainSettings(8, 1, 12, 50, 0.05f, 0.9f, 5e-4f, 1, 200, false);
    List<EpochResult> epochs = new ArrayList<>();
    TrainResult r = new NetworkTrainer(s, Device.cpu()).train(ops, data.train(), data.test(), new NetworkTrainer.Listener() {
      @Override
      public void epoch(EpochResult e) {
        epochs.add(e);
      }
    });
    double first = epochs.get(0).trainLoss();
    double last = epochs.get(epochs.size() - 1).trainLoss();
    System.out.printf("learning test: loss %.3f -> %.3f, held-out accuracy %.1f%% on %d images, %.1f s%n",
        first, last, r.validAccuracy(), data.test().size(), r.seconds());
    assertTrue(last < 0.85 * first, "training loss should fall: " + first + " -> " + last);
    assertTrue(r.validAccuracy() > 18.0, "held-out accuracy " + r.validAccuracy() + "% should beat chance (10%)");
  }

  /** Every step of epoch e (0-based) trains at NB-201's 0.1 (1 + cos(pi e / E)) / 2, set once per epoch. */
  @Test
  void everyStepUsesNb201EpochRate() {
    int epochs = 3;
    TrainSettings s = new TrainSettings(4, 1, epochs, 100, 0.1f, 0.9f, 5e-4f, 2, 400, false);
    List<double[]> rates = new ArrayList<>();
    List<EpochResult> results = new ArrayList<>();
    new NetworkTrainer(s, Device.cpu()).train(new int[] {1, 0, 1, 0, 0, 1}, data.train(), data.test(), new NetworkTrainer.Listener() {
      @Override
      public void rate(int epoch, int step, double learningRate) {
        rates.add(new double[] {epoch, step, learningRate});
      }

      @Override
      public void epoch(EpochResult r) {
        results.add(r);
      }
    });
    assertEquals(epochs * 4, rates.size(), "400 images in batches of 100");
    for (double[] r : rates) {
      int e = (int) r[0] - 1;
      float formula = (float) (0.1 * (1 + Math.cos(Math.PI * e / epochs)) / 2);
      assertEquals(formula, r[2], 0.0, "epoch " + r[0] + " step " + r[1]);
    }
    for (EpochResult r : results) {
      assertEquals(0.1 * (1 + Math.cos(Math.PI * (r.epoch() - 1) / epochs)) / 2, r.learningRate(), 1e-15);
    }
  }
}
