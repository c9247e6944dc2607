package org.nash.oracle;

import java.nio.file.Path;
import java.util.List;
import org.nash.benchmark.Fidelity;
import org.nash.data.DataCatalog;
import org.nash.plugin.Params;
import org.nash.plugin.Plugin;

/**
 * Makes oracles of one kind for experiment configs ({@code oracle: <name>}); listed in
 * {@code META-INF/services/org.nash.oracle.OracleProvider}. The table oracle is {@code table}.
 * Noise ({@code noise_sd}) is not the provider's business: the runner wraps any oracle in
 * {@link NoisyOracle}.
 */
public interface OracleProvider extends Plugin {
  /**
   * An oracle for one dataset (or task) at a fidelity. Called once per dataset, before any trial
   * runs, so expensive set-up (fitting a model) happens once; the oracle must then be safe to query
   * from several threads. State that the oracle would keep in one place shared by runs (a result store
   * of trained cells) goes under {@link OracleRequest#shardDir()} when the run is one shard of several,
   * so shards on several machines never write one file over a network file system;
   * {@link #mergeShards} folds it back.
   */
  Oracle create(OracleRequest request);

  /**
   * Called by {@code nash merge} once the shards' trials are merged: folds what {@link #create} kept under each shard folder into the shared state a
   * single-machine run would have used. Must be idempotent (a merge may be repeated). Returns one line
   * saying what was merged, or null if this oracle keeps nothing per shard.
   */
  default String mergeShards(Params params, List<Path> shardDirs, DataCatalog catalog) {
    return null;
  }

  /**
   * The column name result lines give the signal, from the table's signal column at the fidelity:
   * the same unless the oracle answers something else (e.g. a training at other epochs). Must not
   * build anything: the check of saved records calls it with the saved config's parameters.
   */
  default String signalKey(String tableKey, Fidelity fidelity, java.util.Map<String, Object> params) {
    return tableKey;
  }
}
