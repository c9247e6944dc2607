package org.nash.analysis.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.nash.analysis.scan.ScanResult.EdgeOpMean;
import org.nash.analysis.scan.ScanResult.EdgePair;
import org.nash.analysis.scan.ScanResult.OccurrenceBox;
import org.nash.analysis.scan.ScanResult.TopRank;
import org.nash.analysis.stats.Stats;

/**
 * The per-op analyses of the study over the whole scanned space (the full pool): the metric by how
 * often an op occurs, the mean per op at each position, the best op pairs at consecutive positions,
 * and where the reference dataset's top-50 architectures rank on the other datasets.
 */
final class OpAnalyses {
  private final ScanData data;
  private final int reference;

  OpAnalyses(ScanData data, String reference) {
    this.data = data;
    this.reference = data.datasets.indexOf(reference);
  }

  /** Rows of the scanned space with a value for dataset d that satisfy {@code keep}. */
  private double[] values(int d, java.util.function.IntPredicate keep) {
    double[] out = new double[data.rows];
    int n = 0;
    for (int r = 0; r < data.rows; r++) {
      double v = data.values[d][r];
      if (data.inUniverse[r] && !Double.isNaN(v) && keep.test(r)) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private int maxPositions() {
    return Arrays.stream(data.ops).mapToInt(o -> o.length).max().orElse(0);
  }

  private int count(int r, int op) {
    int c = 0;
    for (int o : data.ops[r]) {
      c += o == op ? 1 : 0;
    }
    return c;
  }

  List<OccurrenceBox> occurrence() {
    List<OccurrenceBox> out = new ArrayList<>();
    int maxCount = maxPositions();
    for (int d = 0; d < data.datasets.size(); d++) {
      for (int op = 0; op < data.opCount(); op++) {
        for (int c = 0; c <= maxCount; c++) {
          int fop = op;
          int fc = c;
          out.add(box(d, op, c, values(d, r -> count(r, fop) == fc)));
        }
      }
    }
    return out;
  }

  /** Quartiles; whiskers at the most extreme values within 1.5 IQR of the box (Tukey). */
  private OccurrenceBox box(int d, int op, int count, double[] v) {
    int n = v.length;
    Percentile p = Stats.percentiles(v);
    double q1 = Stats.percentile(p, n, 25);
    double med = Stats.percentile(p, n, 50);
    double q3 = Stats.percentile(p, n, 75);
    double lo = q1 - 1.5 * (q3 - q1);
    double hi = q3 + 1.5 * (q3 - q1);
    double min = Double.NaN;
    double max = Double.NaN;
    double wLo = Double.NaN;
    double wHi = Double.NaN;
    int outliers = 0;
    for (double x : v) {
      min = Double.isNaN(min) || x < min ? x : min;
      max = Double.isNaN(max) || x > max ? x : max;
      if (x < lo || x > hi) {
        outliers++;
      } else {
        wLo = Double.isNaN(wLo) || x < wLo ? x : wLo;
        wHi = Double.isNaN(wHi) || x > wHi ? x : wHi;
      }
    }
    return new OccurrenceBox(data.datasets.get(d), data.space.opAlias(op), count, n, min, wLo, q1, med, q3, wHi, max,
        Stats.mean(v), outliers);
  }

  List<EdgeOpMean> edgeOpMeans() {
    List<EdgeOpMean> out = new ArrayList<>();
    List<String> labels = data.positionLabels();
    for (int d = 0; d < data.datasets.size(); d++) {
      for (int e = 0; e < labels.size(); e++) {
        for (int op = 0; op < data.opCount(); op++) {
          int fe = e;
          int fop = op;
          double[] v = values(d, r -> data.ops[r][fe] == fop);
          out.add(new EdgeOpMean(data.datasets.get(d), e, labels.get(e), data.space.opAlias(op), v.length,
              Stats.mean(v), Stats.percentile(Stats.percentiles(v), v.length, 50), Stats.max(v)));
        }
      }
    }
    return out;
  }

  /** For each pair of consecutive positions (e, e+1) and op pair (a, b): the metric of cells with a at e and b at e+1. */
  List<EdgePair> edgePairs() {
    List<EdgePair> out = new ArrayList<>();
    List<String> labels = data.positionLabels();
    int k = data.opCount();
    for (int d = 0; d < data.datasets.size(); d++) {
      for (int e = 0; e + 1 < labels.size(); e++) {
        double[] mean = new double[k * k];
        double[] max = new double[k * k];
        int[] n = new int[k * k];
        int bestMean = -1;
        int bestMax = -1;
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            int fe = e;
            int fa = a;
            int fb = b;
            double[] v = values(d, r -> data.ops[r][fe] == fa && data.ops[r][fe + 1] == fb);
            int i = a * k + b;
            n[i] = v.length;
            mean[i] = Stats.mean(v);
            max[i] = Stats.max(v);
            bestMean = better(mean, i, bestMean) ? i : bestMean;
            bestMax = better(max, i, bestMax) ? i : bestMax;
          }
        }
        for (int i = 0; i < k * k; i++) {
          out.add(new EdgePair(data.datasets.get(d), e, labels.get(e), labels.get(e + 1),
              data.space.opAlias(i / k), data.space.opAlias(i % k), n[i], mean[i], max[i], i == bestMean,
              i == bestMax));
        }
      }
    }
    return out;
  }

  /** Strictly greater than the current best, so ties keep the first pair in op-id order. */
  private static boolean better(double[] x, int i, int best) {
    return !Double.isNaN(x[i]) && (best < 0 || x[i] > x[best]);
  }

  /**
   * The reference dataset's top-50 scanned architectures (by value, ties by lower official index) and
   * their rank on every scanned dataset, the reference included.
   */
  List<TopRank> topRanks() {
    List<TopRank> out = new ArrayList<>();
    double[] ref = data.values[reference];
    Integer[] rows = IntStream.range(0, data.rows).filter(r -> data.inUniverse[r] && !Double.isNaN(ref[r]))
        .boxed().toArray(Integer[]::new);
    Arrays.sort(rows, Comparator.comparingDouble((Integer r) -> -ref[r]).thenComparingInt(r -> r));
    int top = Math.min(OpScan.TOP_N, rows.length);
    for (int d = 0; d < data.datasets.size(); d++) {
      double[] sorted = values(d, r -> true);
      Arrays.sort(sorted);
      for (int i = 0; i < top; i++) {
        int r = rows[i];
        double v = data.values[d][r];
        int rank = Double.isNaN(v) ? -1 : 1 + sorted.length - upperBound(sorted, v);
        out.add(new TopRank(data.datasets.get(reference), i + 1, r, data.arch(r), data.datasets.get(d), v, rank));
      }
    }
    return out;
  }

  /** Index of the first element greater than v in an ascending array. */
  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
