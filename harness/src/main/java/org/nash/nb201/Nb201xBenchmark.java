package org.nash.nb201;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.BenchmarkProvider;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.table.BenchmarkTable;

/**
 * {@code nb201x}: NAS-Bench-201's skeleton with eleven operations ({@link Nb201xSpace}). Its table is
 * NB-201's, seen through the larger space: a cell of NB-201's five ops has every NB-201 column (the
 * same data files, datasets, fidelities and cost models), any other cell has none (NaN), so
 * {@code oracle: table} searches only NB-201's cells and {@code oracle: table-or-retrain} trains the rest.
 */
public final class Nb201xBenchmark implements BenchmarkProvider {
  @Override
  public String name() {
    return "nb201x";
  }

  @Override
  public String description() {
    return "NAS-Bench-201 extended: NB-201's cell with 11 ops, " + new Nb201xSpace().describeOps()
        + " (1,771,561 cells); the NB-201 table answers cells of its first 5 ops, oracle table-or-retrain trains "
        + "the others; pools: full = NB-201's 5, all = the 11";
  }

  @Override
  public Benchmark load(DataCatalog catalog) {
    Benchmark nb = Benchmarks.load("nb201", catalog, Nb201xBenchmark.class.getClassLoader());
    Nb201xSpace space = new Nb201xSpace();
    int[] nbIndex = nb201Index(space, nb.space());
    BenchmarkTable t = new BenchmarkTable(space);
    for (String key : nb.table().keys()) {
      t.addLazy(nb.table().info(key), () -> {
        org.nash.table.Column c = nb.table().column(key);
        double[] v = new double[Nb201xSpace.SIZE];
        for (int i = 0; i < v.length; i++) {
          v[i] = nbIndex[i] < 0 ? Double.NaN : c.get(nbIndex[i]);
        }
        return v;
      });
    }
    Map<String, Objective> obj = new LinkedHashMap<>();
    for (Map.Entry<String, Objective> e : nb.objectives().entrySet()) {
      Objective o = e.getValue();
      obj.put(e.getKey(), new Objective(o.dataset(), o.signals(), o.defaultFidelity(), o.reportedKey(),
          o.cost() == null ? null : new Mapped(o.cost(), nbIndex), o.aggregations()));
    }
    return new Benchmark(name(), nb.version(), space, t, obj,
        "nb201x: only cells of NB-201's 5 ops have table values; the others are trained (oracle table-or-retrain)",
        nb.dataFiles());
  }

  /** NB-201's index of each nb201x index, -1 for a cell with an op NB-201 lacks. */
  static int[] nb201Index(Nb201xSpace x, org.nash.space.SearchSpace nb) {
    Nb201Space n = (Nb201Space) nb;
    int[] out = new int[Nb201xSpace.SIZE];
    for (int i = 0; i < out.length; i++) {
      int c = Nb201xSpace.nb201Code(i);
      out[i] = c < 0 ? -1 : n.indexOf(n.fromCode(c));
    }
    return out;
  }

  /** NB-201's cost model at the NB-201 index of a cell; NaN for the others (a training's own seconds answer). */
  private record Mapped(CostModel nb, int[] nbIndex) implements CostModel {
    @Override
    public double seconds(int index, Fidelity fidelity) {
      return nbIndex[index] < 0 ? Double.NaN : nb.seconds(nbIndex[index], fidelity);
    }

    @Override
    public boolean estimated() {
      return nb.estimated();
    }

    @Override
    public String describe() {
      return nb.describe() + " (cells of NB-201's ops; trained cells: seconds of their training)";
    }
  }
}
