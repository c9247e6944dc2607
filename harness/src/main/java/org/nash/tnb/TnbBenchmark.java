package org.nash.tnb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.BenchmarkProvider;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.table.BenchmarkTable;

/**
 * TransNAS-Bench-101, micro ({@code tnb-micro}) and macro ({@code tnb-macro}) spaces: the searcher
 * sees and the result reports the final-epoch validation metric of each task (one run per
 * architecture, no recorded times, so budgets are in queries).
 */
public abstract class TnbBenchmark implements BenchmarkProvider {
  /** The data holds final-epoch values only. */
  public static final Fidelity FINAL = new Fidelity("final", 0);

  @Override
  public Benchmark load(DataCatalog catalog) {
    Map<String, String> files = Benchmark.dataFiles(catalog, name(), "tnb-archs");
    String version = Benchmark.dataVersion(files);
    // through the table image in the cache (issue 26): the raw files are parsed once per data version
    BenchmarkTable t = TnbCache.load(catalog, name(), version, this instanceof Macro);
    Map<String, Objective> obj = new LinkedHashMap<>();
    for (String task : TnbTables.TASKS) {
      String key = TnbTables.metricKey(task);
      obj.put(task, new Objective(task, Map.of(FINAL, key), FINAL, key, null));
    }
    return new Benchmark(name(), version, t.space(), t, obj, null, files);
  }

  /** The 4,096 cells of the micro (cell) space. */
  public static final class Micro extends TnbBenchmark {
    @Override
    public String name() {
      return "tnb-micro";
    }

    @Override
    public String description() {
      return "TransNAS-Bench-101 micro (4,096 cells, 7 tasks, final-epoch validation metric)";
    }
  }

  /** The 3,256 stage layouts of the macro space. */
  public static final class Macro extends TnbBenchmark {
    @Override
    public String name() {
      return "tnb-macro";
    }

    @Override
    public String description() {
      return "TransNAS-Bench-101 macro (3,256 layouts, 7 tasks, final-epoch validation metric)";
    }
  }
}
