package org.nash.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nash.NashException;
import org.nash.analysis.compare.Summary;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.PoolWarnings;
import org.nash.plan.Shard;
import org.nash.run.ExperimentRunner;
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

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @Option(names = "--shard", paramLabel = "K/N|auto/N|auto", description = {
      "run only the K-th of N shares of the trials (K counted from 0: 0/4 .. 3/4) into DIR/shards/K-of-N;"
          + " 'nash merge DIR' combines the N shards into the trials.jsonl of a single run.",
      "auto: K from SLURM_ARRAY_TASK_ID (sbatch --array=0-(N-1)) or JOB_COMPLETION_INDEX (Kubernetes Indexed"
          + " Job); N from auto/N, else NASH_SHARD_COUNT, else SLURM_ARRAY_TASK_COUNT of a full 0..N-1 array."})
  String shard;

  @Option(names = "--accept-changed-searcher", paramLabel = "LABEL", description = "go on although searcher LABEL's"
      + " code (its files, its hello, its jar) differs from the code that made the folder's results; run.json records"
      + " the change (repeatable)")
  List<String> acceptChanged = new java.util.ArrayList<>();

  @Option(names = "--strict", description = "warnings about the config (a pool of one operation or of fewer than 16"
      + " architectures, pools that look like one pool split by YAML) are errors")
  boolean strict;

  @Override
  public void run() {
    org.nash.io.Timing.mark("run parsed");
    Experiment cfg = ConfigLoader.load(config);
    org.nash.io.Timing.mark("config loaded");
    String name = cfg.name().orElse(config.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    Path dir = Cli.outFolder(out) != null ? out : Path.of("results", Cli.safeName(name, "the config's name"));
    int n = threads != null ? threads : cfg.threads().orElse(Runtime.getRuntime().availableProcessors());
    long t0 = System.nanoTime();
    // Loading the tables takes seconds: say so before the first silence.
    System.err.printf(Locale.ROOT, "%s: loading benchmark %s...%n", name, cfg.benchmark());
    Shard sh = shard == null ? null : Shard.parse(shard, System.getenv());
    Path folder = config.toAbsolutePath().getParent();
    Plan plan = sh == null ? Planner.planRun(cfg, nash.catalog(), nash.loader(), folder, dir)
        : Planner.plan(cfg, nash.catalog(), nash.loader(), folder, sh, dir);
    org.nash.io.Timing.mark("planned");
    System.err.printf(Locale.ROOT, "%s: %d trials on %s (data %s), %d thread(s) -> %s%n", name, plan.trials().size(),
        plan.benchmark().name(), plan.benchmark().version(), n, sh == null ? dir : sh.folder(dir) + " (shard " + sh + ")");
    // The signal's seed aggregation and the stop rule are named wherever a result line names them.
    plan.cells().stream().map(c -> c.oracle().describe()
        + (c.aggregation() != null ? ", aggregation " + c.aggregation() : "")
        + (c.stopRule() != null ? ", " + c.stopRule() : "")
        + (c.protocol() != null ? " (protocol " + c.protocol() + ")" : "")).distinct()
        .forEach(d -> System.err.println("  oracle: " + d));
    if (plan.benchmark().note() != null) {
      System.err.println("  note: " + plan.benchmark().note());
    }
    List<String> warnings = PoolWarnings.of(plan);
    if (strict && !warnings.isEmpty()) {
      plan.close();
      throw new NashException(config + ": " + String.join("; ", warnings) + " (an error with --strict)");
    }
    warnings.forEach(w -> System.err.println("warning: " + w));
    ExperimentRunner.Outcome o;
    Thread onInterrupt = interruptNote();
    int size = sh == null ? plan.trials().size() : ExperimentRunner.shardSize(plan, sh);
    // Closing the plan stops what its oracles hold (training workers), on success and on failure.
    try (plan; Progress pb = Progress.start("trials", size, quiet)) {
      java.util.Set<String> accept = java.util.Set.copyOf(acceptChanged);
      o = sh == null ? ExperimentRunner.run(plan, dir, n, accept, r -> pb.step())
          : ExperimentRunner.runShard(plan, dir, sh, n, accept, r -> pb.step());
    } finally {
      removeHook(onInterrupt);
    }
    org.nash.io.Timing.mark("trials run");
    if (o.repaired() != null) {
      System.err.println("repaired: " + o.repaired());
    }
    if (sh != null) {
      // A shard's summary would be a biased sample of the study: the merge writes the summary.
      System.out.printf(Locale.ROOT, "shard %s: %d trials (%d already done, %d run now) in %.1f s; results in %s%n",
          sh, o.total(), o.skipped(), o.ran(), (System.nanoTime() - t0) / 1e9, sh.folder(dir));
      System.out.println("when all " + sh.count() + " shards are done: nash merge " + dir);
      return;
    }
    List<Summary.Row> rows = o.summary() != null ? Summary.of(o.summary()) : Summary.of(o.trials());
    Summary.write(rows, dir);
    org.nash.io.Timing.mark("summary written");
    System.out.print(Summary.format(rows));
    System.out.printf(Locale.ROOT, "%d trials (%d already done, %d run now) in %.1f s; results in %s%n", o.total(),
        o.skipped(), o.ran(), (System.nanoTime() - t0) / 1e9, dir);
    if (plan.benchmark().note() != null) {
      System.out.println("note: " + plan.benchmark().note());
    }
  }

  /**
   * Ctrl-C (or a kill) while trials run: every finished trial is already on disk, so say how to go
   * on. The hook is removed once the run ends normally or with an error.
   */
  static Thread interruptNote() {
    AtomicBoolean armed = new AtomicBoolean(true);
    Thread hook = new Thread(() -> {
      if (armed.get()) {
        System.err.println();
        System.err.println("nash: interrupted; rerun the same command to resume");
        System.err.flush();
      }
    }, "nash-interrupt-note");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs and prints its note.
    }
  }
}
