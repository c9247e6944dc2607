package org.nash.surrogate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nash.surrogate.encoding.Encoding;
import org.nash.surrogate.model.GbtParams;

/**
 * Fits a surrogate on a random training set and measures it on every held-out architecture:
 * rank and error metrics overall, and where a search looks (the top of the predicted ranking and
 * the top decile of the true values).
 *
 * @param trainSize training architectures
 * @param seed seed of the split and the fit
 * @param heldOut metrics on every architecture not trained on
 * @param train metrics on the training architectures (how closely the model fits what it saw)
 * @param topDecile metrics on the held-out architectures whose true value is in the top 10 %
 * @param heldOutBest best true value among the held-out architectures
 * @param predictedBestTrue true value of the held-out architecture predicted best
 * @param predictedTop10BestTrue best true value among the 10 held-out architectures predicted best
 * @param seconds wall-clock seconds of the fit
 */
public record Evaluation(int trainSize, long seed, Metrics heldOut, Metrics train, Metrics topDecile,
    double heldOutBest, double predictedBestTrue, double predictedTop10BestTrue, double seconds) {

  public static Evaluation run(LabelledArchs data, Encoding encoding, GbtParams params, int trainSize, long seed) {
    LabelledArchs.Split split = data.split(trainSize, seed, 2);
    long t0 = System.nanoTime();
    Surrogate s = Surrogate.fit(split.train(), encoding, params, seed);
    double seconds = (System.nanoTime() - t0) / 1e9;
    try {
      double[] yTest = split.heldOut().values();
      double[] pTest = s.predict(split.heldOut().archs()).mean();
      double[] pTrain = s.predict(split.train().archs()).mean();
      Integer[] byPred = IntStream.range(0, yTest.length).boxed().toArray(Integer[]::new);
      Arrays.sort(byPred, Comparator.comparingDouble((Integer i) -> -pTest[i]).thenComparingInt(i -> i));
      double top10 = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < Math.min(10, byPred.length); k++) {
        top10 = Math.max(top10, yTest[byPred[k]]);
      }
      return new Evaluation(trainSize, seed, Metrics.of(yTest, pTest),
          Metrics.of(split.train().values(), pTrain), topDecile(yTest, pTest),
          Arrays.stream(yTest).max().orElseThrow(), yTest[byPred[0]], top10, seconds);
    } finally {
      s.dispose();
    }
  }

  private static Metrics topDecile(double[] y, double[] p) {
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double cut = sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
    int[] idx = IntStream.range(0, y.length).filter(i -> y[i] >= cut).toArray();
    if (idx.length < 2) {
      return null;
    }
    return Metrics.of(Arrays.stream(idx).mapToDouble(i -> y[i]).toArray(),
        Arrays.stream(idx).mapToDouble(i -> p[i]).toArray());
  }
}
