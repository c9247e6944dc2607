package org.nash.analysis.spotcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nash.analysis.stats.KendallTest;

/**
 * A spot check: cells trained by nash next to what the benchmark table says for them at the same
 * fidelity. Per cell the difference trained - table and where the trained value falls against the
 * table's own seed spread (min..max over the table's training seeds, where the data has them); over
 * the cells with a table value, Kendall's tau-b between trained and table with a permutation p-value
 * (n is a handful of cells: the p-value is exact, and a tau over so few pairs is a coarse check).
 * Knows nothing of how the cells were trained.
 */
public final class SpotCheck {
  /** Below this many cells with a table value the summary calls n small (a tau of 1 has p >= 0.0167 at n = 5). */
  public static final int SMALL_N = 10;

  /**
   * One checked cell; accuracies in %.
   *
   * @param table the table's value (its seed mean), NaN when the table has none at this fidelity
   * @param tableSeeds the table's per-seed values for the cell, empty when the data has only the mean
   * @param source {@code trained} (this run) or {@code cached} (read from the result store)
   * @param storeKey the cell's result-store key, or "" without a store
   */
  public record Cell(int arch, String archString, double trained, double table, double[] tableSeeds, String source,
      long parameters, double seconds, String storeKey) {}

  /**
   * One output row. {@code seedMin}/{@code seedMax} span the table's seeds (NaN without per-seed
   * values); {@code outsideSeedRange} is how far {@code trained} lies outside [seedMin, seedMax]
   * (signed: negative below, positive above, 0 inside, NaN without per-seed values).
   */
  public record Row(int arch, String archString, double trained, double table, double diff, int tableSeeds,
      double seedMin, double seedMax, double outsideSeedRange, String seedValues, String source, long parameters,
      double seconds, String storeKey) {}

  /**
   * @param compared cells with a table value (those the tau and the mean differences cover)
   * @param withSeeds cells whose table has per-seed values; {@code insideSeedRange} of them within
   * @param smallN whether {@code compared} is below {@link #SMALL_N}
   */
  public record Summary(int cells, int compared, double tau, double p, String pMethod, boolean smallN,
      double meanDiff, double meanAbsDiff, int withSeeds, int insideSeedRange) {}

  public record Result(List<Row> rows, Summary summary) {}

  private SpotCheck() {}

  public static Result of(List<Cell> cells) {
    List<Row> rows = new ArrayList<>();
    List<double[]> pairs = new ArrayList<>();
    int withSeeds = 0;
    int inside = 0;
    for (Cell c : cells) {
      double diff = c.trained() - c.table();
      double[] s = c.tableSeeds().clone();
      Arrays.sort(s);
      double lo = s.length == 0 ? Double.NaN : s[0];
      double hi = s.length == 0 ? Double.NaN : s[s.length - 1];
      double outside = s.length == 0 ? Double.NaN : c.trained() < lo ? c.trained() - lo
          : c.trained() > hi ? c.trained() - hi : 0.0;
      if (s.length > 0) {
        withSeeds++;
        inside += outside == 0.0 ? 1 : 0;
      }
      StringBuilder sv = new StringBuilder();
      for (double v : c.tableSeeds()) {
        sv.append(sv.length() == 0 ? "" : ";").append(v);
      }
      rows.add(new Row(c.arch(), c.archString(), c.trained(), c.table(), diff, s.length, lo, hi, outside,
          sv.toString(), c.source(), c.parameters(), c.seconds(), c.storeKey()));
      if (!Double.isNaN(c.table()) && !Double.isNaN(c.trained())) {
        pairs.add(new double[] {c.table(), c.trained()});
      }
    }
    double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
    KendallTest.Result k = KendallTest.of(x, y);
    double meanDiff = pairs.stream().mapToDouble(p -> p[1] - p[0]).average().orElse(Double.NaN);
    double meanAbs = pairs.stream().mapToDouble(p -> Math.abs(p[1] - p[0])).average().orElse(Double.NaN);
    return new Result(rows, new Summary(cells.size(), pairs.size(), k.tau(), k.p(), k.method(),
        pairs.size() < SMALL_N, meanDiff, meanAbs, withSeeds, inside));
  }
}
