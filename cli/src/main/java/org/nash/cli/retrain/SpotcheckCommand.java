package org.nash.cli.retrain;

import ai.djl.Device;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.table.ReferenceTable;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;
import org.nash.retrain.WorkerPool;
import org.nash.space.Arch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nash spotcheck}: retrains several architectures and reports each one's difference to the
 * table and the Kendall tau between retrained and table accuracies (does our pipeline rank cells
 * as the benchmark does?).
 */
@Command(name = "spotcheck", mixinStandardHelpOptions = true,
    description = "Retrain several NAS-Bench-201 architectures and compare them with the table (differences, Kendall tau).")
public final class SpotcheckCommand implements Callable<Integer> {
  @Option(names = "--arch", split = ",", paramLabel = "ARCH",
      description = "official indices or arch strings, repeatable or comma-separated, e.g. 9930,6111,0")
  List<String> archs = new ArrayList<>();

  @Option(names = "--archs", split = ",", hidden = true, description = "deprecated spelling of --arch")
  List<String> archsOld = new ArrayList<>();

  @Mixin
  RunOptions run;

  @Option(names = "--workers", paramLabel = "N",
      description = "train in N worker processes, N cells at a time (default: one at a time in this process); "
          + "on the CPU the cores are split between them unless --torch-threads is given")
  Integer workers;

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
    if (workers != null && workers < 1) {
      throw new NashException("--workers must be >= 1, got " + workers);
    }
    // With workers the engine loads in the worker processes only.
    Device device = workers == null ? run.device() : null;
    TrainSettings settings = run.settings();
    DataCatalog catalog = DataCatalog.fromEnvironment();
    ReferenceTable table = RunOptions.table(catalog);
    List<Arch> list = new ArrayList<>();
    for (String s : archs) {
      list.add(RunOptions.arch(table.space(), s));
    }
    RetrainData data = run.data(catalog);
    String key = run.tableKey();
    WorkerPool.Spec pool = workers == null ? null : new WorkerPool.Spec(workers, run.deviceKind(),
        run.torchThreads() == null ? 0 : run.torchThreads(), data.dataset(), run.data == null ? null
        : run.data.toString(), run.subset, data.sha256());
    out.printf("spotcheck %d architectures on %s (%s), %d epochs, device %s; table column %s [%s]%n", list.size(),
        data.dataset(), data.how(), settings.epochs(), device != null ? device : run.deviceKind() + " in " + workers
        + " worker process(es)", key, table.source(key));
    if (!run.caveats().isEmpty()) {
      out.println("caveat:  " + run.caveats());
    }
    java.util.function.IntFunction<NetworkTrainer.Listener> progress = i -> new ProgressListener(out,
        settings.epochs(), "[" + (i + 1) + "/" + list.size() + " arch " + list.get(i).index() + "] ");
    try (Trainings trained = pool == null ? Trainings.inProcess(list, settings, device, data, progress)
        : Trainings.onWorkers(pool, list, settings, progress)) {
      return report(out, list, trained, data, settings, table, key);
    }
  }

  private int report(PrintWriter out, List<Arch> list, Trainings trained, RetrainData data, TrainSettings settings,
      ReferenceTable table, String key) {
    List<double[]> pairs = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    StringBuilder csv = new StringBuilder("arch,arch_string,dataset,epochs,retrained,table,diff,parameters,seconds\n");
    for (int i = 0; i < list.size(); i++) {
      Arch a = list.get(i);
      String prefix = "[" + (i + 1) + "/" + list.size() + " arch " + a.index() + "] ";
      TrainResult o = trained.get(i);
      OptionalDouble t = table.value(key, a.index());
      String row = String.format("%6d  %10.2f  %9s  %+7.2f  %9s  %8.1f  %s", a.index(), o.validAccuracy(),
          t.isPresent() ? String.format("%.2f", t.getAsDouble()) : "n/a",
          t.isPresent() ? o.validAccuracy() - t.getAsDouble() : Double.NaN,
          String.format("%,d", o.parameters()), o.seconds(), a);
      rows.add(row);
      csv.append(String.format(java.util.Locale.ROOT, "%d,\"%s\",%s,%d,%s,%s,%s,%d,%s%n", a.index(), a, data.dataset(),
          settings.epochs(), o.validAccuracy(), t.isPresent() ? Double.toString(t.getAsDouble()) : "",
          t.isPresent() ? Double.toString(o.validAccuracy() - t.getAsDouble()) : "", o.parameters(), o.seconds()));
      out.println(prefix + "retrained " + String.format("%.2f%%", o.validAccuracy())
          + (t.isPresent() ? String.format(", table %.2f%%", t.getAsDouble()) : ", no table value"));
      if (t.isPresent()) {
        pairs.add(new double[] {o.validAccuracy(), t.getAsDouble()});
      }
    }
    out.printf("%n%6s  %10s  %9s  %7s  %9s  %8s  %s%n", "arch", "retrained", "table", "diff", "params", "seconds", "cell");
    rows.forEach(out::println);
    if (pairs.size() >= 2) {
      double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
      double mad = pairs.stream().mapToDouble(p -> Math.abs(p[0] - p[1])).average().orElse(Double.NaN);
      out.printf("Kendall tau (retrained vs table) %.3f over %d architectures; mean |diff| %.2f points%n",
          new KendallsCorrelation().correlation(x, y), pairs.size(), mad);
    } else {
      out.println("Kendall tau needs at least 2 architectures with a table value");
    }
    run.write("spotcheck.csv", csv.toString(), out);
    if (pairs.isEmpty() && !list.isEmpty()) {
      throw new NashException("the table has no " + key + " value for these architectures; use --epochs 12 or 200");
    }
    return 0;
  }
}
