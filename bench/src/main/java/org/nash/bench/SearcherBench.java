package org.nash.bench;

import java.nio.file.Files;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.Observation;
import org.nash.oracle.TabularOracle;
import org.nash.plugin.Params;
import org.nash.plugin.Registry;
import org.nash.search.Budget;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
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
  private SearcherFactory factory;
  private long seed;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    DataCatalog catalog = new DataCatalog(Files.createTempDirectory("nash-bench"), DataCatalog.defaultMirrorDir(), false);
    Benchmark b = Benchmarks.load("nb201", catalog);
    domain = b.space().domain(b.space().fullPool(), true);
    oracle = new TabularOracle(b, "cifar10", Nb201Benchmark.HP12);
    // Configured once, as the planner does; NASLib's defaults (re: population 50, sample 10).
    factory = Registry.load(SearcherProvider.class, "searcher", getClass().getClassLoader()).get(searcher)
        .configure(new Params("searcher '" + searcher + "'", Map.of()));
  }

  /** A fresh searcher run for {@value #STEPS} steps (includes its initial phase, as a trial does). */
  @org.openjdk.jmh.annotations.Benchmark
  @OperationsPerInvocation(STEPS)
  public double steps() {
    SplittableRandom rng = new SplittableRandom(seed++);
    Budget unlimited = new Budget() {
      @Override
      public int queries() {
        return 0;
      }

      @Override
      public double seconds() {
        return 0;
      }

      @Override
      public int maxQueries() {
        return 0;
      }

      @Override
      public double maxSeconds() {
        return 0;
      }
    };
    Searcher s = factory.create(domain, rng, unlimited);
    double best = 0;
    for (int i = 0; i < STEPS; i++) {
      Arch a = s.ask().orElseThrow();
      Observation o = oracle.query(a, rng);
      s.tell(a, o.signal(), o.cost());
      best = Math.max(best, o.signal());
    }
    return best;
  }
}
