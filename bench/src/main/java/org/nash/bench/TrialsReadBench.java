package org.nash.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nash.config.ConfigLoader;
import org.nash.data.DataCatalog;
import org.nash.plan.Planner;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a {@code trials.jsonl}: Jackson databind into {@code TrialResult} (every step a record)
 * against the streaming reader of {@code nash report} (steps into reused arrays, all steps or the
 * first only). The file is {@code -Dnash.bench.trials=PATH} (e.g. a large study's), else a 3,600-trial
 * NB-201 run made in setup. Time per pass over the file; MB/s = file size / time (printed in setup).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrialsReadBench {
  private Path file;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    String given = System.getProperty("nash.bench.trials");
    if (given != null) {
      file = Path.of(given);
    } else {
      Path mirror = DataCatalog.defaultMirrorDir();
      if (mirror == null) {
        throw new IllegalStateException("set NASH_DATA_MIRROR to the benchmark data, or -Dnash.bench.trials=FILE");
      }
      DataCatalog catalog = new DataCatalog(Files.createTempDirectory("nash-bench"), mirror, false);
      String yaml = """
          benchmark: nb201
          datasets: [cifar10, cifar100, ImageNet16-120]
          fidelity: hp12
          pools: [full, "skip,c1x1,c3x3"]
          searchers: [{name: rs}, {name: re, params: {population: 10, sample: 3}}, {name: ls}]
          budget: {seconds: {cifar10: 20000, cifar100: 40000, ImageNet16-120: 120000}}
          seeds: 200
          """;
      Path out = Files.createTempDirectory("nash-bench-trials");
      ExperimentRunner.run(Planner.plan(ConfigLoader.parse(yaml, "bench"), catalog,
          TrialsReadBench.class.getClassLoader()), out, 2, null);
      file = out.resolve(TrialsFile.NAME);
    }
    System.out.printf("%n%s: %,d bytes%n", file, Files.size(file));
  }

  @Benchmark
  public long databind() {
    long[] n = {0};
    TrialsFile.scan(file, (line, t) -> n[0] += t.steps().size());
    return n[0];
  }

  @Benchmark
  public long streamAllSteps() {
    long[] n = {0};
    TrialsFile.stream(file, true, null, (line, t, steps) -> n[0] += steps.size());
    return n[0];
  }

  @Benchmark
  public long streamFirstStep() {
    long[] n = {0};
    TrialsFile.stream(file, false, null, (line, t, steps) -> n[0] += steps.total());
    return n[0];
  }
}
