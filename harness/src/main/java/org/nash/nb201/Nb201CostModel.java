package org.nash.nb201;

import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.table.BenchmarkTable;

/**
 * NAS-Bench-201 query cost as NATS-Bench's {@code simulate_train_eval} defines it: the training
 * time of the queried schedule plus one validation pass. Per-epoch times are recorded for
 * {@code cifar10-valid} only; other datasets scale them by a factor calibrated on the official
 * records in the data (see {@link Nb201Calibration}), and are marked estimated.
 */
final class Nb201CostModel implements CostModel {
  private final double[] trainEpoch;
  private final double[] validEpoch;
  private final double trainScale;
  private final double evalScale;
  private final boolean estimated;
  private final String description;

  Nb201CostModel(BenchmarkTable table, double trainScale, double evalScale, boolean estimated, String description) {
    this.trainEpoch = table.column("cifar10-valid/train-epoch-time").toArray();
    this.validEpoch = table.column("cifar10-valid/valid-epoch-time").toArray();
    this.trainScale = trainScale;
    this.evalScale = evalScale;
    this.estimated = estimated;
    this.description = description;
  }

  @Override
  public double seconds(int index, Fidelity fidelity) {
    return fidelity.epochs() * trainEpoch[index] * trainScale + validEpoch[index] * evalScale;
  }

  @Override
  public boolean estimated() {
    return estimated;
  }

  @Override
  public String describe() {
    return description;
  }
}
