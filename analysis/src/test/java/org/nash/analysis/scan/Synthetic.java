package org.nash.analysis.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;
import org.nash.table.Aggregate;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.ColumnInfo;
import org.nash.table.Unit;
import org.nash.tnb.TnbBenchmark;
import org.nash.tnb.TnbMicroSpace;

/** A hand-made benchmark on the TNB micro cell (4 ops, 6 edges) whose metrics are simple functions of the cell. */
final class Synthetic {
  private Synthetic() {}

  /** Number of edges of a row holding an op. */
  static int count(TnbMicroSpace s, int row, int op) {
    int c = 0;
    for (int o : s.byIndex(row).ops()) {
      c += o == op ? 1 : 0;
    }
    return c;
  }

  /** Dataset "a" = number of conv3x3 edges, "b" = -a, "c" = number of skip edges (all with many ties). */
  static Benchmark benchmark() {
    TnbMicroSpace s = new TnbMicroSpace();
    Map<String, IntToDoubleFunction> metrics = new LinkedHashMap<>();
    metrics.put("a", r -> count(s, r, 3));
    metrics.put("b", r -> -count(s, r, 3));
    metrics.put("c", r -> count(s, r, 1));
    BenchmarkTable t = new BenchmarkTable(s);
    Map<String, Objective> obj = new LinkedHashMap<>();
    for (var m : metrics.entrySet()) {
      double[] v = new double[s.size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = m.getValue().applyAsDouble(r);
      }
      String key = m.getKey() + "/v";
      t.add(new Column(new ColumnInfo(key, "synthetic " + m.getKey(), Unit.PERCENT, Aggregate.NOT_A_RUN, "test"), v));
      obj.put(m.getKey(), new Objective(m.getKey(), Map.of(TnbBenchmark.FINAL, key), TnbBenchmark.FINAL, key, null));
    }
    return new Benchmark("synthetic", "test", s, t, obj, null);
  }
}
