package org.nash.analysis.spotcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nash.analysis.stats.Bootstrap;
import org.nash.analysis.stats.Interval;
import org.nash.analysis.stats.KendallBootstrap;
import org.nash.analysis.stats.KendallTest;

/**
 * A spot check of the same cells on several datasets: does each dataset's table rank the cells as
 * retraining does, and does one dataset's table agree better than another's? Per dataset: Kendall's
 * tau-b between trained and table values with a 95 % percentile bootstrap interval over cells, its
 * permutation p-value ({@link KendallTest}), and the mean difference trained - table with Student's
 * t interval ({@link Interval}). Per compared dataset d against the reference r: tau(d) - tau(r) with
 * a paired bootstrap interval (each replicate draws one set of cells for every dataset), and a verdict
 * only when that interval excludes 0. Knows nothing of how the cells were trained.
 */
public final class SpotCheckStudy {
  public static final int DEFAULT_BOOTSTRAP = 2000;

  /** A selected cell: its stratum (0-based) of the selection column's range [lo, hi) and its value there. */
  public record Selected(int index, int stratum, double lo, double hi, double value) {}

  /**
   * One dataset's cells, in the selection's order (the same cells for every dataset).
   *
   * @param split the split trained and scored ({@code official}, ...); {@code splitHow} the long form with
   *     file names and sha256; {@code dataSha256} the sha256 of the exact images and labels
   */
  public record DatasetInput(String dataset, String tableColumn, double[] trained, double[] table, List<String> sources,
      String split, String splitHow, String dataSha256) {}

  /** One dataset's agreement. {@code replicates}: bootstrap replicates with a tau (finite). */
  public record DatasetResult(DatasetInput input, int n, double tau, double tauLo, double tauHi, double p,
      String pMethod, Interval diff, double meanAbsDiff, int replicates) {}

  /** Verdict of a paired comparison: better, worse, or no detectable difference (or undefined tau). */
  public enum Verdict {
    BETTER("agrees better"), WORSE("agrees worse"), NO_DIFFERENCE("no detectable difference"),
    UNDEFINED("undefined");

    public final String words;

    Verdict(String words) {
      this.words = words;
    }
  }

  /** tau(dataset) - tau(reference) on the same cells with its paired bootstrap interval. */
  public record Paired(String dataset, String reference, int n, double tau, double tauReference, double delta,
      double lo, double hi, int replicates, Verdict verdict, String sentence) {}

  public record Result(List<DatasetResult> datasets, List<Paired> paired, int bootstrap, long seed) {
    /** The verdict sentences, the compared datasets in order. */
    public String verdictLine() {
      return String.join(" ", paired.stream().map(Paired::sentence).toList());
    }
  }

  private SpotCheckStudy() {}

  /**
   * K cells stratified over the range of {@code values}: [min, max] of the eligible cells cut into k
   * equal-width strata, one cell drawn uniformly from each (cells in index order, one generator
   * seeded with {@code seed}); a stratum without an unchosen eligible cell takes the unchosen eligible
   * cell nearest its centre (lower index on a tie), so k cells come back whenever k cells are eligible.
   */
  public static List<Selected> select(double[] values, boolean[] eligible, int k, long seed) {
    List<Integer> pool = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      if (eligible[i] && !Double.isNaN(values[i])) {
        pool.add(i);
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
    }
    if (pool.size() < k) {
      throw new IllegalArgumentException(k + " cells asked for, " + pool.size() + " eligible");
    }
    double w = (max - min) / k;
    boolean[] chosen = new boolean[values.length];
    SplittableRandom rng = new SplittableRandom(seed);
    List<Selected> out = new ArrayList<>();
    for (int b = 0; b < k; b++) {
      double lo = min + b * w;
      double hi = b == k - 1 ? max : min + (b + 1) * w;
      List<Integer> in = new ArrayList<>();
      for (int i : pool) {
        if (!chosen[i] && stratum(values[i], min, w, k) == b) {
          in.add(i);
        }
      }
      int pick;
      if (!in.isEmpty()) {
        pick = in.get(rng.nextInt(in.size()));
      } else {
        double centre = (lo + hi) / 2;
        pick = -1;
        for (int i : pool) {
          if (!chosen[i] && (pick < 0 || Math.abs(values[i] - centre) < Math.abs(values[pick] - centre))) {
            pick = i;
          }
        }
      }
      chosen[pick] = true;
      out.add(new Selected(pick, b, lo, hi, values[pick]));
    }
    return out;
  }

  private static int stratum(double v, double min, double w, int k) {
    return w <= 0 ? 0 : Math.min(k - 1, (int) Math.floor((v - min) / w));
  }

  /**
   * The analysis with {@code bootstrap} resamples of the cells drawn from {@code seed}. Cells without a
   * trained or table value on some dataset are left out of every dataset, so all stay paired.
   */
  public static Result of(List<DatasetInput> in, String reference, List<String> compare, int bootstrap, long seed) {
    List<DatasetInput> complete = complete(in);
    int n = complete.get(0).trained().length;
    Result r = of(complete, reference, compare, Bootstrap.resamples(n, bootstrap, seed));
    return new Result(r.datasets(), r.paired(), bootstrap, seed);
  }

  /** The inputs restricted to the cells every dataset has both values for. */
  static List<DatasetInput> complete(List<DatasetInput> in) {
    int n = in.get(0).trained().length;
    for (DatasetInput d : in) {
      if (d.trained().length != n || d.table().length != n || d.sources().size() != n) {
        throw new IllegalArgumentException(d.dataset() + ": " + d.trained().length + " trained and " + d.table().length
            + " table values, expected " + n + " of each (the same cells on every dataset)");
      }
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean ok = true;
      for (DatasetInput d : in) {
        ok &= !Double.isNaN(d.trained()[i]) && !Double.isNaN(d.table()[i]);
      }
      if (ok) {
        kept.add(i);
      }
    }
    if (kept.size() == n) {
      return in;
    }
    List<DatasetInput> out = new ArrayList<>();
    for (DatasetInput d : in) {
      out.add(new DatasetInput(d.dataset(), d.tableColumn(), kept.stream().mapToDouble(i -> d.trained()[i]).toArray(),
          kept.stream().mapToDouble(i -> d.table()[i]).toArray(), kept.stream().map(i -> d.sources().get(i)).toList(),
          d.split(), d.splitHow(), d.dataSha256()));
    }
    return out;
  }

  /**
   * The analysis under given resamples of the cells (indices into every dataset's arrays, the same
   * cells in the same order on every dataset, each with both values).
   */
  public static Result of(List<DatasetInput> in, String reference, List<String> compare, int[][] resamples) {
    if (complete(in) != in) {
      throw new IllegalArgumentException("a cell lacks a trained or table value; use the seeded form, which leaves it out");
    }
    int[][] rs = resamples;
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (DatasetInput d : in) {
      xs.add(d.table());
      ys.add(d.trained());
    }
    int kept = in.get(0).trained().length;
    double[][] reps = KendallBootstrap.replicates(xs, ys, rs);
    List<DatasetResult> results = new ArrayList<>();
    for (int g = 0; g < in.size(); g++) {
      double[] x = xs.get(g);
      double[] y = ys.get(g);
      KendallTest.Result k = KendallTest.of(x, y);
      double[] ci = Bootstrap.percentile95(reps[g]);
      double[] diffs = new double[x.length];
      double abs = 0;
      for (int i = 0; i < x.length; i++) {
        diffs[i] = y[i] - x[i];
        abs += Math.abs(diffs[i]);
      }
      results.add(new DatasetResult(in.get(g), x.length, k.tau(), ci[0], ci[1], k.p(), k.method(), Interval.of(diffs),
          x.length == 0 ? Double.NaN : abs / x.length, Bootstrap.finite(reps[g])));
    }
    int ref = indexOf(in, reference);
    List<Paired> paired = new ArrayList<>();
    for (String c : compare) {
      int g = indexOf(in, c);
      double[] delta = new double[rs.length];
      for (int r = 0; r < rs.length; r++) {
        delta[r] = reps[g][r] - reps[ref][r];
      }
      double[] ci = Bootstrap.percentile95(delta);
      double point = results.get(g).tau() - results.get(ref).tau();
      Verdict v = Double.isNaN(point) || Double.isNaN(ci[0]) ? Verdict.UNDEFINED
          : ci[0] > 0 ? Verdict.BETTER : ci[1] < 0 ? Verdict.WORSE : Verdict.NO_DIFFERENCE;
      paired.add(new Paired(c, reference, kept, results.get(g).tau(), results.get(ref).tau(), point, ci[0], ci[1],
          Bootstrap.finite(delta), v, sentence(c, reference, kept, results.get(g).tau(), results.get(ref).tau(),
          point, ci, v)));
    }
    return new Result(results, paired, rs.length, 0);
  }

  private static int indexOf(List<DatasetInput> in, String dataset) {
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).dataset().equals(dataset)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no dataset " + dataset + " among the inputs");
  }

  /** The verdict in words, with the numbers it rests on. */
  static String sentence(String d, String ref, int n, double tau, double tauRef, double delta, double[] ci, Verdict v) {
    String nums = String.format(Locale.ROOT, "Kendall tau with retraining %.3f vs %.3f, difference %+.3f, 95 %% paired"
        + " bootstrap interval [%+.3f, %+.3f]", tau, tauRef, delta, ci[0], ci[1]);
    return switch (v) {
      case BETTER -> d + "'s table agrees better with retraining than " + ref + "'s on the same " + n + " cells (" + nums
          + ").";
      case WORSE -> d + "'s table agrees worse with retraining than " + ref + "'s on the same " + n + " cells (" + nums
          + ").";
      case NO_DIFFERENCE -> d + " vs " + ref + ": no detectable difference with " + n + " cells (" + nums
          + "; the interval includes 0).";
      case UNDEFINED -> d + " vs " + ref + ": no verdict, Kendall tau is undefined on these " + n + " cells (a variable"
          + " is constant).";
    };
  }
}
