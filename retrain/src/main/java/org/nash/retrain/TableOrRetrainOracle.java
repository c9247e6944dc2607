package org.nash.retrain;

import java.util.Map;
import java.util.SplittableRandom;
import org.nash.benchmark.Fidelity;
import org.nash.data.DataCatalog;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.oracle.OracleRequest;
import org.nash.oracle.TableOracleProvider;
import org.nash.plugin.Params;
import org.nash.space.Arch;

/**
 * {@code oracle: table-or-retrain}: the table answers every cell it holds at the config's fidelity
 * (hp12, hp200 on NB-201, at the table oracle's aggregation); a cell it does not hold, or every cell
 * when the oracle params ask for {@code epochs} the table has no column for, is trained through the
 * result store ({@link RetrainOracle}). Every observation says table, trained or cached.
 */
public final class TableOrRetrainOracle implements Oracle {
  private final Oracle table;
  private final RetrainOracle retrain;
  private final boolean tableHoldsFidelity;
  private final String what;

  TableOrRetrainOracle(Oracle table, RetrainOracle retrain, boolean tableHoldsFidelity) {
    this.table = table;
    this.retrain = retrain;
    this.tableHoldsFidelity = tableHoldsFidelity;
    this.what = tableHoldsFidelity
        ? "table-or-retrain: " + table.describe() + "; cells the table lacks: " + retrain.describe()
        : "table-or-retrain: the table has no column at these epochs, every cell is trained: " + retrain.describe();
  }

  public boolean tableHoldsFidelity() {
    return tableHoldsFidelity;
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    return tableHoldsFidelity && table.answers(arch) ? table.query(arch, rng) : retrain.query(arch, rng);
  }

  /** Costs of table and training are both seconds, so a time budget mixes them. */
  @Override
  public boolean countsSources() {
    return true;
  }

  @Override
  public boolean hasCost() {
    return tableHoldsFidelity ? table.hasCost() && retrain.hasCost() : retrain.hasCost();
  }

  @Override
  public void close() {
    retrain.close();
  }

  @Override
  public String describe() {
    return what;
  }

  /**
   * The parameters are {@code oracle: retrain}'s; {@code epochs} other than the fidelity's means the
   * table (whose columns are the benchmark's fidelities) cannot answer.
   */
  public static final class Provider implements OracleProvider {
    @Override
    public String name() {
      return "table-or-retrain";
    }

    @Override
    public String description() {
      return "answers from the table when it holds the fidelity and the cell, trains (through the result store) "
          + "otherwise, e.g. when epochs differ from the fidelity's";
    }

    @Override
    public java.util.List<org.nash.plugin.ParamSpec<?>> params() {
      // issue 24: the calibration of mixed answers (nb201x)
      java.util.List<org.nash.plugin.ParamSpec<?>> all = new java.util.ArrayList<>(RetrainOracle.PARAMS);
      all.add(MixedOracle.CALIBRATION);
      all.add(MixedOracle.CALIBRATION_CELLS);
      return all;
    }

    /** The table's column at the fidelity, or the trained epochs when the params ask for others. */
    @Override
    public String signalKey(String tableKey, Fidelity fidelity, java.util.Map<String, Object> params) {
      return RetrainOracle.signalKey(tableKey, fidelity, params);
    }

    /** A shard keeps its trainings in its own store, {@code shardDir/trained.sqlite}, unless {@code store} is given. */
    @Override
    public Oracle create(OracleRequest r) {
      Integer given = r.params().get(RetrainOracle.EPOCHS);
      int epochs = given == null ? r.fidelity().epochs() : given;
      RetrainOracle retrain = RetrainOracle.create(name(), r.benchmark(), r.dataset(), r.fidelity(), r.params(),
          r.catalog(), r.shardDir().orElse(null), r.runDir().orElse(null));
      // issue 24 (from here to the end of the method): mixed answers where the table lacks cells
      String calibration = r.params().get(MixedOracle.CALIBRATION);
      int calibrationCells = r.params().get(MixedOracle.CALIBRATION_CELLS);
      Integer workers = r.params().get(RetrainOracle.WORKERS);
      r.params().requireAllRead();
      Oracle table = new TableOracleProvider().create(new OracleRequest(r.benchmark(), r.dataset(), r.fidelity(),
          new Params("oracle table", Map.of()), r.catalog(), r.plugins(), java.util.Optional.empty()));
      boolean holds = epochs == r.fidelity().epochs();
      if (holds && MixedOracle.mixes(r.benchmark(), r.dataset(), r.fidelity())) {
        try {
          return MixedOracle.create(table, retrain, r.benchmark(), r.dataset(), r.fidelity(), calibration,
              calibrationCells, workers == null ? 1 : workers);
        } catch (RuntimeException e) {
          retrain.close();
          throw e;
        }
      }
      if (!"none".equals(calibration)) {
        retrain.close();
        throw new org.nash.NashException("oracle 'table-or-retrain': calibration: " + calibration + " applies only when "
            + "answers mix (a benchmark whose table lacks cells, e.g. nb201x, at the table's epochs); here "
            + (holds ? "the table holds every cell of " + r.benchmark().name() : "every cell is trained (epochs differ "
            + "from the fidelity's)"));
      }
      return new TableOrRetrainOracle(table, retrain, holds);
    }

    @Override
    public String mergeShards(Params params, java.util.List<java.nio.file.Path> shardDirs, DataCatalog catalog) {
      return RetrainOracle.mergeShardStores(params, shardDirs);
    }
  }
}
