package org.nash.cli.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nash.NashException;
import org.nash.retrain.store.TrainedStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nash store list|export}: the trained cells in the result store of the retraining oracles. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "List or export the trained cells in the result store (default <cache>/trained.sqlite).",
    subcommands = {StoreCommand.ListCmd.class, StoreCommand.Export.class})
public final class StoreCommand implements Callable<Integer> {
  @Option(names = "--store", paramLabel = "PATH", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "the store file (default: $NASH_DATA/trained.sqlite, else ~/.cache/nash/trained.sqlite)")
  Path store;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    return new ListCmd().list(this, spec.commandLine().getOut());
  }

  /** The stored entries; a missing store is an error here (reading never creates one). */
  List<TrainedStore.Entry> entries() {
    Path p = store != null ? store : TrainedStore.defaultPath();
    if (!Files.exists(p)) {
      throw new NashException("no result store at " + p.toAbsolutePath() + " (a run with oracle retrain or "
          + "table-or-retrain creates it; give another one with --store PATH)");
    }
    try (TrainedStore s = TrainedStore.open(p)) {
      return s.all();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "One line per stored training: cell, dataset/split, epochs, seed, settings, data, accuracy, seconds.")
  static final class ListCmd implements Callable<Integer> {
    @ParentCommand
    StoreCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return list(parent, spec.commandLine().getOut());
    }

    int list(StoreCommand store, PrintWriter out) {
      List<TrainedStore.Entry> all = store.entries();
      out.printf("%-10s %6s %-22s %6s %5s %-16s %-12s %9s %9s %-8s %s%n", "benchmark", "arch", "dataset/split",
          "epochs", "seed", "settings", "data", "valid-acc", "seconds", "device", "created");
      for (TrainedStore.Entry e : all) {
        TrainedStore.Key k = e.key();
        out.printf(Locale.ROOT, "%-10s %6d %-22s %6d %5d %-16s %-12s %9.3f %9.2f %-8s %s%n", k.benchmark(), k.arch(),
            k.dataset() + "/" + k.split(), k.epochs(), k.seed(), k.settingsHash(), k.dataSha256().substring(0, 12),
            e.validAccuracy(), e.seconds(), e.device(), e.created());
      }
      out.printf("%d trained cell(s)%n", all.size());
      out.flush();
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Every stored training with its per-epoch record, as CSV or JSON, to stdout or --out.")
  static final class Export implements Callable<Integer> {
    @ParentCommand
    StoreCommand parent;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (default csv)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (!format.equals("csv") && !format.equals("json")) {
        throw new NashException("--format must be csv or json, got '" + format + "'");
      }
      List<TrainedStore.Entry> all = parent.entries();
      String text = format.equals("json") ? json(all) : csv(all);
      if (out != null) {
        Files.writeString(out, text);
      } else {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }

    static String json(List<TrainedStore.Entry> all) throws IOException {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all) + "\n";
    }

    static String csv(List<TrainedStore.Entry> all) throws IOException {
      ObjectMapper m = new ObjectMapper();
      StringWriter w = new StringWriter();
      w.write("benchmark,arch,dataset,split,epochs,seed,settings_hash,data_sha256,device_kind,settings,valid_accuracy,valid_loss,"
          + "train_accuracy,train_loss,parameters,seconds,device,nash_version,djl_version,libtorch_version,created,"
          + "per_epoch\n");
      for (TrainedStore.Entry e : all) {
        TrainedStore.Key k = e.key();
        Object[] row = {k.benchmark(), k.arch(), k.dataset(), k.split(), k.epochs(), k.seed(), k.settingsHash(),
            k.dataSha256(), k.deviceKind(), e.settings(), e.validAccuracy(), e.validLoss(), e.trainAccuracy(), e.trainLoss(),
            e.parameters(), e.seconds(), e.device(), e.nashVersion(), e.djlVersion(), e.libtorchVersion(), e.created(),
            m.writeValueAsString(e.perEpoch())};
        for (int i = 0; i < row.length; i++) {
          w.write(i == 0 ? "" : ",");
          w.write(cell(String.valueOf(row[i])));
        }
        w.write("\n");
      }
      return w.toString();
    }

    /** RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled. */
    private static String cell(String s) {
      return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
          ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
  }
}
