package org.nash.retrain;

import ai.djl.Device;
import org.nash.NashException;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;

/**
 * The retrain half of the tabular-or-retrain oracle: trains the queried cell for real and answers
 * with its accuracy on the evaluation split. The budget is real seconds: a query is refused once the
 * seconds spent reach the budget (the query that crosses it still completes, as a table oracle's
 * would). Adapting this to the harness's oracle interface is a thin wrapper.
 */
public final class RetrainOracle {
  /** One answered query: accuracy (%) on the evaluation split, and the real seconds it cost. */
  public record Observation(Arch arch, double accuracy, double loss, double seconds, long parameters) {}

  private final RetrainData data;
  private final TrainSettings settings;
  private final Device device;
  private final double budgetSeconds;
  private double spent;

  public RetrainOracle(RetrainData data, TrainSettings settings, Device device, double budgetSeconds) {
    this.data = data;
    this.settings = settings;
    this.device = device;
    this.budgetSeconds = budgetSeconds;
  }

  public boolean exhausted() {
    return spent >= budgetSeconds;
  }

  public double spentSeconds() {
    return spent;
  }

  public Observation query(Arch arch) {
    return query(arch, new NetworkTrainer.Listener() {});
  }

  public Observation query(Arch arch, NetworkTrainer.Listener listener) {
    if (exhausted()) {
      throw new NashException("retrain budget of " + budgetSeconds + " s is spent (" + spent + " s)");
    }
    TrainResult r = new NetworkTrainer(settings, device).train(arch.ops(), data.train(), data.eval(), listener);
    spent += r.seconds();
    return new Observation(arch, r.validAccuracy(), r.validLoss(), r.seconds(), r.parameters());
  }
}
