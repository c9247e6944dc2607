package org.nash.retrain;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.oracle.OracleRequest;
import org.nash.plugin.ParamSpec;
import org.nash.plugin.Params;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.store.TrainedStore;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;
import org.nash.table.BenchmarkTable;

/**
 * The retrain half of the tabular-or-retrain oracle ({@code oracle: retrain}): trains the queried
 * NAS-Bench-201 cell with the benchmark's protocol and answers the accuracy on the evaluation split
 * as the search signal; the cost is the seconds of the training, so budgets are in real time.
 * Trainings go through a {@link TrainedStore}: a cell whose key is stored is answered from it
 * ({@link Observation.Source#CACHED}) with the stored seconds as its cost, so results do not depend on
 * the store. The training seed comes from the key (the oracle's {@code seed} and the cell), never from
 * the trial, so a cached and a fresh answer are the same numbers and all trials share the trained cells
 * (like a table of one training seed). Training to the reported fidelity (200 epochs) per incumbent is
 * out of reach, so the reported value is the table's for the cell (NaN when it has none).
 */
public final class RetrainOracle implements Oracle {
  private final CellTrainer trainer;
  private final BenchmarkTable table;
  private final String reportedKey;
  private final String what;
  private final TrainedStore store;
  /** Worker processes that train, or null: train in this process. */
  private final WorkerPool pool;
  /** Trainings under way, so concurrent trials that query one cell share its training. */
  private final ConcurrentHashMap<TrainedStore.Key, CompletableFuture<TrainedStore.Entry>> running =
      new ConcurrentHashMap<>();

  RetrainOracle(CellTrainer trainer, BenchmarkTable table, String reportedKey, String what, TrainedStore store,
      WorkerPool pool) {
    this.trainer = trainer;
    this.table = table;
    this.reportedKey = reportedKey;
    this.what = what;
    this.store = store;
    this.pool = pool;
  }

  /** The store key of a cell. */
  public TrainedStore.Key key(Arch arch) {
    return trainer.key(arch);
  }

  /**
   * Trains one cell, or answers it from the store. The trial's generator is not used (see class
   * comment). In this process one training runs at a time, across oracles (the engine's random seed
   * is global); with workers as many as there are workers. A cell being trained for another trial is
   * waited for and answered as cached.
   */
  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    double reported = table != null && table.has(reportedKey) ? table.value(reportedKey, arch) : Double.NaN;
    if (store == null) {
      TrainedStore.Entry e;
      try (TrainingProgress progress = TrainingProgress.of(arch, trainer.epochs())) {
        e = trainer.train(arch, null, progress);
      }
      return new Observation(e.validAccuracy(), reported, e.seconds(), false, Observation.Source.TRAINED);
    }
    TrainedStore.Key key = key(arch);
    CompletableFuture<TrainedStore.Entry> mine = new CompletableFuture<>();
    CompletableFuture<TrainedStore.Entry> other = running.putIfAbsent(key, mine);
    if (other != null) {
      TrainedStore.Entry e;
      try {
        e = other.join();
      } catch (java.util.concurrent.CompletionException ex) {
        throw ex.getCause() instanceof RuntimeException r ? r : ex;
      }
      return new Observation(e.validAccuracy(), reported, e.seconds(), false, Observation.Source.CACHED);
    }
    try {
      // Looked up while this key is marked running: a training that just finished is in the store.
      Optional<TrainedStore.Entry> hit = store.get(key);
      if (hit.isPresent()) {
        mine.complete(hit.get());
        return new Observation(hit.get().validAccuracy(), reported, hit.get().seconds(), false,
            Observation.Source.CACHED);
      }
      TrainedStore.Entry e;
      try (TrainingProgress progress = TrainingProgress.of(arch, trainer.epochs())) {
        e = trainer.train(arch, key, progress);
      }
      store.put(e);
      mine.complete(e);
      return new Observation(e.validAccuracy(), reported, e.seconds(), false, Observation.Source.TRAINED);
    } catch (RuntimeException ex) {
      mine.completeExceptionally(ex);
      throw ex;
    } finally {
      running.remove(key, mine);
    }
  }

  /** Stops the workers (the last oracle sharing them does) and closes the store. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Override
  public boolean countsSources() {
    return true;
  }

  @Override
  public boolean hasCost() {
    return true;
  }

  @Override
  public String describe() {
    return what;
  }

  static final ParamSpec<Integer> EPOCHS = ParamSpec.integer("epochs", null,
      "training epochs (default: the fidelity's, e.g. 12 for hp12); other values are named in the signal");
  static final ParamSpec<Integer> CHANNELS = ParamSpec.integer("channels", 16, "network channels C (NB-201: 16)");
  static final ParamSpec<Integer> CELLS = ParamSpec.integer("cells", 5, "cells per stage N (NB-201: 5)");
  static final ParamSpec<String> DEVICE = ParamSpec.text("device", "cpu", "cpu, gpu or gpu:K");
  static final ParamSpec<Integer> SUBSET = ParamSpec.integer("subset", 0,
      "train on this many images (stratified; 0 = all), for quick checks");
  static final ParamSpec<String> DATA = ParamSpec.text("data", null,
      "the images to train on: a release folder (cifar-10-batches-py|bin, cifar-100-python|binary, ImageNet16), a folder"
          + " holding them, or a published archive (default: the cache and the mirror)");
  static final ParamSpec<Integer> THREADS = ParamSpec.integer("threads", 0, "libtorch threads (0: libtorch's choice)");
  static final ParamSpec<Integer> SEED = ParamSpec.integer("seed", 0, "training seed");
  static final ParamSpec<String> STORE = ParamSpec.text("store", null,
      "the result store of trained cells (a path, or none; default: the user's store, a shard's own in a shard)");
  static final ParamSpec<Integer> WORKERS = ParamSpec.positive("workers", null, "training worker processes");
  static final ParamSpec<Object> DEVICES = ParamSpec.raw("devices", "list of int",
      "GPUs the workers go round robin over, e.g. [0, 1] (default: every one CUDA_VISIBLE_DEVICES shows, else 0)");
  /** The parameters of both retraining oracles. */
  static final List<ParamSpec<?>> PARAMS = List.of(EPOCHS, CHANNELS, CELLS, DEVICE, SUBSET, DATA, THREADS, SEED, STORE,
      WORKERS, DEVICES);

  /** Benchmarks, datasets and data a retraining oracle can serve; shared by both providers. */
  static RetrainOracle create(String oracleName, Benchmark b, String dataset, Fidelity fidelity, Params params,
      DataCatalog catalog, Path shardDir, Path runDir) {
    DjlSetup.offline();
    // issue 24: any 6-edge cell space whose ops the network builds (nb201, nb201x); the rest is refused by name
    if (!(b.space() instanceof org.nash.space.CellSpace) || !b.name().startsWith("nb201")) {
      throw new NashException("oracle '" + oracleName + "' trains NAS-Bench-201 cells (benchmarks nb201, nb201x); "
          + "benchmark '" + b.name() + "' is not supported");
    }
    org.nash.retrain.net.CellOps.ids(b.space().opNames(), b.name());
    Objective obj = b.objective(dataset);
    // issue 25: every NB-201 dataset trains on its own images (user-supplied; RetrainData says where it looked)
    String training = RetrainData.signalTraining(dataset);
    RetrainData.checkDataset(training);
    Integer givenEpochs = params.get(EPOCHS);
    int epochs = givenEpochs == null ? fidelity.epochs() : givenEpochs;
    int channels = params.get(CHANNELS);
    int cells = params.get(CELLS);
    if (epochs < 1 || channels < 1 || cells < 1) {
      throw new NashException("oracle '" + oracleName + "': epochs, channels and cells must be >= 1, got " + epochs
          + ", " + channels + ", " + cells);
    }
    String deviceName = params.get(DEVICE);
    int subset = params.get(SUBSET);
    String source = params.get(DATA);
    int threads = params.get(THREADS);
    long seed = params.get(SEED);
    String storeParam = params.get(STORE);
    boolean useStore = !"none".equals(storeParam);
    Integer givenWorkers = params.get(WORKERS);
    int workers = givenWorkers == null ? 0 : givenWorkers;
    java.util.List<Integer> devices = DeviceAssignment.parse(params.get(DEVICES));
    if (threads < 0) {
      throw new NashException("oracle '" + oracleName + "': parameter 'threads' must be >= 0 (0: libtorch's choice), got "
          + threads);
    }
    Device device = null;
    if (workers == 0) {
      if (threads > 0) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
      }
      device = DjlSetup.device(deviceName);
    } else {
      // The workers load the engine; here only the name is checked.
      deviceName = DjlSetup.deviceKind(deviceName);
    }
    // The signal is the x-valid accuracy, as in the table: of a cifar10-valid training for cifar10.
    RetrainData data = RetrainData.load(training, source == null ? null : Path.of(source), catalog, subset);
    TrainSettings settings = TrainSettings.nb201(epochs).withNetwork(channels, cells).withEvalEachEpoch(true);
    TrainedStore store = useStore ? TrainedStore.open(storeParam != null ? Path.of(storeParam)
        : shardDir != null ? shardDir.resolve(TrainedStore.FILE_NAME) : TrainedStore.defaultPath()) : null;
    if (store != null && storeParam == null && shardDir == null && runDir != null) {
      adoptShardStores(store, runDir);
    }
    WorkerPool pool = workers == 0 ? null : WorkerPool.acquire(new WorkerPool.Spec(workers, deviceName, threads,
        data.dataset(), source, subset, data.sha256(), devices));
    String where = pool == null ? "device " + device + " in this process"
        : "device " + deviceName + " in " + workers + " worker process(es) of " + pool.torchThreads() + " libtorch thread(s)"
        + (deviceName.equals("gpu") ? " spread over " + pool.devices() : "");
    String what = "retrain " + b.name() + " " + dataset + ": TRAINED signal = " + training + " x-valid accuracy after "
        + epochs + " epochs ("
        + (channels != 16 || cells != 5 ? "C=" + channels + ", N=" + cells + ", NOT the NB-201 network; " : "")
        + data.how() + "), training seed " + seed + ", " + where + ", store "
        + (store != null ? store.path() : "none") + "; reported " + obj.reportedKey() + " from the table; "
        + "cost = seconds of the training (stored seconds when cached)";
    return new RetrainOracle(new CellTrainer(b.name(), data, settings, device, pool, store, seed, subset), b.table(),
        obj.reportedKey(), what, store, pool);
  }

  /**
   * A whole run into a folder whose shards trained into their own stores (a sharded run not yet merged,
   * continued with a plain {@code nash run}): their trainings are copied into the run's store first, so
   * no cell a shard trained is trained again. A key already there is kept; read-only for the shards.
   */
  static void adoptShardStores(TrainedStore into, Path runDir) {
    Path shards = runDir.resolve(org.nash.plan.Shard.DIR);
    if (!java.nio.file.Files.isDirectory(shards)) {
      return;
    }
    java.util.List<Path> files;
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(shards)) {
      files = s.filter(d -> org.nash.plan.Shard.ofFolderName(d.getFileName().toString()) != null)
          .map(d -> d.resolve(TrainedStore.FILE_NAME)).filter(java.nio.file.Files::isRegularFile).sorted().toList();
    } catch (java.io.IOException e) {
      throw new NashException("cannot list " + shards + ": " + e.getMessage(), e);
    }
    int read = 0;
    int added = 0;
    for (Path f : files) {
      if (f.toAbsolutePath().normalize().equals(into.path().toAbsolutePath().normalize())) {
        continue;
      }
      try (TrainedStore from = TrainedStore.open(f)) {
        for (TrainedStore.Entry e : from.all()) {
          read++;
          added += into.put(e) ? 1 : 0;
        }
      }
    }
    if (!files.isEmpty()) {
      System.err.println("nash: result store " + into.path() + ": " + read + " training(s) read from the " + files.size()
          + " shard store(s) of " + runDir + ", " + added + " new");
    }
  }

  /**
   * The signal's column name with the epochs actually trained: {@code epochs} of the params, else the
   * fidelity's (the table key ends in {@code @<fidelity epochs>}).
   */
  static String signalKey(String tableKey, Fidelity fidelity, java.util.Map<String, Object> params) {
    Object e = params.get("epochs");
    long epochs = e instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : fidelity.epochs();
    return tableKey.replaceFirst("@\\d+$", "@" + epochs);
  }

  /**
   * Folds the shards' own stores ({@code shardDir/trained.sqlite}, written when the config names no
   * {@code store}) into the default store a single-machine run uses. A key already there is kept (the
   * same key is the same numbers), so merging twice adds nothing. Returns what was merged, or null when
   * the shards used a named store or none.
   */
  static String mergeShardStores(Params params, java.util.List<Path> shardDirs) {
    if (params.getString("store", null) != null) {
      return null;
    }
    java.util.List<Path> files = shardDirs.stream().map(d -> d.resolve(TrainedStore.FILE_NAME))
        .filter(java.nio.file.Files::isRegularFile).toList();
    if (files.isEmpty()) {
      return null;
    }
    int read = 0;
    int added = 0;
    try (TrainedStore into = TrainedStore.open(TrainedStore.defaultPath())) {
      for (Path f : files) {
        try (TrainedStore from = TrainedStore.open(f)) {
          for (TrainedStore.Entry e : from.all()) {
            read++;
            added += into.put(e) ? 1 : 0;
          }
        }
      }
      return "result store " + into.path() + ": " + read + " training(s) from " + files.size() + " shard store(s), "
          + added + " new";
    }
  }

  /**
   * {@code oracle: retrain}, parameters {@code device} (cpu|gpu), {@code subset} (images, 0 = all),
   * {@code data} (CIFAR-10 source path), {@code threads}, {@code seed} (training seed, default 0),
   * {@code store} (path of the result store, default {@code <cache>/trained.sqlite}, {@code none} for
   * no store), {@code workers} (N training processes; absent: train in this process). The fidelity gives
   * the epochs (hp12, hp200) unless {@code epochs} is given.
   */
  public static final class Provider implements OracleProvider {
    @Override
    public String name() {
      return "retrain";
    }

    @Override
    public String description() {
      return "trains each queried NAS-Bench-201 cell with DJL (PyTorch engine), answering stored cells from the "
          + "result store";
    }

    @Override
    public List<ParamSpec<?>> params() {
      return PARAMS;
    }

    @Override
    public String signalKey(String tableKey, Fidelity fidelity, java.util.Map<String, Object> params) {
      return RetrainOracle.signalKey(tableKey, fidelity, params);
    }

    /** A shard keeps its trainings in its own store, {@code shardDir/trained.sqlite}, unless {@code store} is given. */
    @Override
    public Oracle create(OracleRequest r) {
      RetrainOracle o = RetrainOracle.create(name(), r.benchmark(), r.dataset(), r.fidelity(), r.params(), r.catalog(),
          r.shardDir().orElse(null), r.runDir().orElse(null));
      r.params().requireAllRead();
      return o;
    }

    @Override
    public String mergeShards(Params params, java.util.List<Path> shardDirs, DataCatalog catalog) {
      return mergeShardStores(params, shardDirs);
    }
  }
}
