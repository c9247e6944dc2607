package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.List;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Interval;
import org.nash.analysis.stats.MannWhitney;
import org.nash.benchmark.Benchmark;
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
          Groups.Group from = g.group(source, pool, s);
          double[] src = from.regret();
          int[] arch = from.arch();
          double[] transfer = new double[arch.length];
          for (int i = 0; i < arch.length; i++) {
            transfer[i] = arch[i] < 0 ? Double.NaN : optimum - col.get(arch[i]);
          }
          Groups.Group to = g.group(target, pool, s);
          double[] direct = to == null ? new double[0] : withoutNaN(to.regret());
          double[] tr = withoutNaN(transfer);
          boolean both = direct.length > 0 && tr.length > 0;
          rows.add(new Row(source, target, pool, s, Interval.of(src), Interval.of(transfer), Interval.of(direct),
              both ? MannWhitney.test(tr, direct).p() : Double.NaN, both ? CliffsDelta.of(tr, direct) : Double.NaN));
        }
      }
    }
    return rows;
  }

  private static double[] withoutNaN(double[] v) {
    return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
  }
}
