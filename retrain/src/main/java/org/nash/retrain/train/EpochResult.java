package org.nash.retrain.train;

/**
 * One finished epoch. Validation fields are NaN when the epoch was not evaluated.
 *
 * @param trainSeconds wall time of the training steps only
 * @param imagesPerSecond training images per second of {@code trainSeconds}
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validLoss,
    double validAccuracy, double trainSeconds, double imagesPerSecond, double learningRate) {}
