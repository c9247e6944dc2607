package org.nash.cli.retrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.nash.data.DataCatalog;
import org.nash.retrain.data.RetrainData;
import org.nash.retrain.table.ReferenceTable;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;
import org.nash.space.Arch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nash retrain}: trains one NAS-Bench-201 cell and prints it next to the table's value. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
    description = "Train one NAS-Bench-201 architecture with the benchmark's protocol (DJL, PyTorch engine) and compare with the table.")
public final class RetrainCommand implements Callable<Integer> {
  @Option(names = "--arch", required = true, description = "official index (0-15624) or arch string |op~0|+|op~0|op~1|+|op~0|op~1|op~2|")
  String arch;

  @Option(names = "--archs", hidden = true, description = "deprecated spelling of --arch")
  void archsOld(String s) {
    org.nash.cli.Cli.deprecated("--archs", "--arch");
    arch = s;
  }

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Device device = run.device();
    TrainSettings settings = run.settings();
    DataCatalog catalog = DataCatalog.fromEnvironment();
    ReferenceTable table = RunOptions.table(catalog);
    Arch a = RunOptions.arch(table.space(), arch);
    RetrainData data = run.data(catalog);
    Engine engine = Engine.getInstance();
    out.printf("arch      %d  %s%n", a.index(), a);
    out.printf("data      %s, %s split: %s%n", data.dataset(), data.split(), data.how());
    out.printf("device    %s, %s %s; %d epochs, batch %d, lr %.3g cosine per epoch (NB-201), Nesterov %.2f, wd %.0e, seed %d%n",
        device, engine.getEngineName(), engine.getVersion(), settings.epochs(), settings.batchSize(),
        settings.learningRate(), settings.momentum(), settings.weightDecay(), settings.seed());
    ProgressListener progress = new ProgressListener(out, settings.epochs(), "") {
      @Override
      public void started(long parameters, int stepsPerEpoch) {
        super.started(parameters, stepsPerEpoch);
        out.printf("network   NAS-Bench-201 C=%d N=%d, %,d parameters, %d steps per epoch%n",
            settings.channels(), settings.cells(), parameters, stepsPerEpoch);
      }
    };
    TrainResult r = new NetworkTrainer(settings, device).train(a.ops(), data.train(), data.eval(), progress);
    out.printf("result    %s accuracy %.2f%% (loss %.4f) after %d epochs; %.1f s in all%n", data.evalSplit(),
        r.validAccuracy(), r.validLoss(), settings.epochs(), r.seconds());
    out.println(tableLine(table, run, a, r.validAccuracy()));
    StringBuilder csv = new StringBuilder(
        "arch,arch_string,dataset,split,epoch,train_loss,train_acc,lr,images_per_s,train_seconds,eval_acc,eval_loss\n");
    for (EpochResult e : r.epochs()) {
      csv.append(org.nash.analysis.output.CsvWriter.line(a.index(), a.toString(), data.dataset(), data.evalSplit(),
          e.epoch(), e.trainLoss(), e.trainAccuracy(), e.learningRate(), e.imagesPerSecond(), e.trainSeconds(),
          e.validAccuracy(), e.validLoss()));
    }
    run.write("retrain.csv", csv.toString(), out);
    return 0;
  }

  static String tableLine(ReferenceTable table, RunOptions run, Arch a, double acc) {
    String key = run.tableKey();
    OptionalDouble v = table.value(key, a.index());
    String caveats = run.caveats();
    String note = caveats.isEmpty() ? "" : "  (not comparable:" + caveats.substring(0, caveats.length() - 1) + ")";
    if (v.isPresent()) {
      return String.format("table     %.2f%%  %s [%s]  retrained - table = %+.2f%s", v.getAsDouble(), key,
          table.source(key), acc - v.getAsDouble(), note);
    }
    String key12 = ReferenceTable.key(run.dataset, key.substring(key.indexOf('/') + 1, key.indexOf('@')), 12);
    OptionalDouble v12 = table.value(key12, a.index());
    return "table     no " + key + " column" + (v12.isPresent()
        ? String.format("; for reference %s = %.2f%% [%s]", key12, v12.getAsDouble(), table.source(key12)) : "") + note;
  }
}
