package org.nash.retrain.train;

import java.util.List;

/**
 * A finished training run: the last epoch's validation accuracy (%) and loss, the per-epoch record
 * and the wall time of training plus evaluation.
 */
public record TrainResult(long parameters, List<EpochResult> epochs, double validAccuracy, double validLoss,
    double seconds) {}
