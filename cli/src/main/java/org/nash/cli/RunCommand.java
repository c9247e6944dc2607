package org.nash.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nash.run.ConfigLoader;
import org.nash.run.ExperimentConfig;
import org.nash.run.ExperimentRunner;
import org.nash.run.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nash run CONFIG}: run (or resume) an experiment and summarise it. */
@Command(name = "run", description = "Run an experiment config; rerunning the same command resumes it.")
final class RunCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Parameters(paramLabel = "CONFIG", description = "experiment config (YAML)")
  Path config;

  @Option(names = "--out", description = "results folder (default: results/<config name>)")
  Path out;

  @Option(names = "--threads", description = "worker threads (default: the config's, else the number of cores); never changes results")
  Integer threads;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Override
  public void run() {
    ExperimentConfig cfg = ConfigLoader.load(config);
    String name = cfg.name != null ? cfg.name : config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Path dir = out != null ? out : Path.of("results", name);
    int n = threads != null ? threads : cfg.threads != null ? cfg.threads : Runtime.getRuntime().availableProcessors();
    long t0 = System.nanoTime();
    ExperimentRunner.Plan plan = ExperimentRunner.plan(cfg, nash.catalog(), nash.loader());
    System.err.printf(Locale.ROOT, "%s: %d trials on %s (data %s), %d thread(s) -> %s%n", name, plan.trials().size(),
        plan.benchmark().name(), plan.benchmark().version(), n, dir);
    plan.contexts().values().stream().map(c -> c.oracle().describe()).distinct()
        .forEach(d -> System.err.println("  oracle: " + d));
    if (plan.benchmark().note() != null) {
      System.err.println("  note: " + plan.benchmark().note());
    }
    ExperimentRunner.Outcome o;
    try (ProgressBar pb = quiet ? null : new ProgressBarBuilder().setTaskName("trials").setInitialMax(plan.trials().size())
        .setStyle(ProgressBarStyle.ASCII).continuousUpdate().setConsumer(
            new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
      if (pb != null) {
        pb.stepTo(0);
      }
      o = ExperimentRunner.run(plan, dir, n, r -> {
        if (pb != null) {
          pb.step();
        }
      });
      if (pb != null) {
        pb.stepTo(plan.trials().size());
      }
    }
    if (o.repaired() != null) {
      System.err.println("repaired: " + o.repaired());
    }
    List<Summary.Row> rows = Summary.of(o.trials());
    Summary.write(rows, dir);
    System.out.print(Summary.format(rows));
    System.out.printf(Locale.ROOT, "%d trials (%d already done, %d run now) in %.1f s; results in %s%n", o.total(),
        o.skipped(), o.ran(), (System.nanoTime() - t0) / 1e9, dir);
    if (plan.benchmark().note() != null) {
      System.out.println("note: " + plan.benchmark().note());
    }
  }

}
