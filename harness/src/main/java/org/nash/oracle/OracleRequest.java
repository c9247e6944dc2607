package org.nash.oracle;

import java.nio.file.Path;
import java.util.Optional;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.data.DataCatalog;
import org.nash.plugin.Params;

/**
 * Everything an {@link OracleProvider} gets to build one oracle, passed explicitly (no thread-local or
 * system-wide state).
 *
 * @param params the config's {@code oracle_params}; read them here (the planner rejects unread ones)
 * @param plugins the class loader of the run's plugins, for providers that look up their own (e.g. a
 *     benchmark's table oracle)
 * @param shardDir the folder of the shard this oracle serves ({@code nash run --shard K/N}), for state the
 *     oracle would otherwise share between runs (a result store of trained cells); empty for a whole run
 * @param runDir the results folder of a whole run, when the plan has one (empty for a shard and for plans
 *     made without a folder): an oracle with per-shard state reads that of the folder's shards, if any
 */
public record OracleRequest(Benchmark benchmark, String dataset, Fidelity fidelity, Params params,
    DataCatalog catalog, ClassLoader plugins, Optional<Path> shardDir, Optional<Path> runDir) {
  public OracleRequest(Benchmark benchmark, String dataset, Fidelity fidelity, Params params, DataCatalog catalog,
      ClassLoader plugins, Optional<Path> shardDir) {
    this(benchmark, dataset, fidelity, params, catalog, plugins, shardDir, Optional.empty());
  }
}
