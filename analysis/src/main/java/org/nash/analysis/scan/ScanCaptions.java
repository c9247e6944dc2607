package org.nash.analysis.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.scan.ScanResult.TopSet;

/** What each table of the scan shows and how it was computed, for the artifact index and the JSON. */
final class ScanCaptions {
  /** Definitions shared by the tables (also written into the JSON). */
  static final Map<String, String> DEFINITIONS = definitions();

  private final ScanResult r;

  ScanCaptions(ScanResult r) {
    this.r = r;
  }

  private static Map<String, String> definitions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pool", "a non-empty subset S of the operations; its architectures are those whose ops all lie in S");
    m.put("metric", "each dataset's reported column (NB201: 200-epoch test accuracy, mean over seeds; TNB: "
        + "final-epoch validation metric), higher is better");
    m.put("percentiles", "linear interpolation between order statistics (R type 7, numpy's default)");
    m.put("g1", "biased sample skewness m3/m2^1.5 with central moments m_k = mean((x-mean)^k) (scipy.stats.skew)");
    m.put("adjustedG1", "bias-corrected skewness g1*sqrt(n(n-1))/(n-2) (scipy.stats.skew(bias=False)); NaN for n<3");
    m.put("topSets", "top1pct: every architecture of the scanned space whose value is >= the k-th largest value, "
        + "k = ceil(1% of the architectures with a value); top50: the same with k = 50; all architectures tied "
        + "at the cut are included, so a set can exceed k");
    m.put("shares", "top1pctShare / top50Share: fraction of the dataset's global top set that lies inside the pool");
    m.put("kendallTauB", "Kendall's tau-b (commons-math3 KendallsCorrelation; = scipy.stats.kendalltau)");
    m.put("spearman", "Spearman's rho with average ranks for ties (= scipy.stats.spearmanr)");
    m.put("bestIndex", "lowest official index reaching the pool's best value");
    m.put("rank", "1 + the number of scanned architectures with a strictly higher value on that dataset");
    return m;
  }

  private String universe() {
    return r.options().connectedOnly()
        ? "Only cells with an input-to-output path are scanned (--connected-only). "
        : "All cells are scanned, including those with no input-to-output path (as in the study). ";
  }

  private String metrics() {
    List<String> parts = new ArrayList<>();
    for (ScanResult.Dataset d : r.datasets()) {
      parts.add(d.name() + ": " + d.column() + " (" + d.description() + ")");
    }
    return "Metrics: " + String.join("; ", parts) + ". ";
  }

  private String topSetText() {
    List<String> parts = new ArrayList<>();
    for (String ds : r.datasetNames()) {
      TopSet t1 = r.topSet(ds, "top1pct");
      TopSet t50 = r.topSet(ds, "top50");
      parts.add(String.format(Locale.ROOT, "%s: top 1%% = %d architectures >= %s (k = %d), top 50 = %d >= %s", ds,
          t1.size(), t1.threshold(), t1.k(), t50.size(), t50.threshold()));
    }
    return "The global top 1% of a dataset is every scanned architecture whose value is at least the k-th largest, "
        + "k = ceil(1% of the architectures with a value); the top 50 likewise with k = 50; architectures tied at "
        + "the cut are all included (" + String.join("; ", parts) + "). ";
  }

  String subsets() {
    return "One row per op subset (pool) and dataset: n architectures with a value; best value and the lowest "
        + "official index reaching it; mean, median, 10th and 90th percentile (linear interpolation, R type 7 = "
        + "numpy's default); skewness g1 = m3/m2^1.5 (biased, scipy.stats.skew default) and adjusted G1 = "
        + "g1*sqrt(n(n-1))/(n-2) (scipy bias=False; NaN below 3 values or for constant data); bestMinusGlobal = the "
        + "pool's best minus the full space's best; top1pctShare and top50Share = fraction of the dataset's global "
        + "top set that lies inside the pool (counts beside them). " + topSetText() + universe() + metrics();
  }

  String correlations() {
    return "For each op subset and each pair of datasets: Kendall's tau-b (ties adjusted, commons-math3 "
        + "KendallsCorrelation = scipy.stats.kendalltau) and Spearman's rho (average ranks for ties) between the two "
        + "datasets' metrics over the pool's architectures having both values (n). NaN for fewer than 2 "
        + "architectures or constant values. " + universe();
  }

  String pools() {
    return "Every non-empty subset of the ops (short names), with the number of scanned architectures whose ops all "
        + "lie in it (|S|^6 for a 6-edge cell when all cells are scanned). " + universe();
  }

  String topSets() {
    return topSetText() + "threshold = the k-th largest value; size = architectures at or above it. " + universe();
  }

  String histogram() {
    return "Histogram of each dataset's metric over the whole scanned space: " + OpScan.HISTOGRAM_BINS
        + " equal-width bins from the minimum to the maximum; a bin holds lower <= v < upper, the last one also the "
        + "maximum. " + universe() + metrics();
  }

  String occurrence() {
    return "For each dataset, op and count c: the distribution of the metric over the scanned architectures in "
        + "which exactly c positions (edges) hold the op: n, min, quartiles (R type 7), max, mean; whiskers at the "
        + "most extreme values within 1.5 IQR of the box (Tukey), outliers = values beyond them. Empty groups have "
        + "n = 0. " + universe() + metrics();
  }

  String edgeOpMeans() {
    return "For each dataset, edge (position in the official string order: " + String.join(", ", r.positions())
        + ", written target<-source) and op: n, mean, median and max of the metric over the scanned architectures "
        + "holding that op on that edge. " + universe();
  }

  String edgePairs() {
    return "Best op pairs along the edge order: for each pair of consecutive edges (e, e+1) in the official string "
        + "order (" + String.join(", ", r.positions()) + ") and each op pair (a, b), n, mean and max of the metric "
        + "over the scanned architectures with op a on edge e and op b on edge e+1 (the other four edges free). "
        + "bestByMean / bestByMax mark, per dataset and edge pair, the op pair with the highest mean / max; ties go "
        + "to the first pair in op-id order (" + String.join(", ", r.ops()) + "). " + universe();
  }

  String topRanks() {
    return "The 50 best scanned architectures on " + r.options().reference() + " (referenceRank 1..50, ties broken "
        + "by lower official index) and, for every dataset (the reference included), their value and rank there: "
        + "1 + the number of scanned architectures with a strictly higher value (-1 when there is no value). "
        + universe();
  }

  String json() {
    return "The whole scan (every table above, the options, benchmark data version " + r.version()
        + " and the definitions) as one JSON document; NaN is written as null.";
  }
}
