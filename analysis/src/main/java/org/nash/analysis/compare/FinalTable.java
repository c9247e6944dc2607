package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.nash.analysis.stats.Describe;
import org.nash.analysis.stats.Interval;

/** Final-budget results per dataset x pool x searcher: the final incumbent of every trial. */
public final class FinalTable {
  /** Regret below this counts as having reached the optimum (values are copied, not computed). */
  static final double HIT = 1e-9;

  /**
   * @param reported final reported value, mean with 95 % t interval
   * @param reportedStats its median and quartiles; {@code regretStats} the same for the regret
   * @param hitPool share of trials whose final incumbent is the best architecture of their pool
   * @param hitOptimum share whose final incumbent is the best of the full space
   * @param repeats mean re-queries per trial (queries of an architecture the trial had already evaluated)
   */
  public record Row(String dataset, String pool, String searcher, Interval reported, Describe reportedStats,
      Interval regret, Describe regretStats, Interval regretPool, double hitPool, double hitOptimum, double queries,
      double seconds, double repeats) {}

  private FinalTable() {}

  public static List<Row> of(Groups g) {
    List<Row> rows = new ArrayList<>();
    for (String ds : g.datasets()) {
      for (String pool : g.pools(ds)) {
        for (String s : g.searchers(ds, pool)) {
          rows.add(row(ds, pool, s, g.group(ds, pool, s)));
        }
      }
    }
    return rows;
  }

  static Row row(String ds, String pool, String searcher, Groups.Group group) {
    int n = group.size();
    double[] rep = group.reported();
    double[] reg = group.regret();
    double[] regPool = group.regretPool();
    double[] q = group.queries();
    double[] sec = group.seconds();
    double[] rq = group.repeats();
    double repeats = 0;
    double hitPool = 0;
    double hitOpt = 0;
    double queries = 0;
    double seconds = 0;
    for (int i = 0; i < n; i++) {
      // NaN (no incumbent) is never a hit
      hitPool += regPool[i] <= HIT ? 1 : 0;
      hitOpt += reg[i] <= HIT ? 1 : 0;
      queries += q[i];
      seconds += sec[i];
      repeats += rq[i];
    }
    return new Row(ds, pool, searcher, Interval.of(rep), Describe.of(withoutNaN(rep)), Interval.of(reg),
        Describe.of(withoutNaN(reg)), Interval.of(regPool), hitPool / n, hitOpt / n, queries / n, seconds / n,
        repeats / n);
  }

  static double[] withoutNaN(double[] v) {
    return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
  }
}
