package org.nash.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nash.nb201.Nb201Space;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.openjdk.jmh.annotations.Benchmark;
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

/**
 * One mutation on NB-201 (a uniform member neighbour): drawn by arithmetic on the cell code, as
 * {@link SearchDomain#mutate} does now, against the former rule (build the member neighbourhood,
 * pick one), for the full pool and a 3-op pool of connected cells. A synthetic index order: mutation
 * does not depend on it, and no data is needed.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MutationBench {
  private static final int N = 1 << 12;

  @Param({"full", "skip,c1x1,c3x3"})
  public String pool;

  private SearchDomain domain;
  private Arch[] parents;
  private SplittableRandom rng;

  @Setup(Level.Trial)
  public void setup() {
    List<String> order = new ArrayList<>();
    for (int code = 0; code < Nb201Space.SIZE; code++) {
      StringBuilder sb = new StringBuilder();
      int c = code;
      for (int node = 0; node < 3; node++) {
        sb.append(node > 0 ? "+|" : "|");
        for (int j = 0; j <= node; j++) {
          sb.append(Nb201Space.OPS.get(c % 5)).append('~').append(j).append('|');
          c /= 5;
        }
      }
      order.add(sb.toString());
    }
    Nb201Space space = new Nb201Space(order);
    domain = space.domain(space.pool(pool), pool.equals("full"));
    SplittableRandom r = new SplittableRandom(1);
    parents = new Arch[N];
    for (int i = 0; i < N; i++) {
      parents[i] = domain.sample(r);
    }
    rng = new SplittableRandom(2);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int drawn() {
    int s = 0;
    for (Arch a : parents) {
      s += domain.mutate(a, rng).code();
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int listBased() {
    int s = 0;
    for (Arch a : parents) {
      List<Arch> nb = domain.neighbours(a);
      s += (nb.isEmpty() ? a : nb.get(rng.nextInt(nb.size()))).code();
    }
    return s;
  }
}
