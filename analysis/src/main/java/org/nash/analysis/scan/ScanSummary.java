package org.nash.analysis.scan;

import java.util.List;
import java.util.Locale;
import org.nash.analysis.scan.ScanResult.Pool;
import org.nash.analysis.scan.ScanResult.Subset;
import org.nash.analysis.scan.ScanResult.TopRank;

/** A compact text summary of a scan for the terminal. */
public final class ScanSummary {
  private ScanSummary() {}

  public static String format(ScanResult r) {
    StringBuilder sb = new StringBuilder();
    List<String> ds = r.datasetNames();
    String full = r.pools().get(r.pools().size() - 1).label();
    sb.append(String.format(Locale.ROOT, "operation-subset scan of %s (data %s): %d pools, %,d architectures%s%n",
        r.benchmark(), r.version(), r.pools().size(), r.universeSize(),
        r.options().connectedOnly() ? " (connected cells only)" : ""));
    sb.append("per pool and dataset: best value (share of the dataset's global top 1% inside the pool)\n");
    sb.append(String.format(Locale.ROOT, "%-24s %6s", "pool", "size"));
    for (String d : ds) {
      sb.append(String.format(Locale.ROOT, " %16s", shorten(d)));
    }
    sb.append('\n');
    for (Pool p : r.pools()) {
      sb.append(String.format(Locale.ROOT, "%-24s %6d", p.label(), p.size()));
      for (String d : ds) {
        Subset s = r.subset(p.label(), d);
        sb.append(String.format(Locale.ROOT, " %16s", num(s.best()) + " (" + pct(s.top1pctShare()) + ")"));
      }
      sb.append('\n');
    }
    sb.append("full space, per dataset: best (index), median, skewness g1 / adjusted G1\n");
    for (String d : ds) {
      Subset s = r.subset(full, d);
      sb.append(String.format(Locale.ROOT, "  %-16s %s (%d)  median %s  g1 %s  G1 %s%n", d, num(s.best()),
          s.bestIndex(), num(s.median()), num(s.g1()), num(s.adjustedG1())));
    }
    if (ds.size() > 1) {
      sb.append("full space, Kendall tau-b (upper) / Spearman (lower)\n");
      sb.append(String.format(Locale.ROOT, "  %-16s", ""));
      for (String d : ds) {
        sb.append(String.format(Locale.ROOT, " %16s", shorten(d)));
      }
      sb.append('\n');
      for (String a : ds) {
        sb.append(String.format(Locale.ROOT, "  %-16s", a));
        for (String b : ds) {
          String cell = a.equals(b) ? "1" : ds.indexOf(a) < ds.indexOf(b)
              ? num(r.correlation(full, a, b).kendallTauB()) : num(r.correlation(full, a, b).spearman());
          sb.append(String.format(Locale.ROOT, " %16s", cell));
        }
        sb.append('\n');
      }
      String ref = r.options().reference();
      sb.append("top-50 of ").append(ref).append(" on the other datasets: median rank, worst rank, inside their top 50\n");
      for (String d : ds) {
        if (d.equals(ref)) {
          continue;
        }
        List<Integer> ranks = r.topRanks().stream().filter(t -> t.dataset().equals(d) && t.rank() > 0)
            .map(TopRank::rank).sorted().toList();
        if (ranks.isEmpty()) {
          continue;
        }
        int top = r.topSet(d, "top50").size();
        long inside = ranks.stream().filter(x -> x <= top).count();
        sb.append(String.format(Locale.ROOT, "  %-16s %8.1f %8d %6d/%d%n", d, median(ranks), ranks.get(ranks.size() - 1),
            inside, ranks.size()));
      }
    }
    for (String n : r.notes()) {
      sb.append("note: ").append(n).append('\n');
    }
    return sb.toString();
  }

  private static double median(List<Integer> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  private static String shorten(String d) {
    return d.length() > 10 ? d.substring(0, 10) : d;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }
}
