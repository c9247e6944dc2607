package org.nash.analysis.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.nash.NashException;
import org.nash.analysis.scan.ScanResult.Correlation;
import org.nash.analysis.scan.ScanResult.Dataset;
import org.nash.analysis.scan.ScanResult.HistogramBin;
import org.nash.analysis.scan.ScanResult.Pool;
import org.nash.analysis.scan.ScanResult.Subset;
import org.nash.analysis.scan.ScanResult.TopSet;
import org.nash.analysis.stats.Stats;
import org.nash.benchmark.Benchmark;
import org.nash.space.OpPool;
import org.nash.table.ColumnInfo;

/**
 * The operation-importance scan of Lopes et al. 2023 ("Are NAS benchmarks well designed? A deeper
 * look into operation importance"): for every non-empty subset of a benchmark's operations, the
 * distribution of each dataset's metric over the architectures that use only those ops, and how the
 * datasets agree inside it; then per-op analyses of the whole space ({@link OpAnalyses}).
 *
 * <p>Usage: {@code ScanResult r = OpScan.compute(b, ScanOptions.defaults(b)); ScanWriter.write(r, dir);}
 */
public final class OpScan {
  /** Architectures per dataset in the "top 50" set, before ties at the cut. */
  static final int TOP_N = 50;
  /** Bins of the per-dataset histogram of the whole space. */
  static final int HISTOGRAM_BINS = 60;

  private OpScan() {}

  public static ScanResult compute(Benchmark b, ScanOptions o) {
    if (b.space().opNames().size() > 30) {
      throw new NashException(b.name() + " has " + b.space().opNames().size() + " ops; the scan handles up to 30");
    }
    ScanData data = new ScanData(b, o);
    List<String> ds = o.datasets();
    List<Dataset> datasets = new ArrayList<>();
    for (String d : ds) {
      ColumnInfo info = b.table().column(b.objective(d).reportedKey()).info();
      datasets.add(new Dataset(d, info.key(), info.description(), info.unit()));
    }

    List<OpPool> opPools = OpPool.allSubsets(b.space());
    int fullMask = ScanData.mask(b.space().fullPool());
    List<TopSet> topSets = new ArrayList<>();
    List<HistogramBin> histogram = new ArrayList<>();
    boolean[][] top1 = new boolean[ds.size()][];
    boolean[][] top50 = new boolean[ds.size()][];
    double[] globalBest = new double[ds.size()];
    for (int d = 0; d < ds.size(); d++) {
      double[] v = poolValues(data, d, fullMask);
      globalBest[d] = Stats.max(v);
      int k1 = (int) Math.ceil(0.01 * v.length);
      top1[d] = topSet(data, d, v, k1, "top1pct", topSets);
      top50[d] = topSet(data, d, v, Math.min(TOP_N, v.length), "top50", topSets);
      histogram.addAll(histogram(ds.get(d), v));
    }

    List<Pool> pools = new ArrayList<>();
    List<Subset> subsets = new ArrayList<>();
    List<Correlation> correlations = new ArrayList<>();
    for (OpPool p : opPools) {
      int mask = ScanData.mask(p);
      List<String> aliases = Arrays.stream(p.ids()).mapToObj(b.space()::opAlias).toList();
      pools.add(new Pool(p.label(), aliases, size(data, mask)));
      for (int d = 0; d < ds.size(); d++) {
        subsets.add(subset(data, p.label(), d, mask, globalBest[d], top1[d], top50[d]));
      }
      for (int i = 0; i < ds.size(); i++) {
        for (int j = i + 1; j < ds.size(); j++) {
          correlations.add(correlation(data, p.label(), i, j, mask));
        }
      }
    }

    OpAnalyses per = new OpAnalyses(data, o.reference());
    List<String> notes = new ArrayList<>();
    if (data.positions < 0) {
      notes.add("architectures of " + b.name() + " have different numbers of op positions, so the per-position "
          + "analyses (mean per op per position, best op pairs) are skipped");
    }
    return new ScanResult(b.name(), b.version(), b.note(), o, datasets, data.opAliases(), data.positionLabels(),
        size(data, fullMask),
        pools, subsets, correlations, topSets, histogram, per.occurrence(), per.edgeOpMeans(), per.edgePairs(), per.topRanks(),
        notes);
  }

  private static int size(ScanData data, int mask) {
    int n = 0;
    for (int r = 0; r < data.rows; r++) {
      n += data.inPool(r, mask) ? 1 : 0;
    }
    return n;
  }

  /** Values of dataset d over the pool's members that have one, in official index order. */
  static double[] poolValues(ScanData data, int d, int mask) {
    double[] out = new double[data.rows];
    int n = 0;
    for (int r = 0; r < data.rows; r++) {
      double v = data.values[d][r];
      if (data.inPool(r, mask) && !Double.isNaN(v)) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static List<HistogramBin> histogram(String dataset, double[] v) {
    List<HistogramBin> out = new ArrayList<>();
    if (v.length == 0) {
      return out;
    }
    double min = Arrays.stream(v).min().getAsDouble();
    double max = Stats.max(v);
    double width = max > min ? (max - min) / HISTOGRAM_BINS : 1;
    int[] count = new int[HISTOGRAM_BINS];
    for (double x : v) {
      count[Math.min(HISTOGRAM_BINS - 1, (int) ((x - min) / width))]++;
    }
    for (int i = 0; i < HISTOGRAM_BINS; i++) {
      out.add(new HistogramBin(dataset, i, min + i * width, i == HISTOGRAM_BINS - 1 ? max : min + (i + 1) * width,
          count[i]));
    }
    return out;
  }

  /** Marks the rows whose value is at least the k-th largest of {@code v}; ties at the cut are all in. */
  private static boolean[] topSet(ScanData data, int d, double[] v, int k, String name, List<TopSet> out) {
    boolean[] in = new boolean[data.rows];
    if (k == 0) {
      out.add(new TopSet(data.datasets.get(d), name, 0, Double.NaN, 0));
      return in;
    }
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double threshold = sorted[sorted.length - k];
    int size = 0;
    for (int r = 0; r < data.rows; r++) {
      if (data.inUniverse[r] && data.values[d][r] >= threshold) {
        in[r] = true;
        size++;
      }
    }
    out.add(new TopSet(data.datasets.get(d), name, k, threshold, size));
    return in;
  }

  private static Subset subset(ScanData data, String label, int d, int mask, double globalBest, boolean[] top1,
      boolean[] top50) {
    double[] v = poolValues(data, d, mask);
    int n = v.length;
    double best = Stats.max(v);
    int bestIndex = -1;
    int t1 = 0;
    int t50 = 0;
    int size1 = 0;
    int size50 = 0;
    for (int r = 0; r < data.rows; r++) {
      boolean member = data.inPool(r, mask) && !Double.isNaN(data.values[d][r]);
      if (member && bestIndex < 0 && data.values[d][r] == best) {
        bestIndex = r;
      }
      size1 += top1[r] ? 1 : 0;
      size50 += top50[r] ? 1 : 0;
      t1 += member && top1[r] ? 1 : 0;
      t50 += member && top50[r] ? 1 : 0;
    }
    Percentile p = Stats.percentiles(v);
    double g1Adj = Stats.adjustedSkewness(v);
    return new Subset(label, data.datasets.get(d), n, best, bestIndex, bestIndex < 0 ? null : data.arch(bestIndex),
        Stats.mean(v), Stats.percentile(p, n, 50), Stats.percentile(p, n, 10), Stats.percentile(p, n, 90),
        Stats.skewness(g1Adj, n), g1Adj, best - globalBest, t1, share(t1, size1), t50, share(t50, size50));
  }

  private static double share(int inside, int total) {
    return total == 0 ? Double.NaN : (double) inside / total;
  }

  private static Correlation correlation(ScanData data, String label, int a, int b, int mask) {
    double[] x = new double[data.rows];
    double[] y = new double[data.rows];
    int n = 0;
    for (int r = 0; r < data.rows; r++) {
      double va = data.values[a][r];
      double vb = data.values[b][r];
      if (data.inPool(r, mask) && !Double.isNaN(va) && !Double.isNaN(vb)) {
        x[n] = va;
        y[n++] = vb;
      }
    }
    x = Arrays.copyOf(x, n);
    y = Arrays.copyOf(y, n);
    return new Correlation(label, data.datasets.get(a), data.datasets.get(b), n, Stats.kendallTauB(x, y),
        Stats.spearman(x, y));
  }
}
