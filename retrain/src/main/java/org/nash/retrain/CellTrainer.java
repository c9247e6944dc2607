package org.nash.retrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import org.nash.NashException;
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
 * Trains NAS-Bench-201 cells with one set of settings, data and key seed, in this process or on
 * worker processes, and through the result store: a cell whose key is stored is read back, not
 * trained again. The one place that makes store keys, training seeds and stored entries, shared by
 * the retrain oracle ({@code nash run}) and {@code nash spotcheck}, so a cell trained by one answers
 * the other when settings and data are the same.
 */
public final class CellTrainer {
  /**
   * One cell's result. {@code source} is {@link Observation.Source#TRAINED} or
   * {@link Observation.Source#CACHED}; {@code seconds} are the training's (the stored ones when cached).
   */
  public record Outcome(Arch arch, double validAccuracy, double validLoss, long parameters, double seconds,
      Observation.Source source, TrainedStore.Key key, List<EpochResult> epochs, String device, String djlVersion,
      String libtorchVersion) {

    static Outcome of(Arch arch, TrainedStore.Entry e, Observation.Source source, TrainedStore.Key key) {
      return new Outcome(arch, e.validAccuracy(), e.validLoss(), e.parameters(), e.seconds(), source, key,
          e.perEpoch(), e.device(), e.djlVersion(), e.libtorchVersion());
    }
  }

  /** In-process trainings take turns, across trainers: the engine's random seed is global to the process. */
  private static final Object TRAINING = new Object();

  private final String benchmark;
  private final RetrainData data;
  private final TrainSettings settings;
  private final Device device;
  private final WorkerPool pool;
  private final String deviceKind;
  private final TrainedStore store;
  private final long seed;
  private final String settingsText;
  private final String settingsHash;
  /** Null when neither a store nor workers need it: hashing the images takes a while. */
  private final String dataSha256;

  /**
   * @param device where this process trains; null when {@code pool} trains (the engine loads in the
   *     workers)
   * @param pool worker processes that train, or null to train in this process
   * @param store the result store, or null to train every cell
   * @param seed the key's seed: each cell trains with a seed derived from it and the cell index
   * @param subset the images per split the data was cut to (0 = all), part of the settings hash
   */
  public CellTrainer(String benchmark, RetrainData data, TrainSettings settings, Device device, WorkerPool pool,
      TrainedStore store, long seed, int subset) {
    this.benchmark = benchmark;
    this.data = data;
    this.settings = settings;
    this.device = device;
    this.pool = pool;
    this.deviceKind = pool != null ? pool.spec().device() : TrainedStore.Key.kindOf(device.toString());
    this.store = store;
    this.seed = seed;
    this.settingsText = settingsText(settings, subset);
    this.settingsHash = sha256(settingsText).substring(0, 16);
    // the pool's spec already holds it: hashing the images again would cost a pass over them
    this.dataSha256 = pool != null ? pool.spec().dataSha256() : store != null ? data.sha256() : null;
  }

  /**
   * Every setting that changes a training's numbers, in a fixed text form; its hash is in the store's
   * key. The schedule is NB-201's cosine set once per epoch ({@code CosineLr}).
   */
  static String settingsText(TrainSettings s, int subset) {
    return "channels=" + s.channels() + " cells=" + s.cells() + " batch=" + s.batchSize() + " lr=" + s.learningRate()
        + " wd=" + s.weightDecay() + " momentum=" + s.momentum() + " nesterov=true schedule=cosine-per-epoch(eta_min=0)"
        + " augment=crop4+flip eval_batch=" + s.evalBatchSize() + " eval_each_epoch=" + s.evalEachEpoch()
        + " subset=" + subset;
  }

  /** The training seed of a cell: from the key (key seed, cell index), the same in every process. */
  static long trainingSeed(long seed, int arch) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + arch).nextLong();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public TrainedStore.Key key(Arch arch) {
    return new TrainedStore.Key(benchmark, arch.index(), data.dataset(), data.evalSplit(), settings.epochs(), seed,
        settingsHash, dataSha256, deviceKind);
  }

  /** Epochs each training runs (issue 24: for progress lines). */
  public int epochs() {
    return settings.epochs();
  }

  /** The canonical text of the settings behind {@link #settingsHash}. */
  public String settingsText() {
    return settingsText;
  }

  public String settingsHash() {
    return settingsHash;
  }

  /** The sha256 of the exact training and evaluation images and labels (null without store and workers). */
  public String dataSha256() {
    return dataSha256;
  }

  /**
   * The stored result of {@code arch}, or a fresh training (then stored); {@code listener} sees a
   * training only. Safe to call from several threads: with a pool each call waits for a worker, in
   * this process trainings take turns.
   */
  public Outcome get(Arch arch, NetworkTrainer.Listener listener) {
    TrainedStore.Key key = key(arch);
    if (store != null) {
      Optional<TrainedStore.Entry> hit = store.get(key);
      if (hit.isPresent()) {
        return Outcome.of(arch, hit.get(), Observation.Source.CACHED, key);
      }
    }
    TrainedStore.Entry e = train(arch, key, listener);
    if (store != null) {
      store.put(e);
    }
    return Outcome.of(arch, e, Observation.Source.TRAINED, key);
  }

  /** The cell's ops as the network's op ids (issue 24: by name, so nb201x's extra ops build too). */
  private int[] netOps(Arch arch) {
    return org.nash.retrain.net.CellOps.translate(arch.ops(),
        org.nash.retrain.net.CellOps.ids(arch.space().opNames(), benchmark));
  }

  /**
   * Trains {@code arch} here or on a worker, without looking at the store; the result as a store
   * entry under {@code key}.
   */
  public TrainedStore.Entry train(Arch arch, TrainedStore.Key key, NetworkTrainer.Listener listener) {
    TrainSettings seeded = settings.withSeed(trainingSeed(seed, arch.index()));
    TrainResult r;
    String where;
    String djl;
    String libtorch;
    if (pool != null) {
      WorkerPool.Trained t = pool.train("cell arch " + arch.index() + " " + arch, netOps(arch), seeded, listener);
      r = t.result();
      where = t.device();
      djl = t.djlVersion();
      libtorch = t.libtorchVersion();
    } else {
      synchronized (TRAINING) {
        r = new NetworkTrainer(seeded, device).train(netOps(arch), data.train(), data.eval(), listener);
      }
      where = device.toString();
      djl = Engine.getDjlVersion();
      libtorch = DjlSetup.engine().getVersion() + "-" + DjlSetup.flavour();
    }
    EpochResult last = r.epochs().get(r.epochs().size() - 1);
    return new TrainedStore.Entry(key, settingsText, r.validAccuracy(), r.validLoss(), last.trainAccuracy(),
        last.trainLoss(), r.parameters(), r.seconds(), where, Provenance.current().nashVersion(), djl, libtorch,
        r.epochs(), null);
  }

  /**
   * Trains (or reads back) every cell, {@code parallel} at a time (with a worker pool each waits for a
   * worker); the outcomes come back in the order of {@code archs}, each handed to {@code done} as soon
   * as it and the cells before it are in.
   *
   * @param listener the listener of cell {@code i}'s training
   */
  public List<Outcome> getAll(List<Arch> archs, int parallel, IntFunction<NetworkTrainer.Listener> listener,
      ObjIntConsumer<Outcome> done) {
    ExecutorService dispatch = Executors.newFixedThreadPool(Math.max(1, parallel),
        r -> {
          Thread t = new Thread(r, "nash-cell-trainer");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<Outcome>> pending = new ArrayList<>();
      for (int i = 0; i < archs.size(); i++) {
        Arch a = archs.get(i);
        NetworkTrainer.Listener l = listener.apply(i);
        pending.add(dispatch.submit(() -> get(a, l)));
      }
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < archs.size(); i++) {
        Outcome o;
        try {
          o = pending.get(i).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NashException("interrupted while waiting for the training of arch " + archs.get(i).index(), e);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new NashException(e.getCause().getMessage(), e);
        }
        done.accept(o, i);
        out.add(o);
      }
      return out;
    } finally {
      dispatch.shutdownNow();
    }
  }
}
