package org.nash.cli;

import ai.djl.Device;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.nash.NashException;
import org.nash.Provenance;
import org.nash.analysis.spotcheck.SpotCheck;
import org.nash.analysis.spotcheck.SpotCheckStudy;
import org.nash.analysis.spotcheck.SpotCheckStudyWriter;
import org.nash.analysis.spotcheck.SpotCheckWriter;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Space;
import org.nash.report.Study;
import org.nash.retrain.CellTrainer;
import org.nash.retrain.DjlSetup;
import org.nash.retrain.WorkerPool;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.store.TrainedStore;
import org.nash.retrain.table.ReferenceTable;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;

/**
 * Runs a study's {@code spotcheck} part ({@link Study.Spotcheck}) for {@code nash reproduce}: selects
 * the cells once, trains them on each dataset in turn through the result store (a stored cell is read
 * back, so a rerun trains nothing), writes each dataset's spot check into {@code DIR/<dataset>/} and
 * the comparison of the datasets into {@code DIR}. Lives beside {@link ReproduceCommand} (not in
 * {@code cli.retrain}, which depends on this package) and uses the retrain module directly.
 */
final class SpotcheckStudyRun {
  /** Where and how to train: the command line's options (null = the default). */
  record Options(Path data, String device, Integer workers, List<Integer> devices, String store, Integer torchThreads) {}

  private SpotcheckStudyRun() {}

  /** The table column a retraining on {@code dataset} is compared with (cifar10 scores its test set). */
  static String tableKey(String dataset, int epochs) {
    return ReferenceTable.key(dataset, dataset.equals("cifar10") ? "test-acc" : "valid-acc", epochs);
  }

  /**
   * @param at the part, for messages ({@code FILE: parts[i].spotcheck})
   */
  static SpotCheckStudy.Result run(Study.Spotcheck sc, String at, Path dir, Options o, DataCatalog catalog,
      PrintStream log) {
    if (o.workers() != null && o.workers() < 1) {
      throw new NashException("--workers must be >= 1, got " + o.workers());
    }
    if (o.torchThreads() != null && o.torchThreads() < 1) {
      throw new NashException("--torch-threads must be >= 1, got " + o.torchThreads());
    }
    String kind = DjlSetup.deviceKind(o.device() == null ? "cpu" : o.device());
    ReferenceTable table = ReferenceTable.load(catalog);
    Selection sel = select(sc, at, table);
    List<String> keys = sel.keys();
    String selectKey = sel.selectKey();
    int te = sc.tableEpochs();
    List<SpotCheckStudy.Selected> cells = sel.cells();
    Nb201Space space = table.space();
    List<Arch> archs = cells.stream().map(c -> space.byIndex(c.index())).toList();
    log.printf(Locale.ROOT, "spotcheck: %d cells stratified over %s (seed %d): %s%n", cells.size(), selectKey, sc.seed,
        cells.stream().map(c -> Integer.toString(c.index())).collect(Collectors.joining(",")));
    TrainSettings settings = TrainSettings.nb201(sc.epochs).withNetwork(sc.channels, sc.cellsPerStage)
        .withBatchSize(sc.batchSize).withSeed(sc.trainingSeed);
    String caveats = caveats(sc);
    Device device = null;
    if (o.workers() == null) {
      // the engine loads here only when this process trains; workers load their own
      if (o.torchThreads() != null) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(o.torchThreads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      }
      device = DjlSetup.device(o.device() == null ? "cpu" : o.device());
    }
    List<SpotCheckStudy.DatasetInput> inputs = new ArrayList<>();
    Map<String, Object> perDataset = new LinkedHashMap<>();
    TrainedStore st = "none".equals(o.store()) ? null
        : TrainedStore.open(o.store() != null ? Path.of(o.store()) : TrainedStore.defaultPath());
    try {
      for (int d = 0; d < sc.datasets.size(); d++) {
        String ds = sc.datasets.get(d);
        log.printf(Locale.ROOT, "spotcheck %s (%d/%d): loading images...%n", ds, d + 1, sc.datasets.size());
        // one dataset's images at a time: the three full releases together would crowd a 1 GB heap
        RetrainData data = RetrainData.load(ds, o.data(), catalog, sc.subset);
        WorkerPool pool = o.workers() == null ? null : WorkerPool.acquire(new WorkerPool.Spec(o.workers(), kind,
            o.torchThreads() == null ? 1 : o.torchThreads(), ds, o.data() == null ? null : o.data().toString(),
            sc.subset, data.sha256(), o.devices()));
        try {
          CellTrainer trainer = new CellTrainer("nb201", data, settings, device, pool, st, sc.trainingSeed, sc.subset);
          String where = device != null ? device.toString() : kind + " in " + o.workers() + " worker process(es)"
              + (kind.equals("gpu") ? " over " + pool.devices() : "");
          log.printf(Locale.ROOT, "spotcheck %s: %s split (%s), %d epochs, device %s; table column %s%n", ds,
              data.split(), data.how(), sc.epochs, where, keys.get(d));
          List<CellTrainer.Outcome> outcomes = train(trainer, archs, o.workers(), ds, sc.epochs, log);
          String key = keys.get(d);
          List<SpotCheck.Cell> sCells = new ArrayList<>();
          double[] trained = new double[archs.size()];
          double[] tab = new double[archs.size()];
          List<String> sources = new ArrayList<>();
          for (int i = 0; i < outcomes.size(); i++) {
            CellTrainer.Outcome oc = outcomes.get(i);
            TrainedStore.Key k = oc.key();
            String storeKey = st == null ? "" : String.join("/", k.benchmark(), Integer.toString(k.arch()), k.dataset(),
                k.split(), Integer.toString(k.epochs()), Long.toString(k.seed()), k.settingsHash(), k.dataSha256());
            String source = oc.source().name().toLowerCase(Locale.ROOT);
            trained[i] = oc.validAccuracy();
            tab[i] = table.value(key, oc.arch().index()).orElse(Double.NaN);
            sources.add(source);
            sCells.add(new SpotCheck.Cell(oc.arch().index(), oc.arch().toString(), trained[i], tab[i],
                table.seedValues(key, oc.arch().index()), source, oc.parameters(), oc.seconds(), storeKey));
          }
          SpotCheck.Result r = SpotCheck.of(sCells);
          Map<String, String> prov = new LinkedHashMap<>(Provenance.current().asMap());
          prov.put("djl", outcomes.stream().map(CellTrainer.Outcome::djlVersion).distinct().collect(Collectors.joining(" / ")));
          prov.put("libtorch", outcomes.stream().map(CellTrainer.Outcome::libtorchVersion).distinct()
              .collect(Collectors.joining(" / ")));
          String dataSha = trainer.dataSha256() != null ? trainer.dataSha256() : data.sha256();
          String common = String.join("/", "nb201", data.dataset(), data.evalSplit(), Integer.toString(sc.epochs),
              Long.toString(sc.trainingSeed), trainer.settingsHash(), dataSha);
          SpotCheckWriter.write(r, new SpotCheckWriter.Setup("nb201", key, table.source(key), table.seedSource(),
              data.dataset(), data.split(), data.how(), sc.epochs, sc.subset, sc.channels, sc.cellsPerStage,
              sc.batchSize, where, sc.trainingSeed, trainer.settingsText(), caveats,
              st != null ? st.path().toString() : "none",
              "benchmark/dataset/split/epochs/seed/settings_hash/data_sha256 = " + common, dataSha, prov),
              dir.resolve(ds));
          log.println("spotcheck " + ds + ": " + SpotCheckWriter.tauLine(r.summary()));
          inputs.add(new SpotCheckStudy.DatasetInput(ds, key, trained, tab, sources, data.split(), data.how(), dataSha));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("device", where);
          m.put("settings", trainer.settingsText());
          m.put("storeKey", common);
          m.put("provenance", prov);
          perDataset.put(ds, m);
        } finally {
          if (pool != null) {
            pool.close();
          }
        }
      }
    } finally {
      if (st != null) {
        st.close();
      }
    }
    SpotCheckStudy.Result result = SpotCheckStudy.of(inputs, sc.reference(), sc.compare(), sc.bootstrap, sc.seed);
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("benchmark", "nb201");
    setup.put("datasets", sc.datasets);
    setup.put("reference", sc.reference());
    setup.put("compare", sc.compare());
    setup.put("cells", sc.cells);
    setup.put("selectColumn", selectKey);
    setup.put("connectedOnly", sc.connectedOnly);
    setup.put("seed", sc.seed);
    setup.put("bootstrap", sc.bootstrap);
    setup.put("epochs", sc.epochs);
    setup.put("tableEpochs", te);
    setup.put("trainingSeed", sc.trainingSeed);
    setup.put("channels", sc.channels);
    setup.put("cellsPerStage", sc.cellsPerStage);
    setup.put("batchSize", sc.batchSize);
    setup.put("subset", sc.subset);
    setup.put("caveats", caveats);
    setup.put("data", o.data() == null ? "the cache and the mirror" : o.data().toString());
    setup.put("store", st != null ? st.path().toString() : "none");
    setup.put("perDataset", perDataset);
    setup.put("provenance", Provenance.current().asMap());
    SpotCheckStudyWriter.write(result, cells, archs.stream().map(Arch::toString).toList(), selectKey, setup, dir);
    return result;
  }

  /** The cells and the table columns: each dataset's compared column and the one the cells are stratified over. */
  record Selection(List<String> keys, String selectKey, List<SpotCheckStudy.Selected> cells) {}

  /** Checks the columns and selects the cells (no training, no images). */
  static Selection select(Study.Spotcheck sc, String at, ReferenceTable table) {
    int te = sc.tableEpochs();
    String selectKey = tableKey(sc.selectBy(), te);
    List<String> keys = new ArrayList<>();
    for (String ds : sc.datasets) {
      keys.add(tableKey(ds, te));
    }
    for (String k : concat(keys, selectKey)) {
      if (!table.has(k)) {
        throw new NashException(at + ".table_epochs: the table has no " + k + " column to compare with; use 12 (hp12)"
            + " or 200");
      }
    }
    Nb201Space space = table.space();
    double[] values = new double[Nb201Space.SIZE];
    boolean[] eligible = new boolean[Nb201Space.SIZE];
    int n = 0;
    for (int i = 0; i < Nb201Space.SIZE; i++) {
      Arch a = space.byIndex(i);
      OptionalDouble v = table.value(selectKey, i);
      values[i] = v.orElse(Double.NaN);
      boolean ok = v.isPresent() && (!sc.connectedOnly || space.isConnected(a));
      for (String k : keys) {
        ok &= table.value(k, i).isPresent();
      }
      eligible[i] = ok;
      n += ok ? 1 : 0;
    }
    if (n < sc.cells) {
      throw new NashException(at + ".cells: " + sc.cells + " cells asked for, but only " + n + " have values in every"
          + " compared column" + (sc.connectedOnly ? " and an input-to-output path" : ""));
    }
    return new Selection(keys, selectKey, SpotCheckStudy.select(values, eligible, sc.cells, sc.seed));
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  /** Why the numbers may not be comparable with the table, or "". */
  static String caveats(Study.Spotcheck sc) {
    StringBuilder sb = new StringBuilder();
    if (sc.subset > 0) {
      sb.append(" subset of the data;");
    }
    if (sc.channels != 16 || sc.cellsPerStage != 5) {
      sb.append(" not the benchmark's C=16 N=5 network;");
    }
    if (sc.batchSize != 256) {
      sb.append(" batch size ").append(sc.batchSize).append(" instead of 256;");
    }
    if (sc.epochs != sc.tableEpochs()) {
      sb.append(" trained ").append(sc.epochs).append(" epoch(s), compared with the table's ").append(sc.tableEpochs())
          .append("-epoch values;");
    }
    return sb.toString();
  }

  /** Every cell, N at a time with N workers, in order; one line per cell and epoch to {@code log}. */
  private static List<CellTrainer.Outcome> train(CellTrainer trainer, List<Arch> archs, Integer workers, String ds,
      int epochs, PrintStream log) {
    return trainer.getAll(archs, workers == null ? 1 : workers, i -> {
      String prefix = "[" + ds + " " + (i + 1) + "/" + archs.size() + " arch " + archs.get(i).index() + "] ";
      return new NetworkTrainer.Listener() {
        @Override
        public void epoch(EpochResult r) {
          log.printf(Locale.ROOT, "%sepoch %d/%d  train-loss %.4f  train-acc %6.2f%%  %.0f img/s%n", prefix, r.epoch(),
              epochs, r.trainLoss(), r.trainAccuracy(), r.imagesPerSecond());
        }
      };
    }, (o, i) -> log.printf(Locale.ROOT, "[%s %d/%d arch %d] %s %.2f%%%n", ds, i + 1, archs.size(), archs.get(i).index(),
        o.source().name().toLowerCase(Locale.ROOT), o.validAccuracy()));
  }
}
