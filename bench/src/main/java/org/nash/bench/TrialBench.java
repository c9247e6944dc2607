package org.nash.bench;

import org.nash.plan.Planner;
import org.nash.plan.TrialContext;
import org.nash.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nash.data.DataCatalog;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.run.ExperimentRunner;
import org.nash.results.TrialResult;
import org.nash.run.TrialRunner;
import org.nash.plan.TrialSpec;
import org.nash.results.TrialsFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One trial of the NB-201 paper setting ({@code configs/nb201-paper.yaml}: CIFAR-10, hp12 signal,
 * 12,000 simulated seconds, RS and REA 10 / 3), as the runner runs it: planned from the config, the
 * trial's own RNG, ask / query / tell until the budget, the result; {@code trialAndLine} also writes
 * its {@code trials.jsonl} line. Seeds cycle through the grid so every invocation is a different
 * trial, as in a study. Compare with {@code ../shared/bench/py_search.py} (bench/SCALE.md).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrialBench {
  @Param({"rs", "rea"})
  public String searcher;

  private Plan plan;
  private TrialContext ctx;
  private int first;
  private int seeds;
  private int next;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Path mirror = DataCatalog.defaultMirrorDir();
    if (mirror == null) {
      throw new IllegalStateException("set NASH_DATA_MIRROR to the benchmark data");
    }
    DataCatalog catalog = new DataCatalog(Files.createTempDirectory("nash-bench"), mirror, false);
    Experiment cfg = ConfigLoader.parse(String.join("\n",
        "name: bench", "benchmark: nb201", "datasets: [cifar10]", "fidelity: hp12", "pools: [full]",
        "searchers:", "  - name: rs", "  - name: re", "    label: rea", "    params: {population: 10, sample: 3}",
        "budget:", "  seconds: 12000", "seeds: 5000"), "bench config");
    plan = Planner.plan(cfg, catalog, getClass().getClassLoader());
    ctx = plan.context("cifar10", "full");
    seeds = 5000;
    first = searcher.equals("rs") ? 0 : seeds;
  }

  private TrialSpec nextSpec() {
    TrialSpec t = plan.trials().get(first + next);
    next = (next + 1) % seeds;
    return t;
  }

  @Benchmark
  public TrialResult trial() {
    TrialSpec t = nextSpec();
    return TrialRunner.run(t, plan.factories().get(t.searcherLabel()), ctx);
  }

  @Benchmark
  public String trialAndLine() {
    TrialSpec t = nextSpec();
    return TrialsFile.toLine(TrialRunner.run(t, plan.factories().get(t.searcherLabel()), ctx));
  }
}
