package org.nash.plan;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nash.benchmark.Benchmark;
import org.nash.config.Experiment;
import org.nash.data.DataCatalog;
import org.nash.oracle.Oracle;
import org.nash.plugin.PluginIdentity;
import org.nash.search.SearcherFactory;

/**
 * A checked experiment, ready to run: its grid, one searcher factory per searcher label and one
 * context per dataset x pool (grid order), made by {@link Planner}. Closing it closes the oracles
 * (e.g. stops training workers).
 *
 * @param catalog the data catalog the plan was made with (merging shards re-plans from it)
 * @param loader the class loader of the run's plugins
 * @param searcherIdentities the code behind each searcher label (run.json records it)
 * @param oracleIdentity the code behind the oracle
 */
public record Plan(Experiment experiment, Benchmark benchmark, TrialGrid trials, Map<String, SearcherFactory> factories,
    List<TrialContext> cells, DataCatalog catalog, ClassLoader loader, Map<String, PluginIdentity> searcherIdentities,
    PluginIdentity oracleIdentity) implements AutoCloseable {

  @Override
  public void close() {
    Set<Oracle> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    RuntimeException failed = null;
    for (TrialContext c : cells) {
      if (seen.add(c.oracle())) {
        try {
          c.oracle().close();
        } catch (RuntimeException e) {
          failed = failed == null ? e : failed;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The context of one dataset x pool (cells are dataset-major, as the grid's). */
  public TrialContext context(String dataset, String pool) {
    int d = trials.datasets().indexOf(dataset);
    int p = trials.pools().indexOf(pool);
    if (d < 0 || p < 0) {
      throw new IllegalArgumentException("no cell " + dataset + " x " + pool + " in this plan");
    }
    return cells.get(d * trials.pools().size() + p);
  }
}
