package org.nash.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nash.benchmark.Benchmarks;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Benchmark;
import org.nash.nb201.Nb201Tables;
import org.nash.oracle.Observation;
import org.nash.oracle.TabularOracle;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * NB201 table costs: a cold load of every table from the raw files (fresh catalog, so sha256 checks
 * and parsing are included), and lookups per second through a column and through the oracle.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx200m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TableBench {
  private static final int LOOKUPS = 1 << 16;
  private Path mirror;
  private Column column;
  private int[] indices;
  private Arch[] archs;
  private TabularOracle oracle;
  private SplittableRandom rng;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    mirror = DataCatalog.defaultMirrorDir();
    if (mirror == null) {
      throw new IllegalStateException("set NASH_DATA_MIRROR to the benchmark data");
    }
    DataCatalog catalog = new DataCatalog(Files.createTempDirectory("nash-bench"), mirror, false);
    org.nash.benchmark.Benchmark b = Benchmarks.load("nb201", catalog);
    column = b.table().column("cifar10/test-acc@200");
    SearchDomain d = b.space().domain(b.space().fullPool(), true);
    SplittableRandom r = new SplittableRandom(1);
    indices = new int[LOOKUPS];
    archs = new Arch[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      archs[i] = d.sample(r);
      indices[i] = archs[i].index();
    }
    oracle = new TabularOracle(b, "cifar100", Nb201Benchmark.HP12);
    rng = new SplittableRandom(2);
  }

  /** All NB201 tables from the raw files: 7 CSVs, a pandas pickle, a JSON zip, 3 NATS records. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 5)
  @Fork(value = 5, jvmArgsAppend = {"-Xmx200m"})
  public BenchmarkTable coldLoad() throws Exception {
    return Nb201Tables.load(new DataCatalog(Files.createTempDirectory("nash-bench"), mirror, false));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(LOOKUPS)
  public double columnLookup() {
    double s = 0;
    for (int i : indices) {
      s += column.get(i);
    }
    return s;
  }

  /** Arch -> official index -> signal, reported and cost, as the runner queries. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(LOOKUPS)
  public double oracleQuery() {
    double s = 0;
    for (Arch a : archs) {
      Observation o = oracle.query(a, rng);
      s += o.signal() + o.reported() + o.cost();
    }
    return s;
  }
}
