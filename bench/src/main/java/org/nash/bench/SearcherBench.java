package org.nash.bench;

import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.TabularOracle;
import org.nash.search.Searcher;
import org.nash.searchers.LocalSearch;
import org.nash.searchers.RandomSearch;
import org.nash.searchers.RegularizedEvolution;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Searcher steps per second: one ask, one oracle query, one tell, on NB201 CIFAR-10. */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SearcherBench {
  private static final int STEPS = 1000;

  @Param({"rs", "re", "ls"})
  public String searcher;

  private SearchDomain domain;
  private TabularOracle oracle;
  private long seed;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    DataCatalog catalog = new DataCatalog(Files.createTempDirectory("nash-bench"), DataCatalog.defaultMirrorDir(), false);
    Benchmark b = Benchmarks.load("nb201", catalog);
    domain = b.space().domain(b.space().fullPool(), true);
    oracle = new TabularOracle(b, "cifar10", Nb201Benchmark.HP12);
  }

  /** A fresh searcher run for {@value #STEPS} steps (includes its initial phase, as a trial does). */
  @org.openjdk.jmh.annotations.Benchmark
  @OperationsPerInvocation(STEPS)
  public double steps() {
    SplittableRandom rng = new SplittableRandom(seed++);
    Searcher s = switch (searcher) {
      case "rs" -> new RandomSearch(false);
      case "re" -> new RegularizedEvolution(50, 10);
      default -> new LocalSearch(false, 10);
    };
    s.init(domain, rng);
    double best = 0;
    for (int i = 0; i < STEPS; i++) {
      Arch a = s.ask();
      double v = oracle.query(a, rng).signal();
      s.tell(a, v);
      best = Math.max(best, v);
    }
    return best;
  }
}
