package org.nash.surrogate.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nash.NashException;
import org.nash.plugin.Params;

/**
 * Settings of a bootstrap ensemble of XGBoost regressors.
 *
 * @param models ensemble members, each trained on its own bootstrap sample (1 = one model on all data)
 * @param rounds boosting rounds per member
 * @param maxDepth maximum tree depth
 * @param eta learning rate
 * @param minChildWeight minimum hessian (= rows, for squared error) in a leaf
 * @param colsample fraction of features each tree may use
 */
public record GbtParams(int models, int rounds, int maxDepth, double eta, double minChildWeight, double colsample) {
  /** Defaults chosen on NB201 CIFAR-10 with 1,000 training archs (seed 1; seed 0 is the reported split). */
  public static final GbtParams DEFAULT = new GbtParams(5, 500, 6, 0.05, 2, 0.5);

  public GbtParams {
    check(models >= 1, "models", "an integer >= 1", models);
    check(rounds >= 1, "rounds", "an integer >= 1", rounds);
    check(maxDepth >= 1 && maxDepth <= 20, "max_depth", "an integer in 1..20", maxDepth);
    check(eta > 0 && eta <= 1, "eta", "a number in (0, 1]", eta);
    check(minChildWeight >= 0 && Double.isFinite(minChildWeight), "min_child_weight", "a number >= 0", minChildWeight);
    check(colsample > 0 && colsample <= 1, "colsample", "a number in (0, 1]", colsample);
  }

  private static void check(boolean ok, String name, String expected, Object got) {
    if (!ok) {
      throw new NashException("surrogate parameter '" + name + "' must be " + expected + ", got " + got);
    }
  }

  /** Reads overrides of the defaults from config parameters (models, rounds, max_depth, eta, ...). */
  public static GbtParams from(Params p, GbtParams def) {
    return new GbtParams(p.getInt("models", def.models()), p.getInt("rounds", def.rounds()),
        p.getInt("max_depth", def.maxDepth()), p.getDouble("eta", def.eta()),
        p.getDouble("min_child_weight", def.minChildWeight()), p.getDouble("colsample", def.colsample()));
  }

  /** XGBoost booster parameters for one member; single-threaded so results never depend on cores. */
  Map<String, Object> booster(long seed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", "reg:squarederror");
    m.put("tree_method", "hist");
    m.put("max_depth", maxDepth);
    m.put("eta", eta);
    m.put("min_child_weight", minChildWeight);
    m.put("colsample_bytree", colsample);
    m.put("nthread", 1);
    m.put("seed", seed);
    m.put("verbosity", 0);
    return m;
  }

  @Override
  public String toString() {
    return models + " x XGBoost(rounds " + rounds + ", depth " + maxDepth + ", eta " + eta + ", min_child_weight "
        + minChildWeight + ", colsample " + colsample + ")";
  }
}
