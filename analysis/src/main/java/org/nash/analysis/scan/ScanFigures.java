package org.nash.analysis.scan;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Plot;
import org.nash.analysis.scan.ScanResult.EdgeOpMean;
import org.nash.analysis.scan.ScanResult.OccurrenceBox;
import org.nash.analysis.scan.ScanResult.Pool;
import org.nash.analysis.scan.ScanResult.Subset;
import org.nash.analysis.scan.ScanResult.TopRank;

/** The scan's figures (drawn by {@link org.nash.analysis.output.Plot}), each rendered to PNG and SVG bytes from a {@link ScanResult}. */
final class ScanFigures {
  static {
    // No display on servers and CI: AWT must start headless, before any AWT class loads.
    System.setProperty("java.awt.headless", "true");
  }

  /** A rendered figure; {@code name} is the file name without extension. */
  record Figure(String name, String title, String caption, byte[] png, byte[] svg) {}

  private final ScanResult r;
  private final String prefix;

  ScanFigures(ScanResult r) {
    this.r = r;
    this.prefix = r.filePrefix();
  }

  List<Figure> all() {
    List<Figure> out = new ArrayList<>();
    for (ScanResult.Dataset d : r.datasets()) {
      out.add(bestBySize(d));
    }
    for (ScanResult.Dataset d : r.datasets()) {
      out.add(gap(d));
    }
    for (ScanResult.Dataset d : r.datasets()) {
      out.add(histogram(d));
    }
    for (ScanResult.Dataset d : r.datasets()) {
      for (String op : r.ops()) {
        out.add(occurrence(d, op));
      }
    }
    if (!r.edgeOpMeans().isEmpty()) {
      for (ScanResult.Dataset d : r.datasets()) {
        out.add(edgeHeatmap(d));
      }
    }
    if (r.datasets().size() > 1) {
      out.add(topRanks());
    }
    return out;
  }

  private String title(ScanResult.Dataset d, String what) {
    return r.benchmark() + " " + d.name() + ": " + what;
  }

  private Figure bestBySize(ScanResult.Dataset d) {
    List<Pool> pools = new ArrayList<>(r.pools());
    pools.sort(Comparator.comparingInt(Pool::size)); // stable: keeps the op-subset order within a size
    List<String> labels = pools.stream().map(p -> p.label() + " (" + p.size() + ")").toList();
    Plot c = new Plot(title(d, "best, 90th percentile and median of each op subset"),
        "op subset (number of architectures), by size", d.axisLabel(), false, false).categories(labels)
        .size(1000, 600);
    String[][] series = {{"best", "best"}, {"90th percentile", "p90"}, {"median", "median"}};
    int k = 0;
    for (String[] s : series) {
      double[] y = new double[pools.size()];
      for (int i = 0; i < y.length; i++) {
        Subset sub = r.subset(pools.get(i).label(), d.name());
        y[i] = switch (s[1]) {
          case "best" -> sub.best();
          case "p90" -> sub.p90();
          default -> sub.median();
        };
      }
      c.add(new Plot.Series(s[0], new double[y.length], y, null, null, Charts.color(k++), null, false, true, true));
    }
    double global = r.subset(r.pools().get(r.pools().size() - 1).label(), d.name()).best();
    c.rule(global, "best of the full space", Color.GRAY);
    String caption = "For each non-empty operation subset S (x axis, ordered by its number of architectures, "
        + "shown in brackets), the best, 90th percentile (linear interpolation, R type 7) and median of "
        + d.column() + " (" + d.description() + ") over the architectures whose ops all lie in S"
        + universeNote() + ". The grey line is the best of the full space. Values in the subsets table; the"
        + " subsets' gaps to the best are zoomed in the figure \"gap of each subset's best to the best\".";
    return render(c, prefix + "-best-" + d.name(), title(d, "subset best vs subset size"), caption);
  }

  /**
   * The claim "a small subset reaches the top" lives in a gap of a few tenths of a point: this
   * figure shows each subset's best minus the global best, on an axis zoomed to the subsets within
   * {@link #GAP_ZOOM} of the top (the others are named in the caption).
   */
  private Figure gap(ScanResult.Dataset d) {
    Subset fullSub = r.subset(r.pools().get(r.pools().size() - 1).label(), d.name());
    double global = fullSub.best();
    double zoom = GAP_ZOOM * (d.unit() != null && d.unit().isPercent() ? 1 : Math.max(Math.abs(global) / 100, 1e-3));
    List<Pool> pools = new ArrayList<>(r.pools());
    pools.sort(Comparator.comparingInt(Pool::size));
    List<String> labels = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<String> beyond = new ArrayList<>();
    for (Pool p : pools) {
      double g = r.subset(p.label(), d.name()).best() - global;
      if (!Double.isFinite(g)) {
        continue;
      }
      if (g < -zoom) {
        beyond.add(p.label());
        continue;
      }
      labels.add(p.label() + " (" + p.size() + ")");
      ys.add(g);
    }
    String unit = d.diffUnit().isEmpty() ? "" : " (" + d.diffUnit() + ")";
    Plot c = new Plot(title(d, "gap of each subset's best to the best of the full space"),
        "op subset (number of architectures), by size", "best of subset − best of space" + unit, false, false)
        .categories(labels).size(900, 560);
    double lo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(-1);
    c.yRange(Math.min(-zoom / 20, lo - (0 - lo) * 0.08), Math.max(zoom / 20, -lo * 0.06));
    c.add(new Plot.Series("best of subset − best of space", new double[ys.size()],
        ys.stream().mapToDouble(Double::doubleValue).toArray(), null, null, Charts.color(0), null, false, true, false));
    c.rule(0, "best of the full space", Color.GRAY);
    String caption = String.format(Locale.ROOT, "For each operation subset S whose best architecture is within %s%s"
        + " of the best of the full space (x axis, by number of architectures), the best %s of S minus the best of"
        + " the full space%s; 0 = S holds the best architecture. Axis zoomed on that range. Subsets further below,"
        + " not drawn: %s.", Plot.label(zoom, zoom), d.diffUnit().isEmpty() ? "" : " " + d.diffUnit(), d.column(),
        universeNote(),
        beyond.isEmpty() ? "none" : String.join(", ", beyond));
    return render(c, prefix + "-gap-" + d.name(), title(d, "gap of each subset's best to the best"), caption);
  }

  /** Subsets within this many points (pp for accuracies, else % of the best's magnitude) of the top are zoomed on. */
  static final double GAP_ZOOM = 2;

  private Figure histogram(ScanResult.Dataset d) {
    Subset full = r.subset(r.pools().get(r.pools().size() - 1).label(), d.name());
    List<ScanResult.HistogramBin> bins = r.histogram().stream().filter(b -> b.dataset().equals(d.name())).toList();
    // A step outline: each bin's top edge from its lower to its upper bound.
    double[] x = new double[2 * bins.size()];
    double[] y = new double[2 * bins.size()];
    double top = 1;
    for (int i = 0; i < bins.size(); i++) {
      x[2 * i] = bins.get(i).lower();
      x[2 * i + 1] = bins.get(i).upper();
      y[2 * i] = bins.get(i).count();
      y[2 * i + 1] = bins.get(i).count();
      top = Math.max(top, bins.get(i).count());
    }
    Plot c = new Plot(String.format(Locale.ROOT, "%s (n = %d, skewness g1 = %.3f, G1 = %.3f)",
        title(d, "distribution over the space"), full.n(), full.g1(), full.adjustedG1()), d.axisLabel(),
        "architectures per bin", false, false);
    c.add(new Plot.Series("architectures", x, y, new double[x.length], y, Charts.color(0), null, true, false, true));
    if (Double.isFinite(full.median())) {
      c.add(new Plot.Series("median", new double[] {full.median(), full.median()}, new double[] {0, top}, null, null,
          Charts.color(1), null, true, false, true));
    }
    if (Double.isFinite(full.mean())) {
      c.add(new Plot.Series("mean", new double[] {full.mean(), full.mean()}, new double[] {0, top}, null, null,
          Charts.color(6), new float[] {6f, 4f}, true, false, true));
    }
    c.yRange(0, Double.NaN);
    String caption = String.format(Locale.ROOT, "Histogram of %s over all %d architectures of the space with a value"
        + "%s, in %d equal-width bins from the minimum to the maximum. Vertical lines: median (%s) and mean (%s). "
        + "Skewness g1 = m3/m2^1.5 (biased, scipy.stats.skew default) = %s; adjusted G1 = g1*sqrt(n(n-1))/(n-2) "
        + "(scipy bias=False) = %s. A negative value means a long left tail: most architectures are near the top.",
        d.column(), full.n(), universeNote(), bins.size(), fmt(full.median()), fmt(full.mean()), fmt(full.g1()),
        fmt(full.adjustedG1()));
    return render(c, prefix + "-hist-" + d.name(), title(d, "distribution and skewness of the space"), caption);
  }

  private Figure occurrence(ScanResult.Dataset d, String op) {
    List<OccurrenceBox> bs = r.occurrence().stream()
        .filter(b -> b.dataset().equals(d.name()) && b.op().equals(op) && b.n() > 0).toList();
    Plot c = new Plot(title(d, "by number of edges holding " + op), "edges holding " + op + " (architectures)",
        d.axisLabel(), false, false).categories(bs.stream().map(b -> b.count() + " (" + b.n() + ")").toList())
        .size(640, 440);
    for (int i = 0; i < bs.size(); i++) {
      OccurrenceBox b = bs.get(i);
      c.box(new Plot.Box(i, b.whiskerLow(), b.q1(), b.median(), b.q3(), b.whiskerHigh()));
    }
    String caption = "For each count c, the distribution of " + d.column() + " over the architectures"
        + universeNote() + " in which exactly c of the edges hold " + op + " (number of architectures in brackets). "
        + "Boxes: quartiles (linear interpolation, R type 7) and median (orange); whiskers: the most extreme values "
        + "within 1.5 IQR of the box (Tukey); outliers beyond them are not drawn (their number, min and max are in "
        + "the occurrence table).";
    return render(c, prefix + "-occurrence-" + d.name() + "-" + op, title(d, "metric by occurrences of " + op),
        caption);
  }

  private Figure edgeHeatmap(ScanResult.Dataset d) {
    List<String> cols = r.positions();
    double[][] v = new double[r.ops().size()][cols.size()];
    for (double[] row : v) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (EdgeOpMean m : r.edgeOpMeans()) {
      if (m.dataset().equals(d.name()) && Double.isFinite(m.mean())) {
        v[r.ops().indexOf(m.op())][m.position()] = m.mean();
        lo = Math.min(lo, Math.floor(m.mean()));
        hi = Math.max(hi, Math.ceil(m.mean()));
      }
    }
    Plot c = new Plot(title(d, "mean metric per op per edge"), "edge (official order)", "op", false, false)
        .heat(new Plot.Heat(cols, r.ops(), v, lo, hi, "%.2f")).size(800, 460);
    String caption = "Mean of " + d.axisLabel() + " over the architectures" + universeNote() + " that hold each op "
        + "(row) on each edge (column), colour from the lowest (blue) to the highest (red); edges in the official string order (target<-source). Each cell averages "
        + "the same number of architectures (a fifth of the space for NB201 when disconnected cells are kept). "
        + "Values, medians and maxima in the op-edge table.";
    return render(c, prefix + "-op-edge-" + d.name(), title(d, "mean per op per edge"), caption);
  }

  private Figure topRanks() {
    String ref = r.options().reference();
    Plot c = new Plot(r.benchmark() + ": where the top-50 of " + ref + " rank on the other datasets",
        "rank on " + ref, "rank on the other dataset (log scale)", false, true);
    int k = 0;
    for (String ds : r.datasetNames()) {
      if (ds.equals(ref)) {
        continue;
      }
      List<double[]> pts = new ArrayList<>();
      for (TopRank t : r.topRanks()) {
        if (t.dataset().equals(ds) && t.rank() > 0) {
          pts.add(new double[] {t.referenceRank(), t.rank()});
        }
      }
      Color color = Charts.color(k++);
      if (!pts.isEmpty()) {
        c.add(new Plot.Series(ds, pts.stream().mapToDouble(p -> p[0]).toArray(),
            pts.stream().mapToDouble(p -> p[1]).toArray(), null, null, color, null, false, true, true));
      }
    }
    String caption = "The 50 best architectures on " + ref + " (x: their rank there, ties broken by lower "
        + "official index) and their rank on each other dataset (y, log scale; rank = 1 + the number of "
        + "architectures" + universeNote() + " with a strictly higher value). Points near the diagonal mean the "
        + "datasets agree at the top.";
    return render(c, prefix + "-top50-ranks", r.benchmark() + ": top-50 of " + ref + " on the other datasets",
        caption);
  }

  private String universeNote() {
    return r.options().connectedOnly() ? " (connected cells only)" : "";
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static Figure render(Plot plot, String name, String title, String caption) {
    return new Figure(name, title, caption, plot.png(Charts.PNG_SCALE), plot.svg().getBytes(StandardCharsets.UTF_8));
  }

}
