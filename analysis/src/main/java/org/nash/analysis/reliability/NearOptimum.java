package org.nash.analysis.reliability;

import org.nash.table.Column;

/**
 * How crowded the top of a dataset is: the share of the space's architectures (those with a value)
 * within 1 percentage point of the best (for metrics in %), and within 1 % of the best's magnitude
 * (for any metric). A crowded top makes searchers hard to tell apart.
 */
public final class NearOptimum {
  public record Share(double optimum, int covered, double within1pp, double within1pct) {}

  private NearOptimum() {}

  public static Share of(Column c) {
    double best = c.get(c.argmax());
    boolean percent = c.info().unit().isPercent();
    int n = 0;
    int pp = 0;
    int pct = 0;
    for (int i = 0; i < c.size(); i++) {
      double v = c.get(i);
      if (Double.isNaN(v)) {
        continue;
      }
      n++;
      pp += v >= best - 1 ? 1 : 0;
      pct += v >= best - 0.01 * Math.abs(best) ? 1 : 0;
    }
    return new Share(best, n, percent ? pp / (double) n : Double.NaN, pct / (double) n);
  }
}
