package org.nash.retrain.train;

/**
 * How to train: NAS-Bench-201's protocol by default ({@link #nb201(int)}): C=16, N=5, batch 256,
 * SGD Nesterov momentum 0.9, weight decay 5e-4, crop+flip, lr 0.1 on NB-201's cosine schedule: set once
 * per epoch from the epoch number, T_max = epochs, eta_min 0, no warm-up ({@link CosineLr}).
 *
 * @param evalEachEpoch evaluate on the validation images after every epoch, not only the last
 */
public record TrainSettings(int channels, int cells, int epochs, int batchSize, float learningRate,
    float momentum, float weightDecay, long seed, int evalBatchSize, boolean evalEachEpoch) {

  public TrainSettings {
    if (channels < 1 || cells < 1 || epochs < 1 || batchSize < 2 || evalBatchSize < 1) {
      throw new IllegalArgumentException("channels, cells, epochs >= 1 and batch size >= 2 required");
    }
  }

  public static TrainSettings nb201(int epochs) {
    return new TrainSettings(16, 5, epochs, 256, 0.1f, 0.9f, 5e-4f, 0, 512, false);
  }

  public TrainSettings withNetwork(int c, int n) {
    return new TrainSettings(c, n, epochs, batchSize, learningRate, momentum, weightDecay, seed, evalBatchSize, evalEachEpoch);
  }

  public TrainSettings withBatchSize(int b) {
    return new TrainSettings(channels, cells, epochs, b, learningRate, momentum, weightDecay, seed, evalBatchSize, evalEachEpoch);
  }

  public TrainSettings withSeed(long s) {
    return new TrainSettings(channels, cells, epochs, batchSize, learningRate, momentum, weightDecay, s, evalBatchSize, evalEachEpoch);
  }

  public TrainSettings withEvalEachEpoch(boolean e) {
    return new TrainSettings(channels, cells, epochs, batchSize, learningRate, momentum, weightDecay, seed, evalBatchSize, e);
  }
}
