package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.nash.results.TrialResult;

/** Hand-made trials for tests: steps given as {query, seconds, reported} with optimum 100. */
public final class Trials {
  public static final double OPTIMUM = 100;

  private Trials() {}

  public static TrialResult trial(String ds, String pool, String searcher, int seed, double[]... steps) {
    return trial("v1", ds, pool, searcher, seed, steps);
  }

  public static TrialResult trial(String version, String ds, String pool, String searcher, int seed, double[]... steps) {
    List<TrialResult.Step> s = new ArrayList<>();
    for (double[] x : steps) {
      s.add(new TrialResult.Step((int) x[0], x[1], x.length > 3 ? (int) x[3] : 0, x[2], x[2], OPTIMUM - x[2],
          OPTIMUM - x[2]));
    }
    TrialResult.Step last = s.isEmpty() ? null : s.get(s.size() - 1);
    int queries = s.isEmpty() ? 0 : Math.max(10, last.query());
    return new TrialResult(ds + "/" + pool + "/" + searcher + "/" + seed, "nb201", version, ds, pool, searcher, seed,
        "table", "table", "signal", "reported", false, true, 10, null, queries, 0, last == null ? 0 : last.seconds(),
        "budget", OPTIMUM, OPTIMUM, last, s, null);
  }

  /** A trial whose only step is its final value (query 1, 1 s). */
  public static TrialResult finalValue(String ds, String pool, String searcher, int seed, double reported) {
    return trial(ds, pool, searcher, seed, new double[] {1, 1, reported});
  }
}
