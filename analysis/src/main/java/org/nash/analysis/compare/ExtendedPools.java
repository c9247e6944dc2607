package org.nash.analysis.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Holm;
import org.nash.analysis.stats.Interval;
import org.nash.analysis.stats.MannWhitney;
import org.nash.space.OpPool;
import org.nash.space.SearchSpace;

/**
 * Issue 24's question, "would conclusions change with more operations?": on a space whose pools can
 * reach beyond its table's operations (nb201x: {@code full} is NB-201's five, {@code all} the eleven),
 * each extended pool and each restricted pool against the reference pool, per dataset and searcher.
 * The extended-vs-reference contrast is the study's answer; restricted-vs-reference puts it beside the
 * NB-201 pool studies it extends. Only written when some dataset has both a reference and an extended
 * pool, so NB-201 reports are unchanged.
 */
public final class ExtendedPools {
  public static final String EXTENDED = "extended vs full";
  public static final String RESTRICTED = "restricted vs full";

  /** One row per dataset, searcher and pool a compared with the reference pool b. */
  public static final TableSpec TABLE = TableSpec.of(ComparisonReport.DIR + "/pools-extended", "dataset", "searcher",
      "contrast", "a", "b", "n_a", "mean_a", "ci_lo_a", "ci_hi_a", "n_b", "mean_b", "ci_lo_b", "ci_hi_b", "diff", "u",
      "p", "p_holm", "cliffs_delta", "magnitude", "better", "trained_a", "queries_a");

  /**
   * @param trainedA charged queries of a's trials answered by a training (trained or cached)
   * @param queriesA all charged queries of a's trials
   */
  public record Row(String dataset, String searcher, String contrast, String a, String b, Interval valueA,
      Interval valueB, MannWhitney.Result mw, double pHolm, double delta, long trainedA, long queriesA) {

    public double diff() {
      return valueA.mean() - valueB.mean();
    }

    /** a, b, or "none" when not significant after Holm (the convention of the other pool tests). */
    public String better() {
      return !(pHolm < PairwiseTests.ALPHA) ? "none" : delta > 0 ? a : delta < 0 ? b : "none";
    }
  }

  private ExtendedPools() {}

  /**
   * The contrasts of every dataset with a reference pool and at least one pool beyond it; empty when
   * the space is unknown or no pool goes beyond the reference. Holm runs over all tests of the result.
   */
  public static List<Row> of(Groups g, SearchSpace space) {
    if (space == null) {
      return List.of();
    }
    List<String[]> keys = new ArrayList<>(); // dataset, searcher, contrast, a, b
    for (String ds : g.datasets()) {
      String ref = g.referencePool(ds);
      java.util.BitSet refOps = ops(space, ref);
      if (refOps == null) {
        continue;
      }
      List<String> extended = new ArrayList<>();
      List<String> restricted = new ArrayList<>();
      for (String pool : g.pools(ds)) {
        java.util.BitSet o = ops(space, pool);
        if (pool.equals(ref) || o == null) {
          continue;
        }
        java.util.BitSet beyond = (java.util.BitSet) o.clone();
        beyond.andNot(refOps);
        if (!beyond.isEmpty()) {
          extended.add(pool);
        } else if (o.cardinality() < refOps.cardinality()) {
          restricted.add(pool);
        }
      }
      if (extended.isEmpty()) {
        continue;
      }
      for (String s : g.searchers(ds)) {
        if (g.group(ds, ref, s) == null) {
          continue;
        }
        for (String pool : extended) {
          if (g.group(ds, pool, s) != null) {
            keys.add(new String[] {ds, s, EXTENDED, pool, ref});
          }
        }
        for (String pool : restricted) {
          if (g.group(ds, pool, s) != null) {
            keys.add(new String[] {ds, s, RESTRICTED, pool, ref});
          }
        }
      }
    }
    int m = keys.size();
    MannWhitney.Result[] mw = new MannWhitney.Result[m];
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      String[] k = keys.get(i);
      mw[i] = MannWhitney.test(PairwiseTests.sample(g, k[0], k[3], k[1]), PairwiseTests.sample(g, k[0], k[4], k[1]));
      p[i] = mw[i].p();
    }
    double[] adj = Holm.adjust(p);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      String[] k = keys.get(i);
      double[] a = PairwiseTests.sample(g, k[0], k[3], k[1]);
      double[] b = PairwiseTests.sample(g, k[0], k[4], k[1]);
      Groups.Group ga = g.group(k[0], k[3], k[1]);
      long trained = ga.sources().getOrDefault("trained", 0L) + ga.sources().getOrDefault("cached", 0L);
      long charged = ga.sources().isEmpty() ? (long) java.util.Arrays.stream(ga.queries()).sum()
          : ga.sources().values().stream().mapToLong(Long::longValue).sum();
      out.add(new Row(k[0], k[1], k[2], k[3], k[4], Interval.of(a), Interval.of(b), mw[i], adj[i],
          CliffsDelta.of(a, b), trained, charged));
    }
    return out;
  }

  /** The op set of a pool as the trials name it (a config spec or a label joined by +), or null if it is not the space's. */
  static java.util.BitSet ops(SearchSpace space, String pool) {
    try {
      OpPool op = space.pool(pool.replace('+', ','));
      java.util.BitSet bits = new java.util.BitSet();
      for (int id : op.ids()) {
        bits.set(id);
      }
      return bits.isEmpty() ? null : bits;
    } catch (NashException e) {
      return null;
    }
  }

  public static Table table(List<Row> rows) {
    Table t = TABLE.table();
    for (Row r : rows) {
      t.add(r.dataset(), r.searcher(), r.contrast(), r.a(), r.b(), r.valueA().n(), r.valueA().mean(), r.valueA().lo(),
          r.valueA().hi(), r.valueB().n(), r.valueB().mean(), r.valueB().lo(), r.valueB().hi(), r.diff(), r.mw().u(),
          r.mw().p(), r.pHolm(), r.delta(), CliffsDelta.magnitude(r.delta()), r.better(), r.trainedA(), r.queriesA());
    }
    return t;
  }

  /**
   * Writes the section's table when it applies and returns its entry; otherwise removes a table an
   * earlier report left, so the findings never read a stale answer.
   */
  public static List<Artifacts.Entry> write(Groups g, SearchSpace space, Path dir, String section) {
    List<Row> rows = of(g, space);
    if (rows.stream().noneMatch(r -> r.contrast().equals(EXTENDED))) {
      try {
        Files.deleteIfExists(dir.resolve(TABLE.csv()));
        Files.deleteIfExists(dir.resolve(TABLE.path() + ".json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.of();
    }
    table(rows).write(dir, TABLE.path());
    return List.of(new Artifacts.Entry(TABLE.csv(), "table", section,
        "More operations than the table's: extended and restricted pools against the full pool",
        "For each dataset and searcher, the final reported value of each pool's trials (mean with a 95 % Student t"
            + " interval of the mean: ci_lo, ci_hi) and two contrasts against the reference pool b (full: the"
            + " table's operations): extended vs full (a pool with operations beyond the table's, whose other cells"
            + " are trained) and restricted vs full (a subset of the table's operations). diff = mean_a − mean_b;"
            + " two-sided Mann-Whitney U (u of a, as in the other pool tests); p_holm is Holm-corrected over every"
            + " test of this table; cliffs_delta = P(a > b) − P(a < b) (positive: a better), magnitude after Romano"
            + " et al.; better names the better pool when p_holm < 0.05, else none. trained_a / queries_a: charged"
            + " queries of a's trials answered by a training (trained or read back from the store) out of all its"
            + " charged queries: trained values may carry the calibration's bias (see oracle.json). JSON twin: "
            + TABLE.path() + ".json."));
  }
}
