package org.nash.retrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.Optional;
import org.nash.Provenance;
import org.nash.oracle.Observation;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.store.TrainedStore;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;

/**
 * Trains NAS-Bench-201 cells through the result store, for commands that train a list of cells
 * ({@code nash spotcheck}): a cell whose key is stored is read back, not trained again. Keys, training
 * seeds and stored entries are those of {@link RetrainOracle}, so a cell trained by {@code nash run}
 * with {@code oracle: retrain} answers a spot check with the same settings and data, and back.
 */
public final class CellTrainer {
  /**
   * One cell's result. {@code source} is {@link Observation.Source#TRAINED} or
   * {@link Observation.Source#CACHED}; {@code seconds} are the training's (the stored ones when cached).
   */
  public record Outcome(Arch arch, double validAccuracy, double validLoss, long parameters, double seconds,
      Observation.Source source, TrainedStore.Key key, List<EpochResult> epochs, String device, String djlVersion,
      String libtorchVersion) {}

  private static final String BENCHMARK = "nb201";
  private final RetrainData data;
  private final TrainSettings settings;
  private final Device device;
  private final WorkerPool pool;
  private final String deviceKind;
  private final TrainedStore store;
  private final long seed;
  private final String settingsText;
  private final String settingsHash;
  private final String dataSha256;

  /**
   * @param store the result store, or null to train every cell
   * @param seed the key's seed: each cell trains with a seed derived from it and the cell index
   * @param subset the images per split the data was cut to (0 = all), part of the settings hash
   * @param pool worker processes that train (then {@code device} is null: the engine loads in the
   *     workers), or null to train in this process
   */
  public CellTrainer(RetrainData data, TrainSettings settings, Device device, WorkerPool pool, TrainedStore store,
      long seed, int subset) {
    this.data = data;
    this.settings = settings;
    this.device = device;
    this.pool = pool;
    this.deviceKind = pool != null ? pool.spec().device() : TrainedStore.Key.kindOf(device.toString());
    this.store = store;
    this.seed = seed;
    this.settingsText = RetrainOracle.settingsText(settings, subset);
    this.settingsHash = RetrainOracle.sha256(settingsText).substring(0, 16);
    this.dataSha256 = data.sha256();
  }

  public TrainedStore.Key key(Arch arch) {
    return new TrainedStore.Key(BENCHMARK, arch.index(), data.dataset(), data.evalSplit(), settings.epochs(), seed,
        settingsHash, dataSha256, deviceKind);
  }

  /** The canonical text of the settings behind {@link #settingsHash}. */
  public String settingsText() {
    return settingsText;
  }

  public String settingsHash() {
    return settingsHash;
  }

  /** The sha256 of the exact training and evaluation images and labels. */
  public String dataSha256() {
    return dataSha256;
  }

  /**
   * The stored result of {@code arch}, or a fresh training (then stored); {@code listener} sees a
   * training only. Safe to call from several threads: with a pool, each call waits for a worker; in
   * this process trainings take turns, since the engine's random seed is global to the process.
   */
  public Outcome get(Arch arch, NetworkTrainer.Listener listener) {
    TrainedStore.Key key = key(arch);
    if (store != null) {
      Optional<TrainedStore.Entry> hit = store.get(key);
      if (hit.isPresent()) {
        TrainedStore.Entry e = hit.get();
        return new Outcome(arch, e.validAccuracy(), e.validLoss(), e.parameters(), e.seconds(),
            Observation.Source.CACHED, key, e.perEpoch(), e.device(), e.djlVersion(), e.libtorchVersion());
      }
    }
    TrainSettings seeded = settings.withSeed(RetrainOracle.trainingSeed(seed, arch.index()));
    TrainResult r;
    String where;
    String djl;
    String libtorch;
    if (pool != null) {
      WorkerPool.Trained t = pool.train("cell arch " + arch.index() + " " + arch, arch.ops(), seeded, listener);
      r = t.result();
      where = t.device();
      djl = t.djlVersion();
      libtorch = t.libtorchVersion();
    } else {
      synchronized (RetrainOracle.TRAINING) {
        r = new NetworkTrainer(seeded, device).train(arch.ops(), data.train(), data.eval(), listener);
      }
      where = device.toString();
      djl = Engine.getDjlVersion();
      libtorch = DjlSetup.engine().getVersion() + "-" + DjlSetup.flavour();
    }
    if (store != null) {
      EpochResult last = r.epochs().get(r.epochs().size() - 1);
      store.put(new TrainedStore.Entry(key, settingsText, r.validAccuracy(), r.validLoss(), last.trainAccuracy(),
          last.trainLoss(), r.parameters(), r.seconds(), where, Provenance.current().nashVersion(), djl, libtorch,
          r.epochs(), null));
    }
    return new Outcome(arch, r.validAccuracy(), r.validLoss(), r.parameters(), r.seconds(), Observation.Source.TRAINED,
        key, r.epochs(), where, djl, libtorch);
  }
}
