package org.nash.analysis.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nash.NashException;
import org.nash.io.AtomicFiles;

/**
 * Line figures with optional shaded bands (XChart), saved as PNG and SVG twins. Colours follow
 * the series' colour index, dashes the dash index, so the same searcher or pool looks the same in
 * every figure of a report.
 */
public final class Charts {
  static {
    // XChart draws with AWT; on a server there is no display. Must be set before AWT initialises.
    System.setProperty("java.awt.headless", "true");
  }

  public static final int WIDTH = 900;
  public static final int HEIGHT = 520;
  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};
  private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {10f, 4f, 2f, 4f}};

  /** One line; {@code lo}/{@code hi} (or null) bound a shaded band around it. */
  public record Series(String name, double[] x, double[] y, double[] lo, double[] hi, int color, int dash) {}

  private Charts() {}

  public static XYChart lines(String title, String xLabel, String yLabel, boolean logX, List<Series> series) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    XYStyler st = chart.getStyler();
    chart.getStyler().setXAxisLogarithmic(logX);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xdddddd));
    st.setAntiAlias(true);
    chart.getStyler().setDecimalPattern("#,##0.###");
    for (Series s : series) {
      if (s.lo() != null && s.hi() != null && s.x().length > 1) {
        band(chart, s);
      }
    }
    for (Series s : series) {
      XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
      line.setXYSeriesRenderStyle(s.x().length == 1 ? XYSeries.XYSeriesRenderStyle.Scatter
          : XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(s.x().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      Color c = color(s.color());
      line.setLineColor(c);
      line.setMarkerColor(c);
      float[] dash = DASHES[Math.floorMod(s.dash(), DASHES.length)];
      line.setLineStyle(dash == null ? new BasicStroke(2f)
          : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
    }
    return chart;
  }

  private static void band(XYChart chart, Series s) {
    int n = s.x().length;
    double[] px = new double[2 * n];
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      px[i] = s.x()[i];
      py[i] = s.hi()[i];
      px[2 * n - 1 - i] = s.x()[i];
      py[2 * n - 1 - i] = s.lo()[i];
    }
    XYSeries band = chart.addSeries(s.name() + " (95% band)", px, py);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    Color c = color(s.color());
    band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 45));
    band.setLineColor(new Color(0, 0, 0, 0));
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
  }

  public static Color color(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }

  /** Writes {@code base}.png and {@code base}.svg under {@code dir}, each atomically. */
  public static void save(XYChart chart, Path dir, String base) {
    try {
      AtomicFiles.writeAtomically(dir.resolve(base + ".png"),
          BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      AtomicFiles.writeAtomically(dir.resolve(base + ".svg"), svg.toByteArray());
    } catch (IOException e) {
      throw new NashException("cannot draw " + dir.resolve(base) + ": " + e.getMessage(), e);
    }
  }

  /** Keeps the points where {@code keep} is true. */
  public static double[] select(double[] v, boolean[] keep) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (keep[i]) {
        out.add(v[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
