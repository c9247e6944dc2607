package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.List;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Interval;
import org.nash.analysis.stats.MannWhitney;
import org.nash.benchmark.Benchmark;
import org.nash.run.TrialResult;
import org.nash.table.Column;

/**
 * Does a search on one dataset find architectures that are good on another? For every trial on
 * the source dataset, the final incumbent's architecture is looked up in the target dataset's
 * reported column; its regret there is the target's full-space optimum minus that value. When the
 * results also hold searches run directly on the target (same pool and searcher), their final
 * regrets are compared with a two-sided Mann-Whitney U test and Cliff's delta.
 */
public final class Transfer {
  /**
   * @param delta Cliff's delta of transfer regret over direct regret (positive: transferring the
   *     source's architecture is worse than searching on the target); NaN without direct trials
   */
  public record Row(String source, String target, String pool, String searcher, Interval sourceRegret,
      Interval transferRegret, Interval directRegret, double p, double delta) {}

  private Transfer() {}

  public static List<Row> of(Groups g, Benchmark b, String source, List<String> targets) {
    List<Row> rows = new ArrayList<>();
    for (String target : targets) {
      Column col = b.table().column(b.objective(target).reportedKey());
      double optimum = col.get(col.argmax());
      for (String pool : g.pools(source)) {
        for (String s : g.searchers(source, pool)) {
          List<TrialResult> ts = g.trials(source, pool, s);
          double[] src = new double[ts.size()];
          double[] transfer = new double[ts.size()];
          for (int i = 0; i < ts.size(); i++) {
            TrialResult.Step f = ts.get(i).last();
            src[i] = f == null ? Double.NaN : f.regret();
            transfer[i] = f == null ? Double.NaN : optimum - col.get(f.arch());
          }
          double[] direct = finalRegrets(g.trials(target, pool, s));
          double[] tr = withoutNaN(transfer);
          boolean both = direct.length > 0 && tr.length > 0;
          rows.add(new Row(source, target, pool, s, Interval.of(src), Interval.of(transfer), Interval.of(direct),
              both ? MannWhitney.test(tr, direct).p() : Double.NaN, both ? CliffsDelta.of(tr, direct) : Double.NaN));
        }
      }
    }
    return rows;
  }

  private static double[] finalRegrets(List<TrialResult> ts) {
    return withoutNaN(ts.stream().mapToDouble(t -> t.last() == null ? Double.NaN : t.last().regret()).toArray());
  }

  private static double[] withoutNaN(double[] v) {
    return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
  }
}
