package org.nash.retrain;

import ai.djl.Device;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.plugin.Params;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;
import org.nash.table.BenchmarkTable;

/**
 * The retrain half of the tabular-or-retrain oracle ({@code oracle: retrain}): trains the queried
 * NAS-Bench-201 cell with the benchmark's protocol and answers the accuracy on the evaluation split
 * as the search signal; the cost is the real seconds of the query, so budgets are in real time.
 * Training to the reported fidelity (200 epochs) per incumbent is out of reach, so the reported value
 * is the table's for the cell (NaN when it has none) and {@link #describe()} says so.
 */
public final class RetrainOracle implements Oracle {
  private final RetrainData data;
  private final TrainSettings settings;
  private final Device device;
  private final BenchmarkTable table;
  private final String reportedKey;
  private final String what;

  public RetrainOracle(RetrainData data, TrainSettings settings, Device device, BenchmarkTable table,
      String reportedKey, String what) {
    this.data = data;
    this.settings = settings;
    this.device = device;
    this.table = table;
    this.reportedKey = reportedKey;
    this.what = what;
  }

  /**
   * Trains one cell, seeded from the trial's generator. One query at a time: the engine's random
   * seed is global, and two trainings would only share the same cores.
   */
  @Override
  public synchronized Observation query(Arch arch, SplittableRandom rng) {
    TrainResult r = train(arch, rng.nextLong(), new NetworkTrainer.Listener() {});
    double reported = table != null && table.has(reportedKey) ? table.value(reportedKey, arch) : Double.NaN;
    return new Observation(r.validAccuracy(), reported, r.seconds(), false, Observation.Source.TRAINED);
  }

  public TrainResult train(Arch arch, long seed, NetworkTrainer.Listener listener) {
    return new NetworkTrainer(settings.withSeed(seed), device).train(arch.ops(), data.train(), data.eval(), listener);
  }

  @Override
  public boolean hasCost() {
    return true;
  }

  @Override
  public String describe() {
    return what;
  }

  /**
   * {@code oracle: retrain}, parameters {@code device} (cpu|gpu), {@code subset} (images, 0 = all),
   * {@code data} (CIFAR-10 source path), {@code threads}. The fidelity gives the epochs (hp12, hp200).
   */
  public static final class Provider implements OracleProvider {
    @Override
    public String name() {
      return "retrain";
    }

    @Override
    public String description() {
      return "trains each queried NAS-Bench-201 cell with DJL (PyTorch engine); params device (cpu|gpu), subset, data, "
          + "threads, and for quick checks epochs (default: the fidelity's), channels (16) and cells (5)";
    }

    @Override
    public Oracle create(Benchmark b, String dataset, Fidelity fidelity, Params params, DataCatalog catalog) {
      DjlSetup.offline();
      if (!b.name().equals("nb201")) {
        throw new NashException("oracle 'retrain' trains NAS-Bench-201 cells; benchmark '" + b.name() + "' is not supported");
      }
      Objective obj = b.objective(dataset);
      int epochs = params.getInt("epochs", fidelity.epochs());
      int channels = params.getInt("channels", 16);
      int cells = params.getInt("cells", 5);
      if (epochs < 1 || channels < 1 || cells < 1) {
        throw new NashException("oracle 'retrain': epochs, channels and cells must be >= 1, got " + epochs + ", "
            + channels + ", " + cells);
      }
      String deviceName = params.getString("device", "cpu");
      int subset = params.getInt("subset", 0);
      String source = params.getString("data", null);
      int threads = params.getInt("threads", 0);
      params.requireAllRead();
      if (threads > 0) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
      }
      Device device = DjlSetup.device(deviceName);
      // The signal is always the x-valid accuracy of a cifar10-valid training, as in the table.
      RetrainData data = RetrainData.load("cifar10-valid", source == null ? null : java.nio.file.Path.of(source), catalog, subset);
      TrainSettings settings = TrainSettings.nb201(epochs).withNetwork(channels, cells);
      String what = "retrain nb201 " + dataset + ": TRAINED signal = x-valid accuracy after " + epochs + " epochs ("
          + (channels != 16 || cells != 5 ? "C=" + channels + ", N=" + cells + ", NOT the NB-201 network; " : "")
          + data.how() + "), device " + device + "; reported " + obj.reportedKey() + " from the table; cost = real seconds";
      return new RetrainOracle(data, settings, device, b.table(), obj.reportedKey(), what);
    }
  }
}
