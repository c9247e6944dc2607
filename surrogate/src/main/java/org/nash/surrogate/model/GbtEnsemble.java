package org.nash.surrogate.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.nash.NashException;

/**
 * An ensemble of gradient-boosted tree regressors (XGBoost4J), each member trained on its own
 * bootstrap sample of the training rows; predictions are the members' mean and their standard
 * deviation (the spread, used as uncertainty). The same data, parameters and seed give the same
 * models: bootstrap rows come from a {@link SplittableRandom} of the seed and XGBoost runs with
 * one thread and a seed derived from it.
 */
public final class GbtEnsemble {
  private final List<Booster> members;
  private final int features;
  private final GbtParams params;

  /** Mean and spread (standard deviation over members; 0 for one member) per predicted row. */
  public record Prediction(double[] mean, double[] sd) {}

  private GbtEnsemble(List<Booster> members, int features, GbtParams params) {
    this.members = members;
    this.features = features;
    this.params = params;
  }

  /**
   * Fits the ensemble.
   *
   * @param x row-major features, {@code y.length x features}
   * @param y targets
   */
  public static GbtEnsemble fit(float[] x, int features, double[] y, GbtParams params, long seed) {
    int n = y.length;
    if (n < 2) {
      throw new NashException("a surrogate needs at least 2 training architectures, got " + n);
    }
    if (x.length != n * features) {
      throw new IllegalArgumentException("features: " + x.length + " values for " + n + " x " + features);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Booster> members = new ArrayList<>(params.models());
    for (int m = 0; m < params.models(); m++) {
      SplittableRandom mr = rng.split();
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = params.models() == 1 ? i : mr.nextInt(n);
      }
      members.add(train(x, features, y, rows, params, mr.nextInt(Integer.MAX_VALUE)));
    }
    return new GbtEnsemble(members, features, params);
  }

  private static Booster train(float[] x, int features, double[] y, int[] rows, GbtParams params, long seed) {
    float[] bx = new float[rows.length * features];
    float[] by = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * features, bx, i * features, features);
      by[i] = (float) y[rows[i]];
    }
    DMatrix d = null;
    try {
      d = new DMatrix(bx, rows.length, features, Float.NaN);
      d.setLabel(by);
      return XGBoost.train(d, params.booster(seed), params.rounds(), new HashMap<>(), null, null);
    } catch (XGBoostError e) {
      throw new NashException("XGBoost failed to train a surrogate member: " + e.getMessage(), e);
    } finally {
      if (d != null) {
        d.dispose();
      }
    }
  }

  public int features() {
    return features;
  }

  public GbtParams params() {
    return params;
  }

  /**
   * Predicts rows ({@code x.length / features} of them). Synchronized: the oracle is queried from
   * several runner threads and nothing in XGBoost4J's Booster promises concurrent prediction.
   */
  public synchronized Prediction predict(float[] x) {
    int n = x.length / features;
    double[] sum = new double[n];
    double[] sumSq = new double[n];
    DMatrix d = null;
    try {
      d = new DMatrix(x, n, features, Float.NaN);
      for (Booster b : members) {
        float[][] p = b.predict(d);
        for (int i = 0; i < n; i++) {
          sum[i] += p[i][0];
          sumSq[i] += (double) p[i][0] * p[i][0];
        }
      }
    } catch (XGBoostError e) {
      throw new NashException("XGBoost failed to predict: " + e.getMessage(), e);
    } finally {
      if (d != null) {
        d.dispose();
      }
    }
    int k = members.size();
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = sum[i] / k;
      // Sample standard deviation over members; clamp the rounding error below zero.
      sd[i] = k < 2 ? 0 : Math.sqrt(Math.max(0, (sumSq[i] - k * mean[i] * mean[i]) / (k - 1)));
    }
    return new Prediction(mean, sd);
  }

  /** Frees the native models; the ensemble cannot predict afterwards. */
  public synchronized void dispose() {
    for (Booster b : members) {
      b.dispose();
    }
    members.clear();
  }
}
