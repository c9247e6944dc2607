package org.nash.analysis.scan;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.BoxStyler.BoxplotCalCulationMethod;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nash.NashException;
import org.nash.analysis.scan.ScanResult.EdgeOpMean;
import org.nash.analysis.scan.ScanResult.OccurrenceBox;
import org.nash.analysis.scan.ScanResult.Pool;
import org.nash.analysis.scan.ScanResult.Subset;
import org.nash.analysis.scan.ScanResult.TopRank;

/** The scan's figures (XChart), each rendered to PNG and SVG bytes from a {@link ScanResult}. */
final class ScanFigures {
  static {
    // No display on servers and CI: AWT must start headless, before XChart touches any AWT class.
    System.setProperty("java.awt.headless", "true");
  }

  /** A rendered figure; {@code name} is the file name without extension. */
  record Figure(String name, String title, String caption, byte[] png, byte[] svg) {}

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

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
    CategoryChart c = new CategoryChartBuilder().width(1000).height(560)
        .title(title(d, "best, 90th percentile and median of each op subset"))
        .xAxisTitle("op subset (number of architectures), by size").yAxisTitle(d.column()).build();
    c.getStyler().setXAxisLabelRotation(90).setLegendPosition(LegendPosition.OutsideE);
    c.getStyler().setSeriesColors(PALETTE).setMarkerSize(8);
    String[][] series = {{"best", "best"}, {"90th percentile", "p90"}, {"median", "median"}};
    for (String[] s : series) {
      List<Double> y = new ArrayList<>();
      for (Pool p : pools) {
        Subset sub = r.subset(p.label(), d.name());
        y.add(finite(switch (s[1]) {
          case "best" -> sub.best();
          case "p90" -> sub.p90();
          default -> sub.median();
        }));
      }
      CategorySeries cs = c.addSeries(s[0], labels, y);
      cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      cs.setMarker(SeriesMarkers.CIRCLE);
    }
    double global = r.subset(r.pools().get(r.pools().size() - 1).label(), d.name()).best();
    c.getStyler().setAnnotationLineColor(Color.GRAY);
    c.addAnnotation(new AnnotationLine(global, false, false));
    String caption = "For each non-empty operation subset S (x axis, ordered by its number of architectures, "
        + "shown in brackets), the best, 90th percentile (linear interpolation, R type 7) and median of "
        + d.column() + " (" + d.description() + ") over the architectures whose ops all lie in S"
        + universeNote() + ". The grey line is the best of the full space. Values in the subsets table.";
    return render(c, prefix + "-best-" + d.name(), title(d, "subset best vs subset size"), caption);
  }

  private Figure histogram(ScanResult.Dataset d) {
    Subset full = r.subset(r.pools().get(r.pools().size() - 1).label(), d.name());
    List<ScanResult.HistogramBin> bins = r.histogram().stream().filter(b -> b.dataset().equals(d.name())).toList();
    double[] x = new double[bins.size() + 1];
    double[] y = new double[bins.size() + 1];
    for (int i = 0; i < bins.size(); i++) {
      x[i] = bins.get(i).lower();
      y[i] = bins.get(i).count();
    }
    if (!bins.isEmpty()) {
      // A step plot needs the last bin's right edge.
      x[bins.size()] = bins.get(bins.size() - 1).upper();
      y[bins.size()] = y[bins.size() - 1];
    }
    XYChart c = new XYChartBuilder().width(900).height(480).title(String.format(Locale.ROOT,
        "%s (n = %d, skewness g1 = %.3f, G1 = %.3f)", title(d, "distribution over the space"), full.n(), full.g1(),
        full.adjustedG1())).xAxisTitle(d.column()).yAxisTitle("architectures per bin").build();
    c.getStyler().setLegendPosition(LegendPosition.InsideNW)
        .setSeriesColors(new Color[] {PALETTE[0], Color.RED, Color.DARK_GRAY});
    XYSeries s = c.addSeries("architectures", x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    s.setMarker(SeriesMarkers.NONE);
    double top = java.util.Arrays.stream(y).max().orElse(1);
    verticalLine(c, "median", full.median(), top);
    verticalLine(c, "mean", full.mean(), top);
    String caption = String.format(Locale.ROOT, "Histogram of %s over all %d architectures of the space with a value"
        + "%s, in %d equal-width bins from the minimum to the maximum. Vertical lines: median (%s) and mean (%s). "
        + "Skewness g1 = m3/m2^1.5 (biased, scipy.stats.skew default) = %s; adjusted G1 = g1*sqrt(n(n-1))/(n-2) "
        + "(scipy bias=False) = %s. A negative value means a long left tail: most architectures are near the top.",
        d.column(), full.n(), universeNote(), bins.size(), fmt(full.median()), fmt(full.mean()), fmt(full.g1()),
        fmt(full.adjustedG1()));
    return render(c, prefix + "-hist-" + d.name(), title(d, "distribution and skewness of the space"), caption);
  }

  /** One chart per op: XChart's box chart mis-sizes its boxes beyond a dozen series. */
  private Figure occurrence(ScanResult.Dataset d, String op) {
    BoxChart c = new BoxChartBuilder().width(640).height(440)
        .title(title(d, "by number of edges holding " + op)).xAxisTitle("edges holding " + op + " (architectures)")
        .yAxisTitle(d.column()).build();
    // Each box is drawn from its five numbers (low whisker, q1, median, q3, high whisker): with R-7
    // quartiles ((n-1)p+1 positions) XChart's box of these five values is exactly the computed box.
    c.getStyler().setBoxplotCalCulationMethod(BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
    c.getStyler().setLegendVisible(false);
    for (OccurrenceBox b : r.occurrence()) {
      if (b.dataset().equals(d.name()) && b.op().equals(op) && b.n() > 0) {
        c.addSeries(b.count() + " (" + b.n() + ")",
            new double[] {b.whiskerLow(), b.q1(), b.median(), b.q3(), b.whiskerHigh()});
      }
    }
    String caption = "For each count c, the distribution of " + d.column() + " over the architectures"
        + universeNote() + " in which exactly c of the edges hold " + op + " (number of architectures in brackets). "
        + "Boxes: quartiles (linear interpolation, R type 7) and median (red); whiskers: the most extreme values "
        + "within 1.5 IQR of the box (Tukey); outliers beyond them are not drawn (their number, min and max are in "
        + "the occurrence table).";
    return render(c, prefix + "-occurrence-" + d.name() + "-" + op, title(d, "metric by occurrences of " + op),
        caption);
  }

  private Figure edgeHeatmap(ScanResult.Dataset d) {
    List<Number[]> cells = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (EdgeOpMean m : r.edgeOpMeans()) {
      if (m.dataset().equals(d.name()) && Double.isFinite(m.mean())) {
        cells.add(new Number[] {m.position(), r.ops().indexOf(m.op()), m.mean()});
        lo = Math.min(lo, Math.floor(m.mean()));
        hi = Math.max(hi, Math.ceil(m.mean()));
      }
    }
    HeatMapChart c = new HeatMapChartBuilder().width(800).height(460)
        .title(title(d, "mean metric per op per edge")).xAxisTitle("edge (official order)").yAxisTitle("op").build();
    c.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("#.##").setMin(lo).setMax(hi)
        .setRangeColors(new Color[] {new Color(0x313695), new Color(0xffffbf), new Color(0xa50026)});
    c.addSeries("mean", r.positions(), r.ops(), cells);
    String caption = "Mean of " + d.column() + " over the architectures" + universeNote() + " that hold each op "
        + "(row) on each edge (column); edges in the official string order (target<-source). Each cell averages "
        + "the same number of architectures (a fifth of the space for NB201 when disconnected cells are kept). "
        + "Values, medians and maxima in the op-edge table.";
    return render(c, prefix + "-op-edge-" + d.name(), title(d, "mean per op per edge"), caption);
  }

  private Figure topRanks() {
    String ref = r.options().reference();
    XYChart c = new XYChartBuilder().width(900).height(520)
        .title(r.benchmark() + ": where the top-50 of " + ref + " rank on the other datasets")
        .xAxisTitle("rank on " + ref).yAxisTitle("rank on the other dataset (log)").build();
    c.getStyler().setYAxisLogarithmic(true).setSeriesColors(PALETTE).setMarkerSize(7)
        .setLegendPosition(LegendPosition.InsideNW);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    for (String ds : r.datasetNames()) {
      if (ds.equals(ref)) {
        continue;
      }
      List<Integer> x = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      for (TopRank t : r.topRanks()) {
        if (t.dataset().equals(ds) && t.rank() > 0) {
          x.add(t.referenceRank());
          y.add(t.rank());
        }
      }
      if (!x.isEmpty()) {
        c.addSeries(ds, x, y);
      }
    }
    String caption = "The 50 best architectures on " + ref + " (x: their rank there, ties broken by lower "
        + "official index) and their rank on each other dataset (y, log scale; rank = 1 + the number of "
        + "architectures" + universeNote() + " with a strictly higher value). Points near the diagonal mean the "
        + "datasets agree at the top.";
    return render(c, prefix + "-top50-ranks", r.benchmark() + ": top-50 of " + ref + " on the other datasets",
        caption);
  }

  private static void verticalLine(XYChart c, String name, double x, double height) {
    if (Double.isFinite(x)) {
      XYSeries s = c.addSeries(name, new double[] {x, x}, new double[] {0, height});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
    }
  }

  private String universeNote() {
    return r.options().connectedOnly() ? " (connected cells only)" : "";
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static Figure render(Chart<?, ?> chart, String name, String title, String caption) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return new Figure(name, title, caption, png.toByteArray(), svg.toByteArray());
    } catch (IOException | RuntimeException e) {
      throw new NashException("cannot render the figure " + name + ": " + e, e);
    }
  }
}
