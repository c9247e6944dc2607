package org.nash.analysis.scan;

import java.util.List;
import org.nash.NashException;

/**
 * Everything an operation-subset scan measured. Datasets are identified by name; {@code index} fields
 * are official benchmark indices (table rows). Metrics are each dataset's reported column, higher is
 * better. NaN means "not defined" (e.g. skewness of fewer than 3 values).
 *
 * @param universeSize architectures scanned in the full pool (all, or the connected ones)
 * @param positions labels of the op positions (cell edges in official order); empty when they vary
 * @param notes things a reader should know (e.g. an analysis skipped and why)
 */
public record ScanResult(String benchmark, String version, String benchmarkNote, ScanOptions options,
    List<Dataset> datasets, List<String> ops, List<String> positions, int universeSize, List<Pool> pools,
    List<Subset> subsets, List<Correlation> correlations, List<TopSet> topSets, List<HistogramBin> histogram,
    List<OccurrenceBox> occurrence,
    List<EdgeOpMean> edgeOpMeans, List<EdgePair> edgePairs, List<TopRank> topRanks, List<String> notes) {

  /** A scanned dataset: its reported metric column and what that column holds. */
  public record Dataset(String name, String column, String description, org.nash.table.Unit unit) {
    /** The axis label of the metric, with its unit. */
    public String axisLabel() {
      return column + (unit == null || unit == org.nash.table.Unit.NONE ? "" : " (" + unit.symbol() + ")");
    }

    /** The unit of differences of the metric: pp for accuracies in %. */
    public String diffUnit() {
      return unit == null || unit == org.nash.table.Unit.NONE ? "" : unit.isPercent() ? "pp" : unit.symbol();
    }
  }

  /** An operation subset (pool): its ops (short aliases) and how many scanned architectures use only them. */
  public record Pool(String label, List<String> ops, int size) {}

  /**
   * One pool on one dataset. {@code n} counts members with a value; {@code best} is the largest value,
   * {@code bestIndex} the lowest official index reaching it; percentiles use linear interpolation
   * (R type 7, numpy's default); {@code g1} is the biased sample skewness m3/m2^1.5 (scipy.stats.skew)
   * and {@code adjustedG1} the bias-corrected one, g1*sqrt(n(n-1))/(n-2) (scipy's bias=False).
   * Top shares are the fraction of the dataset's global top set (see {@link TopSet}) inside the pool.
   */
  public record Subset(String pool, String dataset, int n, double best, int bestIndex, String bestArch,
      double mean, double median, double p10, double p90, double g1, double adjustedG1, double bestMinusGlobal,
      int top1pctCount, double top1pctShare, int top50Count, double top50Share) {}

  /** Rank correlation of two datasets over the pool's members that have both values. */
  public record Correlation(String pool, String datasetA, String datasetB, int n, double kendallTauB,
      double spearman) {}

  /**
   * A dataset's global top set: every scanned architecture whose value is at least the k-th largest
   * value (ties at the cut are all included, so {@code size >= k}).
   *
   * @param name {@code top1pct} (k = ceil(1% of the architectures with a value)) or {@code top50}
   */
  public record TopSet(String dataset, String name, int k, double threshold, int size) {}

  /**
   * One bin of the histogram of a dataset over the scanned space: equal-width bins from the minimum to
   * the maximum, each holding {@code lower <= v < upper} (the last one also holds the maximum).
   */
  public record HistogramBin(String dataset, int bin, double lower, double upper, int count) {}

  /** Box-plot data of the metric over architectures with exactly {@code count} positions holding {@code op}. */
  public record OccurrenceBox(String dataset, String op, int count, int n, double min, double whiskerLow,
      double q1, double median, double q3, double whiskerHigh, double max, double mean, int outliers) {}

  /** The metric over architectures with {@code op} at one position. */
  public record EdgeOpMean(String dataset, int position, String positionLabel, String op, int n, double mean,
      double median, double max) {}

  /**
   * The metric over architectures with {@code opA} at position {@code positionA} and {@code opB} at the
   * next position; {@code bestByMean}/{@code bestByMax} mark the pair with the highest mean/max for this
   * pair of positions (ties: the first in op-id order).
   */
  public record EdgePair(String dataset, int positionA, String labelA, String labelB, String opA, String opB,
      int n, double mean, double max, boolean bestByMean, boolean bestByMax) {}

  /**
   * Where one of the reference dataset's top-50 architectures ranks on a dataset (1 = best; rank is
   * 1 + the number of scanned architectures with a strictly higher value; -1 when it has no value there).
   */
  public record TopRank(String reference, int referenceRank, int index, String arch, String dataset, double value,
      int rank) {}

  public Pool pool(String label) {
    return pools.stream().filter(p -> p.label().equals(label)).findFirst()
        .orElseThrow(() -> new NashException("no pool '" + label + "' in the " + benchmark + " scan"));
  }

  public Subset subset(String pool, String dataset) {
    return subsets.stream().filter(s -> s.pool().equals(pool) && s.dataset().equals(dataset)).findFirst()
        .orElseThrow(() -> new NashException("no pool '" + pool + "' / dataset '" + dataset + "' in the "
            + benchmark + " scan"));
  }

  /** The correlation of two datasets inside a pool, in either order. */
  public Correlation correlation(String pool, String a, String b) {
    return correlations.stream().filter(c -> c.pool().equals(pool)
        && (c.datasetA().equals(a) && c.datasetB().equals(b) || c.datasetA().equals(b) && c.datasetB().equals(a)))
        .findFirst().orElseThrow(() -> new NashException("no correlation " + a + " vs " + b + " in pool '" + pool
            + "' of the " + benchmark + " scan"));
  }

  public TopSet topSet(String dataset, String name) {
    return topSets.stream().filter(t -> t.dataset().equals(dataset) && t.name().equals(name)).findFirst()
        .orElseThrow(() -> new NashException("no top set " + name + " for " + dataset));
  }

  public List<String> datasetNames() {
    return datasets.stream().map(Dataset::name).toList();
  }

  /** Prefix of every file the scan writes, e.g. {@code scan-nb201} or {@code scan-nb201-connected}. */
  public String filePrefix() {
    return "scan-" + benchmark + (options.connectedOnly() ? "-connected" : "");
  }
}
