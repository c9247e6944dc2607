package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Holm;
import org.nash.analysis.stats.MannWhitney;

/**
 * Two-sided Mann-Whitney U tests with Cliff's delta on the final reported value: between every
 * pair of searchers within each dataset x pool (Holm-corrected within that dataset x pool), and
 * between each restricted pool and the full pool for every searcher (Holm-corrected within the
 * dataset, over all its searchers and restricted pools). Within one dataset the optimum is the same
 * for every pool, so a test on reported values is also a test on regrets.
 */
public final class PairwiseTests {
  /** Significance level applied to the Holm-adjusted p-values. */
  public static final double ALPHA = 0.05;

  /**
   * One comparison of sample {@code a} against sample {@code b}. {@code group} is the pool (for a
   * searcher pair) or the searcher (for a pool pair); {@code delta} is Cliff's delta of a over b
   * (positive: a is better).
   */
  public record Test(String dataset, String group, String a, String b, double medianA, double medianB,
      double meanA, double meanB, MannWhitney.Result mw, double pHolm, double delta) {

    public boolean significant() {
      return pHolm < ALPHA;
    }

    /** a, b, or "none" when the difference is not significant after Holm. */
    public String better() {
      return !significant() ? "none" : delta > 0 ? a : delta < 0 ? b : "none";
    }
  }

  private PairwiseTests() {}

  public static List<Test> searchers(Groups g) {
    List<Test> out = new ArrayList<>();
    for (String ds : g.datasets()) {
      for (String pool : g.pools(ds)) {
        List<String> ss = g.searchers(ds, pool);
        List<double[]> samples = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < ss.size(); i++) {
          for (int j = i + 1; j < ss.size(); j++) {
            pairs.add(new String[] {pool, ss.get(i), ss.get(j)});
            samples.add(sample(g, ds, pool, ss.get(i)));
            samples.add(sample(g, ds, pool, ss.get(j)));
          }
        }
        out.addAll(family(ds, pairs, samples));
      }
    }
    return out;
  }

  /** Each restricted pool against the reference ({@code full}) pool, per searcher. */
  public static List<Test> pools(Groups g) {
    List<Test> out = new ArrayList<>();
    for (String ds : g.datasets()) {
      String ref = g.referencePool(ds);
      List<double[]> samples = new ArrayList<>();
      List<String[]> pairs = new ArrayList<>();
      for (String s : g.searchers(ds)) {
        double[] base = sample(g, ds, ref, s);
        if (base.length == 0) {
          continue;
        }
        for (String pool : g.pools(ds)) {
          double[] x = sample(g, ds, pool, s);
          if (pool.equals(ref) || x.length == 0) {
            continue;
          }
          pairs.add(new String[] {s, pool, ref});
          samples.add(x);
          samples.add(base);
        }
      }
      out.addAll(family(ds, pairs, samples));
    }
    return out;
  }

  /**
   * Tests pair i ({group, a, b}) on samples 2i and 2i+1 and Holm-corrects them as one family.
   */
  private static List<Test> family(String ds, List<String[]> pairs, List<double[]> samples) {
    int m = pairs.size();
    MannWhitney.Result[] res = new MannWhitney.Result[m];
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      res[i] = MannWhitney.test(samples.get(2 * i), samples.get(2 * i + 1));
      p[i] = res[i].p();
    }
    double[] adj = Holm.adjust(p);
    List<Test> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      double[] a = samples.get(2 * i);
      double[] b = samples.get(2 * i + 1);
      String[] pair = pairs.get(i);
      out.add(new Test(ds, pair[0], pair[1], pair[2], median(a), median(b), mean(a), mean(b),
          res[i], adj[i], CliffsDelta.of(a, b)));
    }
    return out;
  }

  static double[] sample(Groups g, String ds, String pool, String searcher) {
    return FinalTable.withoutNaN(g.finalReported(ds, pool, searcher));
  }

  static double median(double[] v) {
    return org.nash.analysis.stats.Describe.of(v).median();
  }

  static double mean(double[] v) {
    return org.nash.analysis.stats.Describe.of(v).mean();
  }
}
