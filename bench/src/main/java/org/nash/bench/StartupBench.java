package org.nash.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nash.benchmark.Benchmark;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Benchmark;
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
 * Start-up costs. {@code loadBenchmark}: NB-201 ready to query in a fresh JVM, from the raw files
 * ({@code parse}: a new, empty cache each time) or from the table image ({@code image}).
 * Single shots: each is the first call of its JVM, as a command's is. {@link QueryProcessBench}: whole
 * processes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = {"-Xmx512m"})
public class StartupBench {
  @Param({"image", "parse"})
  public String tables;

  private Path mirror;
  private Path cache;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    mirror = DataCatalog.defaultMirrorDir();
    if (mirror == null) {
      throw new IllegalStateException("set NASH_DATA_MIRROR to the benchmark data");
    }
    cache = Files.createTempDirectory("nash-bench");
    if (tables.equals("image")) {
      new Nb201Benchmark().load(new DataCatalog(cache, mirror, false)); // writes the image
    }
  }

  @org.openjdk.jmh.annotations.Benchmark
  public double loadBenchmark() {
    Benchmark b = new Nb201Benchmark().load(new DataCatalog(cache, mirror, false));
    // a command's first look-up: the columns a cifar10 query reads
    return b.table().column("cifar10/test-acc@200").get(9930) + b.table().column("cifar10-valid/valid-acc@12").get(9930);
  }
}
