package org.nash.surrogate.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.plugin.ParamSpec;
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

  /** The config parameters that override {@code def}, with its values as their defaults. */
  public static List<ParamSpec<?>> specs(GbtParams def) {
    return List.of(
        ParamSpec.integer("models", def.models(), "ensemble members, each on its own bootstrap sample"),
        ParamSpec.integer("rounds", def.rounds(), "boosting rounds per member"),
        ParamSpec.integer("max_depth", def.maxDepth(), "maximum tree depth (1..20)"),
        ParamSpec.number("eta", def.eta(), "learning rate, in (0, 1]"),
        ParamSpec.number("min_child_weight", def.minChildWeight(), "minimum hessian (rows) in a leaf"),
        ParamSpec.number("colsample", def.colsample(), "fraction of features each tree may use, in (0, 1]"));
  }

  /** Reads overrides of the defaults from config parameters ({@link #specs}). */
  public static GbtParams from(Params p, GbtParams def) {
    List<ParamSpec<?>> s = specs(def);
    return new GbtParams((Integer) p.get(s.get(0)), (Integer) p.get(s.get(1)), (Integer) p.get(s.get(2)),
        (Double) p.get(s.get(3)), (Double) p.get(s.get(4)), (Double) p.get(s.get(5)));
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
