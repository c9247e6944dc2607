package org.nash.cli.retrain;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.nash.NashException;
import org.nash.Provenance;
import org.nash.analysis.spotcheck.SpotCheck;
import org.nash.analysis.spotcheck.SpotCheckWriter;
import org.nash.data.DataCatalog;
import org.nash.retrain.CellTrainer;
import org.nash.retrain.WorkerPool;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.store.TrainedStore;
import org.nash.retrain.table.ReferenceTable;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nash spotcheck}: trains several architectures (or reads them back from the result store) and
 * compares them with the table at the same fidelity: per cell the difference and where it falls
 * against the table's seed range, over the cells the Kendall tau (does our pipeline rank cells as the
 * benchmark does?). With {@code --out}: spotcheck.csv, spotcheck.json and a figure, registered for
 * {@code nash report}.
 */
@Command(name = "spotcheck", mixinStandardHelpOptions = true,
    description = "Train several NAS-Bench-201 architectures (stored ones are read back) and compare them with the"
        + " table (differences, table seed range, Kendall tau); --out writes CSV, JSON and a figure for nash report.")
public final class SpotcheckCommand implements Callable<Integer> {
  @Option(names = "--arch", split = ",", paramLabel = "ARCH",
      description = "official indices or arch strings, repeatable or comma-separated, e.g. 9930,6111,0")
  List<String> archs = new ArrayList<>();

  @Option(names = "--archs", split = ",", hidden = true, description = "deprecated spelling of --arch")
  List<String> archsOld = new ArrayList<>();

  @Option(names = "--table-epochs", paramLabel = "E",
      description = "compare with the table's E-epoch values (12 or 200); default --epochs. For quick checks:"
          + " --epochs 1 --table-epochs 12 (flagged as not comparable)")
  Integer tableEpochs;

  @Option(names = "--store", paramLabel = "PATH",
      description = "result store of trained cells (stored cells are read back, new ones added); 'none' trains"
          + " every cell; default $NASH_DATA/trained.sqlite, else ~/.cache/nash/trained.sqlite")
  String store;

  @Option(names = "--devices", split = ",", paramLabel = "K",
      description = "with --device gpu and --workers: the GPUs the workers go round robin over, e.g. 0,1 (default: every"
          + " GPU CUDA_VISIBLE_DEVICES shows, else 0)")
  List<Integer> devices = new ArrayList<>();

  @Option(names = "--workers", paramLabel = "N",
      description = "train in N worker processes, N cells at a time (default: one at a time in this process); "
          + "each worker uses one libtorch thread unless --torch-threads is given")
  Integer workers;

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> archs = org.nash.cli.Cli.values("--arch", this.archs, "--archs", archsOld,
        org.nash.cli.Cli.given(spec, "--arch"), org.nash.cli.Cli.given(spec, "--archs"));
    if (archs.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--arch=ARCH'");
    }
    // Input errors first, before the table, the images and the engine load.
    List<String> datasets = new ArrayList<>();
    for (String d : run.dataset.split(",")) {
      if (!d.isBlank()) {
        RetrainData.checkDataset(d.trim());
        datasets.add(d.trim());
      }
    }
    if (datasets.isEmpty()) {
      throw new NashException("--dataset: no dataset given");
    }
    Path outRoot = run.out;
    for (String d : datasets) {
      run.dataset = d;
      // several datasets: one folder each under --out, so each keeps its own CSV, JSON and figure
      run.out = outRoot == null || datasets.size() == 1 ? outRoot : outRoot.resolve(d);
      if (datasets.size() > 1) {
        out.println("== " + d + " ==");
      }
      spotcheck(archs, out);
    }
    return 0;
  }

  private void spotcheck(List<String> archs, PrintWriter out) {
    TrainSettings settings = run.settings();
    int compareEpochs = tableEpochs != null ? tableEpochs : settings.epochs();
    DataCatalog catalog = DataCatalog.fromEnvironment();
    ReferenceTable table = RunOptions.table(catalog);
    List<Arch> list = new ArrayList<>();
    for (String s : archs) {
      list.add(RunOptions.arch(table.space(), s));
    }
    String key = run.tableKey(compareEpochs);
    if (!table.has(key)) {
      throw new NashException("the table has no " + key + " column to compare with: use --epochs 12 or 200, or for a"
          + " quick check of a shorter training --table-epochs 12");
    }
    if (workers != null && workers < 1) {
      throw new NashException("--workers must be >= 1, got " + workers);
    }
    // With workers the engine loads in the worker processes only.
    Device device = workers == null ? run.device() : null;
    RetrainData data = run.data(catalog);
    String caveats = run.caveats() + (compareEpochs != settings.epochs() ? " trained " + settings.epochs()
        + " epoch(s), compared with the table's " + compareEpochs + "-epoch values;" : "");
    WorkerPool pool = workers == null ? null : WorkerPool.acquire(new WorkerPool.Spec(workers, run.deviceKind(),
        run.torchThreads() == null ? 1 : run.torchThreads(), data.dataset(), run.data == null ? null
        : run.data.toString(), run.subset, data.sha256(), devices));
    TrainedStore st = null;
    try {
      st = "none".equals(store) ? null : TrainedStore.open(store != null ? Path.of(store) : TrainedStore.defaultPath());
      CellTrainer trainer = new CellTrainer("nb201", data, settings, device, pool, st, run.seed, run.subset);
      String where = device != null ? device.toString()
          : run.deviceKind() + " in " + workers + " worker process(es)" + (run.deviceKind().equals("gpu")
          ? " over " + pool.devices() : "");
      out.printf("spotcheck %d architectures on %s, %s split (%s), %d epochs, device %s; table column %s [%s]%n",
          list.size(), data.dataset(), data.split(), data.how(), settings.epochs(), where, key, table.source(key));
      out.println("store     " + (st != null ? st.path() + " (stored cells are read back)" : "none (every cell trains)"));
      if (!caveats.isEmpty()) {
        out.println("caveat:  " + caveats);
      }
      // With workers every cell is dispatched at once (N train at a time); results are printed in order.
      List<CellTrainer.Outcome> outcomes = trainer.getAll(list, workers == null ? 1 : workers,
          i -> new ProgressListener(out, settings.epochs(), "[" + (i + 1) + "/" + list.size() + " arch "
              + list.get(i).index() + "] "),
          (o, i) -> {
            OptionalDouble t = table.value(key, list.get(i).index());
            out.println("[" + (i + 1) + "/" + list.size() + " arch " + list.get(i).index() + "] "
                + o.source().name().toLowerCase(java.util.Locale.ROOT) + " " + String.format("%.2f%%",
                o.validAccuracy()) + (t.isPresent() ? String.format(", table %.2f%%", t.getAsDouble()) : ", no table value"));
          });
      report(outcomes, table, key, data, settings, where, st, trainer, caveats, out);
    } finally {
      if (pool != null) {
        pool.close();
      }
      if (st != null) {
        st.close();
      }
    }
  }

  /** The comparison: printed, and with --out written as CSV, JSON and figure and registered. */
  private void report(List<CellTrainer.Outcome> outcomes, ReferenceTable table, String key, RetrainData data,
      TrainSettings settings, String device, TrainedStore st, CellTrainer trainer, String caveats, PrintWriter out) {
    List<SpotCheck.Cell> cells = new ArrayList<>();
    for (CellTrainer.Outcome o : outcomes) {
      TrainedStore.Key k = o.key();
      String storeKey = st == null ? "" : String.join("/", k.benchmark(), Integer.toString(k.arch()), k.dataset(),
          k.split(), Integer.toString(k.epochs()), Long.toString(k.seed()), k.settingsHash(), k.dataSha256());
      cells.add(new SpotCheck.Cell(o.arch().index(), o.arch().toString(), o.validAccuracy(),
          table.value(key, o.arch().index()).orElse(Double.NaN), table.seedValues(key, o.arch().index()),
          o.source().name().toLowerCase(java.util.Locale.ROOT), o.parameters(), o.seconds(), storeKey));
    }
    SpotCheck.Result r = SpotCheck.of(cells);
    out.printf("%n%6s  %9s  %9s  %7s  %15s  %9s  %8s  %7s  %s%n", "arch", "trained", "table", "diff", "table seeds",
        "params", "seconds", "source", "cell");
    for (SpotCheck.Row w : r.rows()) {
      out.printf("%6d  %9.2f  %9s  %7s  %15s  %,9d  %8.1f  %7s  %s%n", w.arch(), w.trained(), fmt("%.2f", w.table()),
          fmt("%+.2f", w.diff()), w.tableSeeds() == 0 ? "-" : String.format("%.2f..%.2f", w.seedMin(), w.seedMax()),
          w.parameters(), w.seconds(), w.source(), w.archString());
    }
    out.println(SpotCheckWriter.tauLine(r.summary()));
    if (r.summary().withSeeds() > 0) {
      out.printf("%d of %d cells with per-seed table values lie within the table's seed range%n",
          r.summary().insideSeedRange(), r.summary().withSeeds());
    }
    if (run.out == null) {
      return;
    }
    Map<String, String> prov = new LinkedHashMap<>(Provenance.current().asMap());
    // The versions that trained the cells (workers and stored cells report their own).
    prov.put("djl", outcomes.stream().map(CellTrainer.Outcome::djlVersion).distinct().collect(
        java.util.stream.Collectors.joining(" / ")));
    prov.put("libtorch", outcomes.stream().map(CellTrainer.Outcome::libtorchVersion).distinct().collect(
        java.util.stream.Collectors.joining(" / ")));
    String common = String.join("/", "nb201", data.dataset(), data.evalSplit(), Integer.toString(settings.epochs()),
        Long.toString(run.seed), trainer.settingsHash(), trainer.dataSha256());
    SpotCheckWriter.Setup setup = new SpotCheckWriter.Setup("nb201", key, table.source(key), table.seedSource(),
        data.dataset(), data.split(), data.how(), settings.epochs(), run.subset, settings.channels(), settings.cells(),
        settings.batchSize(), device, run.seed, trainer.settingsText(), caveats,
        st != null ? st.path().toString() : "none", "benchmark/dataset/split/epochs/seed/settings_hash/data_sha256 = "
            + common, trainer.dataSha256(), prov);
    for (var e : SpotCheckWriter.write(r, setup, run.out)) {
      out.println("wrote " + run.out.resolve(e.path()));
    }
  }

  private static String fmt(String f, double v) {
    return Double.isNaN(v) ? "n/a" : String.format(f, v);
  }
}
