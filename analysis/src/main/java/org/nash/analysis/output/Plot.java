package org.nash.analysis.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line figure drawn by nash itself, once for a PNG (Java2D, at any scale) and once for an SVG
 * whose text is SVG {@code <text>} (XChart's SVG draws every glyph as an outline path: 0.3-0.9 MB a
 * figure). One layout feeds both, so the two files show the same figure. It draws what the
 * report's figures need: lines with a dash per pool, shaded bands, point markers, linear or log
 * axes with their range fixed or fitted to the data, category labels on x, horizontal reference
 * lines, and a legend to the right. White theme, the same for every figure.
 */
public final class Plot implements Figure {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * One series. {@code lo}/{@code hi} (or null) bound a shaded band; {@code markers} draws a dot
   * at each point ({@code line} false: dots only); {@code legend} false hides it from the legend.
   */
  public record Series(String name, double[] x, double[] y, double[] lo, double[] hi, Color color, float[] dash,
      boolean line, boolean markers, boolean legend) {}

  /** A box at category {@code at}: whiskers {@code lo}..{@code hi}, box q1..q3, median line. */
  public record Box(int at, double lo, double q1, double median, double q3, double hi) {}

  /** A horizontal reference line at {@code y}, labelled at the right end of the plot. */
  public record Rule(double y, String label, Color color) {}

  private static final String FONT = "DejaVu Sans";
  /** Held so the level set on it is not lost when the logger is collected. */
  private static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");
  private static final Color AXIS = new Color(0x444444);
  private static final Color GRID = new Color(0xe6e6e6);

  String title;
  final String xLabel;
  final String yLabel;
  final boolean logX;
  final boolean logY;
  final List<Series> series = new ArrayList<>();
  final List<Rule> rules = new ArrayList<>();
  final List<Box> boxes = new ArrayList<>();
  double xMin = Double.NaN;
  double xMax = Double.NaN;
  double yMin = Double.NaN;
  double yMax = Double.NaN;
  List<String> categories;
  Heat heat;

  /** A heat map: {@code values[row][col]} (NaN: no cell), coloured from lo (blue) via yellow to hi (red). */
  public record Heat(List<String> cols, List<String> rows, double[][] values, double lo, double hi, String format) {}
  int width = 900;
  int height = 520;
  Look look = Look.SCREEN;
  /** A short bold label above the plot area (a panel's dataset), or null. */
  String tag;
  LegendAt legend = LegendAt.RIGHT;

  /** Where the legend goes: right of the plot (the page), below it (papers) or nowhere (a panel of a figure). */
  public enum LegendAt { RIGHT, BELOW, NONE }

  /**
   * Font sizes (in the figure's units: px on screen, pt in a paper figure), line width and dot radius.
   * Paddings scale with {@code axis} / 13.
   */
  public record Look(float title, float axis, float tick, float legend, float small, float line, double dot) {
    public static final Look SCREEN = new Look(15f, 13f, 12f, 12f, 11f, 2f, 3.5);
    /** 9 pt labels, 8 pt ticks and legend: the size of a paper's caption text. */
    public static final Look PAPER = new Look(9f, 9f, 8f, 8f, 7f, 1.2f, 1.8);
  }

  public Plot(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  public Plot add(Series s) {
    series.add(s);
    return this;
  }

  public List<Series> series() {
    return series;
  }

  /** Adds a box (needs {@link #categories}). */
  public Plot box(Box b) {
    boxes.add(b);
    return this;
  }

  public Plot rule(double y, String label, Color color) {
    rules.add(new Rule(y, label, color));
    return this;
  }

  /** Fixes the y range (NaN: fitted to the data). */
  public Plot yRange(double min, double max) {
    yMin = min;
    yMax = max;
    return this;
  }

  public Plot xRange(double min, double max) {
    xMin = min;
    xMax = max;
    return this;
  }

  /** Category labels on x: point i of a series is drawn at category i (x values are ignored). */
  public Plot categories(List<String> labels) {
    categories = List.copyOf(labels);
    return this;
  }

  /** Makes this figure a heat map (series, boxes and rules are not drawn). */
  public Plot heat(Heat h) {
    heat = h;
    return this;
  }

  /** The look of a figure for a paper: 8-9 pt text, thin lines, no title, the legend below. */
  public Plot paper() {
    look = Look.PAPER;
    legend = LegendAt.BELOW;
    title = null;
    return this;
  }

  /** A short label above the plot area (e.g. the dataset of one panel of a paper figure). */
  public Plot tag(String t) {
    tag = t;
    return this;
  }

  public Plot legend(LegendAt at) {
    legend = at;
    return this;
  }

  public Plot look(Look l) {
    look = l;
    return this;
  }

  public Plot size(int w, int h) {
    width = w;
    height = h;
    return this;
  }

  // ---- drawing surface: Java2D or SVG text ----

  /** A drawing surface: Java2D (PNG, PDF) or SVG text. */
  public interface Canvas {
    void polyline(double[] x, double[] y, int n, Color c, float width, float[] dash);

    void polygon(double[] x, double[] y, int n, Color fill);

    void dot(double x, double y, double r, Color c);

    void rect(double x, double y, double w, double h, Color stroke);

    /** {@code anchor}: -1 start, 0 middle, 1 end; {@code vertical}: rotated -90 degrees. */
    void text(double x, double y, String s, float size, boolean bold, int anchor, boolean vertical, Color c);

    void clip(double x, double y, double w, double h);

    void unclip();
  }

  private static final Graphics2D MEASURE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();

  static double textWidth(String s, float size, boolean bold) {
    FontMetrics fm = MEASURE.getFontMetrics(new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size));
    return fm.stringWidth(s);
  }

  /** PNG bytes at {@code scale} times the figure's size (2 = sharp on high-density screens and in print). */
  public byte[] png(int scale) {
    return png(this, scale);
  }

  /** The figure as SVG, text as {@code <text>} elements, coordinates to 0.1 px. */
  public String svg() {
    return svg(this);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public boolean points() {
    return look == Look.PAPER;
  }

  /** PNG bytes of any figure at {@code scale} times its size. */
  public static byte[] png(Figure f, int scale) {
    BufferedImage img = new BufferedImage(f.width() * scale, f.height() * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.scale(scale, scale);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, f.width(), f.height());
    f.draw(new Java2D(g));
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /**
   * Any figure as SVG. A paper figure ({@link Figure#points()}) is sized in pt, so it has its
   * physical size (3.3 in = 237.6 pt) wherever it is placed; a screen figure in px.
   */
  public static String svg(Figure f) {
    Svg s = new Svg();
    String unit = f.points() ? "pt" : "";
    s.out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d%s\" height=\"%d%s\""
        + " viewBox=\"0 0 %d %d\" font-family=\"'DejaVu Sans', Verdana, sans-serif\">\n"
        + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n", f.width(), unit, f.height(), unit, f.width(),
        f.height()));
    f.draw(s);
    s.out.append("</svg>\n");
    return s.out.toString();
  }

  /**
   * Any figure as a one-page vector PDF of its size in pt, drawn through the same Java2D calls as the
   * PNG by pdfbox-graphics2d (on the class path with XChart); text is real PDF text (Helvetica for
   * the sans-serif font) where the standard fonts have the glyphs, outlines otherwise.
   */
  public static byte[] pdf(Figure f) {
    // pdfbox says on every standard font that it measures with a metric-compatible system font: not news.
    PDFBOX_LOG.setLevel(java.util.logging.Level.SEVERE);
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.pdmodel.PDPage page =
          new org.apache.pdfbox.pdmodel.PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(f.width(), f.height()));
      doc.addPage(page);
      de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D g =
          new de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D(doc, f.width(), f.height());
      g.setFontTextDrawer(new de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawerDefaultFonts());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, f.width(), f.height());
      f.draw(new Java2D(g));
      g.dispose();
      try (org.apache.pdfbox.pdmodel.PDPageContentStream cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
        cs.drawForm(g.getXFormObject());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.getDocumentInformation().setCreator("nash");
      // A fixed trailer /ID (pdfbox derives it from the time otherwise): a rerun writes the same bytes.
      doc.setDocumentId(0L);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a PDF figure: " + e.getMessage(), e);
    }
  }

  // ---- layout ----

  private record Axis(double lo, double hi, boolean log, double[] ticks, List<String> labels) {
    double frac(double v) {
      return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    }
  }

  @Override
  public void draw(Canvas c) {
    if (heat != null) {
      drawHeat(c);
      return;
    }
    float fs = look.axis();
    double sc = look.axis() / 13.0;
    Axis ax = categories != null ? categoryAxis() : axis(true);
    Axis ay = axis(false);
    if (look == Look.PAPER) {
      ax = categories != null ? ax : compact(ax);
      ay = compact(ay);
    }
    List<Series> inLegend = series.stream().filter(Series::legend).toList();
    double legendW = 0;
    if (legend == LegendAt.RIGHT) {
      for (Series s : inLegend) {
        legendW = Math.max(legendW, textWidth(s.name(), look.legend(), false) + 40 * sc);
      }
    }
    double legendH = legend == LegendAt.BELOW ? legendRows(inLegend, width - 10 * sc).size() * look.legend() * 1.5 : 0;
    double yTickW = 0;
    for (String l : ay.labels()) {
      yTickW = Math.max(yTickW, textWidth(l, look.tick(), false));
    }
    double xTickH = 0;
    if (categories != null) {
      for (String l : ax.labels()) {
        xTickH = Math.max(xTickH, textWidth(l, look.small(), false));
      }
    }
    double left = (yLabel == null || yLabel.isEmpty() ? 8 : 30) * sc + yTickW + 12 * sc;
    double top = title == null || title.isEmpty() ? 15 * sc : 42;
    double right = width - (legendW > 0 ? legendW + 22 * sc : 20 * sc);
    double bottom = height - legendH - (categories != null ? xTickH + 40 * sc : 52 * sc);
    if (tag != null) {
      top += look.tick() * 1.3;
    }
    double pw = right - left;
    double ph = bottom - top;
    // Labels that would overlap are thinned (decades first on a log axis), never drawn over each other.
    ax = categories != null ? ax : thin(ax, pw, true);
    ay = thin(ay, ph, false);
    if (title != null && !title.isEmpty()) {
      c.text(width / 2.0, 25, title, look.title(), true, 0, false, Color.BLACK);
    }
    if (tag != null) {
      double tw = textWidth(tag, look.tick(), true);
      float size = tw <= width - 4 ? look.tick() : Math.max(5f, (float) (look.tick() * (width - 4) / tw));
      double half = textWidth(tag, size, true) / 2 + 2;
      c.text(Math.min(Math.max(left + pw / 2, half), width - half), top - 5 * sc, tag, size, true, 0, false, Color.BLACK);
    }
    // grid and ticks
    for (int i = 0; i < ay.ticks().length; i++) {
      double y = bottom - ay.frac(ay.ticks()[i]) * ph;
      c.polyline(new double[] {left, right}, new double[] {y, y}, 2, GRID, 1f, null);
      c.text(left - 6 * sc, y + look.tick() / 3, ay.labels().get(i), look.tick(), false, 1, false, AXIS);
    }
    for (int i = 0; i < ax.ticks().length; i++) {
      double x = left + ax.frac(ax.ticks()[i]) * pw;
      c.polyline(new double[] {x, x}, new double[] {top, bottom}, 2, GRID, 1f, null);
      if (categories != null) {
        c.text(x + 4 * sc, bottom + 8 * sc, ax.labels().get(i), look.small(), false, 1, true, AXIS);
      } else {
        c.text(x, bottom + look.tick() + 5 * sc, ax.labels().get(i), look.tick(), false, 0, false, AXIS);
      }
    }
    c.rect(left, top, pw, ph, AXIS);
    c.text(left + pw / 2, height - legendH - 12 * sc, xLabel, fs, false, 0, false, Color.BLACK);
    if (yLabel != null && !yLabel.isEmpty()) {
      c.text(16 * sc, top + ph / 2, yLabel, fs, false, 0, true, Color.BLACK);
    }
    // data, clipped to the plot
    c.clip(left, top, pw, ph);
    for (Series s : series) {
      if (s.lo() != null && s.hi() != null && s.x().length > 1) {
        int n = s.x().length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
          px[k] = left + ax.frac(xAt(s, i)) * pw;
          py[k++] = bottom - ay.frac(clampLog(s.hi()[i], ay)) * ph;
        }
        for (int i = n - 1; i >= 0; i--) {
          px[k] = left + ax.frac(xAt(s, i)) * pw;
          py[k++] = bottom - ay.frac(clampLog(s.lo()[i], ay)) * ph;
        }
        Color f = s.color();
        c.polygon(px, py, k, new Color(f.getRed(), f.getGreen(), f.getBlue(), 40));
      }
    }
    for (Box b : boxes) {
      double x = left + ax.frac(b.at()) * pw;
      double hw = Math.min(28, pw / Math.max(1, categories.size()) * 0.3);
      double yLo = bottom - ay.frac(b.lo()) * ph;
      double yQ1 = bottom - ay.frac(b.q1()) * ph;
      double yMed = bottom - ay.frac(b.median()) * ph;
      double yQ3 = bottom - ay.frac(b.q3()) * ph;
      double yHi = bottom - ay.frac(b.hi()) * ph;
      c.polyline(new double[] {x, x}, new double[] {yLo, yQ1}, 2, AXIS, 1.2f, null);
      c.polyline(new double[] {x, x}, new double[] {yQ3, yHi}, 2, AXIS, 1.2f, null);
      c.polyline(new double[] {x - hw / 2, x + hw / 2}, new double[] {yLo, yLo}, 2, AXIS, 1.2f, null);
      c.polyline(new double[] {x - hw / 2, x + hw / 2}, new double[] {yHi, yHi}, 2, AXIS, 1.2f, null);
      c.polygon(new double[] {x - hw, x + hw, x + hw, x - hw}, new double[] {yQ1, yQ1, yQ3, yQ3}, 4,
          new Color(0x0072b2 | 0x50000000, true));
      c.rect(x - hw, yQ3, 2 * hw, yQ1 - yQ3, new Color(0x0072b2));
      c.polyline(new double[] {x - hw, x + hw}, new double[] {yMed, yMed}, 2, new Color(0xd55e00), 2.5f, null);
    }
    for (Rule r : rules) {
      double y = bottom - ay.frac(r.y()) * ph;
      c.polyline(new double[] {left, right}, new double[] {y, y}, 2, r.color(), 1.2f, new float[] {6f, 4f});
    }
    for (Series s : series) {
      int n = s.x().length;
      double[] px = new double[n];
      double[] py = new double[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        double yv = s.y()[i];
        if (!Double.isFinite(yv) || ay.log() && yv <= 0) {
          continue;
        }
        px[k] = left + ax.frac(xAt(s, i)) * pw;
        py[k++] = bottom - ay.frac(yv) * ph;
      }
      if (s.line() && k > 1) {
        c.polyline(px, py, k, s.color(), look.line(), s.dash());
      }
      if (s.markers() || k == 1) {
        for (int i = 0; i < k; i++) {
          c.dot(px[i], py[i], look.dot(), s.color());
        }
      }
    }
    c.unclip();
    for (Rule r : rules) {
      double y = bottom - ay.frac(r.y()) * ph;
      if (r.label() != null && y >= top && y <= bottom) {
        c.text(left + 6 * sc, y - 4 * sc, r.label(), look.small(), false, -1, false, r.color());
      }
    }
    if (legend == LegendAt.RIGHT) {
      double ly = top + 6;
      for (Series s : inLegend) {
        legendEntry(c, s, right + 12, ly, sc);
        ly += 19 * sc;
      }
    } else if (legend == LegendAt.BELOW) {
      drawLegendBelow(c, inLegend, 0, height - legendH, width, look, sc);
    }
  }

  /** One legend entry (line sample or dot, then the name) with its top-left corner at (x, y). */
  private void legendEntry(Canvas c, Series s, double x, double y, double k) {
    if (s.line()) {
      c.polyline(new double[] {x, x + 26 * k}, new double[] {y + 6 * k, y + 6 * k}, 2, s.color(), look.line(), s.dash());
    }
    if (s.markers() || !s.line()) {
      c.dot(x + 13 * k, y + 6 * k, look.dot(), s.color());
    }
    c.text(x + 32 * k, y + 6 * k + look.legend() / 3, s.name(), look.legend(), false, -1, false, Color.BLACK);
  }

  /** The legend's entries split into rows that fit {@code width}. */
  static List<List<Series>> legendRows(List<Series> entries, double width, Look look) {
    double k = look.axis() / 13.0;
    List<List<Series>> rows = new ArrayList<>();
    List<Series> row = new ArrayList<>();
    double used = 0;
    for (Series s : entries) {
      double w = textWidth(s.name(), look.legend(), false) + 44 * k;
      if (!row.isEmpty() && used + w > width) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(s);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private List<List<Series>> legendRows(List<Series> entries, double width) {
    return legendRows(entries, width, look);
  }

  /** A legend in centred rows inside the band (x, y, w) at the bottom of a figure. */
  static void drawLegendBelow(Canvas c, List<Series> entries, double x, double y, double w, Look look, double k) {
    Plot p = new Plot(null, null, null, false, false);
    p.look = look;
    double ly = y + look.legend() * 0.25;
    for (List<Series> row : legendRows(entries, w - 10 * k, look)) {
      double rowW = 0;
      for (Series s : row) {
        rowW += textWidth(s.name(), look.legend(), false) + 44 * k;
      }
      double lx = x + (w - rowW) / 2 + 6 * k;
      for (Series s : row) {
        p.legendEntry(c, s, lx, ly, k);
        lx += textWidth(s.name(), look.legend(), false) + 44 * k;
      }
      ly += look.legend() * 1.5;
    }
  }

  /** Tick labels of a paper figure: 1k, 20k, 1.5M instead of 1,000, 20,000, 1,500,000. */
  private static Axis compact(Axis a) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.ticks().length; i++) {
      double v = a.ticks()[i];
      double m = Math.abs(v);
      out.add(m >= 1e6 ? trim(v / 1e6) + "M" : m >= 1e3 ? trim(v / 1e3) + "k" : a.labels().get(i));
    }
    return new Axis(a.lo(), a.hi(), a.log(), a.ticks(), out);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** The axis with every other tick (on a log axis: first only the decades) until its labels fit {@code room}. */
  private Axis thin(Axis a, double room, boolean horizontal) {
    double[] t = a.ticks();
    List<String> l = a.labels();
    while (t.length > 1 && !fits(l, room, horizontal)) {
      boolean decades = a.log() && java.util.Arrays.stream(t).anyMatch(v -> !isDecade(v))
          && java.util.Arrays.stream(t).filter(Plot::isDecade).count() >= 2;
      List<Double> keptT = new ArrayList<>();
      List<String> keptL = new ArrayList<>();
      int kept = 0;
      for (int i = 0; i < t.length; i++) {
        boolean keep = decades ? isDecade(t[i]) : i % 2 == 0;
        if (keep) {
          keptT.add(t[i]);
          keptL.add(l.get(i));
          kept++;
        }
      }
      if (kept == t.length) {
        break;
      }
      t = keptT.stream().mapToDouble(Double::doubleValue).toArray();
      l = keptL;
    }
    return new Axis(a.lo(), a.hi(), a.log(), t, l);
  }

  private boolean fits(List<String> labels, double room, boolean horizontal) {
    if (!horizontal) {
      return labels.size() * look.tick() * 1.4 <= room;
    }
    double w = 0;
    for (String s : labels) {
      w += textWidth(s, look.tick(), false) + look.tick() * 0.8;
    }
    return w <= room;
  }

  private static boolean isDecade(double v) {
    double e = Math.log10(v);
    return v > 0 && Math.abs(e - Math.rint(e)) < 1e-9;
  }

  private static final Color[] HEAT = {new Color(0x313695), new Color(0xffffbf), new Color(0xa50026)};

  static Color heatColor(double f) {
    f = Math.max(0, Math.min(1, Double.isNaN(f) ? 0 : f));
    Color a = f < 0.5 ? HEAT[0] : HEAT[1];
    Color b = f < 0.5 ? HEAT[1] : HEAT[2];
    double t = f < 0.5 ? f * 2 : (f - 0.5) * 2;
    return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
  }

  private void drawHeat(Canvas c) {
    Heat h = heat;
    double rowW = 0;
    for (String r : h.rows()) {
      rowW = Math.max(rowW, textWidth(r, 12f, false));
    }
    double left = 30 + rowW + 10;
    double top = title == null || title.isEmpty() ? 15 : 42;
    double right = width - 90;
    double bottom = height - 52;
    double cw = (right - left) / h.cols().size();
    double ch = (bottom - top) / h.rows().size();
    if (title != null && !title.isEmpty()) {
      c.text(width / 2.0, 25, title, 15f, true, 0, false, Color.BLACK);
    }
    for (int r = 0; r < h.rows().size(); r++) {
      double y = top + r * ch;
      c.text(left - 6, y + ch / 2 + 4, h.rows().get(r), 12f, false, 1, false, AXIS);
      for (int k = 0; k < h.cols().size(); k++) {
        double v = h.values()[r][k];
        if (Double.isNaN(v)) {
          continue;
        }
        double f = (v - h.lo()) / (h.hi() - h.lo());
        double x = left + k * cw;
        c.polygon(new double[] {x, x + cw, x + cw, x}, new double[] {y, y, y + ch, y + ch}, 4, heatColor(f));
        Color ink = f < 0.2 || f > 0.8 ? Color.WHITE : Color.BLACK;
        c.text(x + cw / 2, y + ch / 2 + 4, String.format(Locale.ROOT, h.format(), v), 11f, false, 0, false, ink);
      }
    }
    for (int k = 0; k < h.cols().size(); k++) {
      c.text(left + k * cw + cw / 2, bottom + 17, h.cols().get(k), 11f, false, 0, false, AXIS);
    }
    c.rect(left, top, right - left, bottom - top, AXIS);
    c.text(left + (right - left) / 2, height - 12, xLabel, 13f, false, 0, false, Color.BLACK);
    c.text(16, top + (bottom - top) / 2, yLabel, 13f, false, 0, true, Color.BLACK);
    // Colour scale.
    int steps = 24;
    double bx = right + 22;
    double bh = (bottom - top) / steps;
    for (int i = 0; i < steps; i++) {
      double y = bottom - (i + 1) * bh;
      c.polygon(new double[] {bx, bx + 16, bx + 16, bx}, new double[] {y, y, y + bh + 0.5, y + bh + 0.5}, 4,
          heatColor((i + 0.5) / steps));
    }
    c.rect(bx, top, 16, bottom - top, AXIS);
    c.text(bx + 20, top + 10, label(h.hi(), Math.abs(h.hi() - h.lo()) / 10), 11f, false, -1, false, AXIS);
    c.text(bx + 20, bottom, label(h.lo(), Math.abs(h.hi() - h.lo()) / 10), 11f, false, -1, false, AXIS);
  }

  private double xAt(Series s, int i) {
    return categories != null ? i : s.x()[i];
  }

  private static double clampLog(double v, Axis a) {
    if (!Double.isFinite(v)) {
      return a.lo();
    }
    return a.log() ? Math.max(v, a.lo()) : v;
  }

  private Axis categoryAxis() {
    int n = categories.size();
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    return new Axis(-0.6, n - 0.4, false, t, categories);
  }

  private Axis axis(boolean x) {
    boolean log = x ? logX : logY;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      double[] v = x ? s.x() : s.y();
      for (int i = 0; i < v.length; i++) {
        double a = v[i];
        if (Double.isFinite(a) && (!log || a > 0)) {
          lo = Math.min(lo, a);
          hi = Math.max(hi, a);
        }
        if (!x && s.lo() != null) {
          for (double b : new double[] {s.lo()[i], s.hi()[i]}) {
            if (Double.isFinite(b) && (!log || b > 0)) {
              lo = Math.min(lo, b);
              hi = Math.max(hi, b);
            }
          }
        }
      }
    }
    if (!x) {
      for (Box bx : boxes) {
        lo = Math.min(lo, bx.lo());
        hi = Math.max(hi, bx.hi());
      }
      for (Rule r : rules) {
        lo = Math.min(lo, r.y());
        hi = Math.max(hi, r.y());
      }
    }
    double fixedLo = x ? xMin : yMin;
    double fixedHi = x ? xMax : yMax;
    if (!Double.isNaN(fixedLo)) {
      lo = fixedLo;
    }
    if (!Double.isNaN(fixedHi)) {
      hi = fixedHi;
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      lo = log ? 1 : 0;
      hi = log ? 10 : 1;
    }
    if (log && x) {
      // x spans exactly the data (a budget of 120,000 s should not stretch the axis to 200,000).
      return logAxis(lo, hi, true, true);
    }
    if (log) {
      return logAxis(lo, hi, !Double.isNaN(fixedLo), !Double.isNaN(fixedHi));
    }
    if (hi - lo < 1e-12) {
      double d = Math.max(Math.abs(lo) * 0.05, 1e-6);
      lo -= d;
      hi += d;
    }
    double step = niceStep((hi - lo) / 6);
    double a = Double.isNaN(fixedLo) ? Math.floor(lo / step) * step : lo;
    double b = Double.isNaN(fixedHi) ? Math.ceil(hi / step) * step : hi;
    List<Double> ticks = new ArrayList<>();
    for (double t = Math.ceil(a / step - 1e-9) * step; t <= b + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return new Axis(a, b, false, ticks.stream().mapToDouble(Double::doubleValue).toArray(),
        ticks.stream().map(t -> label(t, step)).toList());
  }

  private static Axis logAxis(double lo, double hi, boolean fixedLo, boolean fixedHi) {
    if (hi <= lo) {
      hi = lo * 10;
    }
    double a = fixedLo ? lo : Math.pow(10, Math.floor(Math.log10(lo) + 1e-9));
    double b = fixedHi ? hi : Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
    if (!fixedLo && !fixedHi && b / a > 10) {
      // Tighter than whole decades when the data leave most of the first or last decade empty.
      a = Math.max(a, niceLogBound(lo, false));
      b = Math.min(b, niceLogBound(hi, true));
    }
    double decades = Math.log10(b / a);
    double[] mult = decades > 4 ? new double[] {1} : decades > 1.5 ? new double[] {1, 2, 5} : new double[] {1, 2, 3, 5};
    List<Double> ticks = new ArrayList<>();
    for (int e = (int) Math.floor(Math.log10(a)) - 1; e <= (int) Math.ceil(Math.log10(b)); e++) {
      for (double m : mult) {
        double t = m * Math.pow(10, e);
        if (t >= a * (1 - 1e-9) && t <= b * (1 + 1e-9)) {
          ticks.add(t);
        }
      }
    }
    return new Axis(a, b, true, ticks.stream().mapToDouble(Double::doubleValue).toArray(),
        ticks.stream().map(t -> label(t, t)).toList());
  }

  /** The nearest 1-2-5 multiple below (or above) {@code v}. */
  private static double niceLogBound(double v, boolean up) {
    double e = Math.pow(10, Math.floor(Math.log10(v)));
    double[] m = {1, 2, 5, 10};
    if (up) {
      for (double k : m) {
        if (k * e >= v * (1 - 1e-9)) {
          return k * e;
        }
      }
      return 10 * e;
    }
    for (int i = m.length - 1; i >= 0; i--) {
      if (m[i] * e <= v * (1 + 1e-9)) {
        return m[i] * e;
      }
    }
    return e;
  }

  static double niceStep(double raw) {
    double e = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / e;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * e;
  }

  /** A tick label: grouped thousands for large values, as many decimals as the step needs. */
  public static String label(double v, double step) {
    double a = Math.abs(step);
    if (Math.abs(v) >= 1e6 || Math.abs(v) > 0 && Math.abs(v) < 1e-3) {
      return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-");
    }
    int decimals = a >= 1 ? 0 : (int) Math.ceil(-Math.log10(a) - 1e-9);
    if (decimals > 0 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
      decimals++;
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  // ---- the two canvases ----

  /** Another canvas with the origin moved to (dx, dy): one panel of a figure of several. */
  static final class Shifted implements Canvas {
    final Canvas c;
    final double dx;
    final double dy;

    Shifted(Canvas c, double dx, double dy) {
      this.c = c;
      this.dx = dx;
      this.dy = dy;
    }

    private double[] xs(double[] x, int n) {
      double[] o = new double[n];
      for (int i = 0; i < n; i++) {
        o[i] = x[i] + dx;
      }
      return o;
    }

    private double[] ys(double[] y, int n) {
      double[] o = new double[n];
      for (int i = 0; i < n; i++) {
        o[i] = y[i] + dy;
      }
      return o;
    }

    @Override
    public void polyline(double[] x, double[] y, int n, Color col, float width, float[] dash) {
      c.polyline(xs(x, n), ys(y, n), n, col, width, dash);
    }

    @Override
    public void polygon(double[] x, double[] y, int n, Color fill) {
      c.polygon(xs(x, n), ys(y, n), n, fill);
    }

    @Override
    public void dot(double x, double y, double r, Color col) {
      c.dot(x + dx, y + dy, r, col);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color stroke) {
      c.rect(x + dx, y + dy, w, h, stroke);
    }

    @Override
    public void text(double x, double y, String s, float size, boolean bold, int anchor, boolean vertical, Color col) {
      c.text(x + dx, y + dy, s, size, bold, anchor, vertical, col);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
      c.clip(x + dx, y + dy, w, h);
    }

    @Override
    public void unclip() {
      c.unclip();
    }
  }

  static final class Java2D implements Canvas {
    final Graphics2D g;

    Java2D(Graphics2D g) {
      this.g = g;
    }

    @Override
    public void polyline(double[] x, double[] y, int n, Color c, float width, float[] dash) {
      Path2D.Double p = new Path2D.Double();
      p.moveTo(x[0], y[0]);
      for (int i = 1; i < n; i++) {
        p.lineTo(x[i], y[i]);
      }
      g.setColor(c);
      g.setStroke(dash == null ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
          : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
      g.draw(p);
    }

    @Override
    public void polygon(double[] x, double[] y, int n, Color fill) {
      Path2D.Double p = new Path2D.Double();
      p.moveTo(x[0], y[0]);
      for (int i = 1; i < n; i++) {
        p.lineTo(x[i], y[i]);
      }
      p.closePath();
      g.setColor(fill);
      g.fill(p);
    }

    @Override
    public void dot(double x, double y, double r, Color c) {
      g.setColor(c);
      g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    @Override
    public void rect(double x, double y, double w, double h, Color stroke) {
      g.setColor(stroke);
      g.setStroke(new BasicStroke(1f));
      g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void text(double x, double y, String s, float size, boolean bold, int anchor, boolean vertical, Color c) {
      g.setFont(new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size));
      g.setColor(c);
      double w = g.getFontMetrics().stringWidth(s);
      double dx = anchor < 0 ? 0 : anchor == 0 ? -w / 2 : -w;
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      if (vertical) {
        g.rotate(-Math.PI / 2);
      }
      g.drawString(s, (float) dx, 0f);
      g.setTransform(saved);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
      g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
      g.setClip(null);
    }
  }

  static final class Svg implements Canvas {
    final StringBuilder out = new StringBuilder();
    int clips;

    private static String f(double v) {
      double r = Math.rint(v * 10) / 10;
      return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    private static String rgb(Color c) {
      return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String points(double[] x, double[] y, int n) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append(f(x[i])).append(',').append(f(y[i]));
      }
      return b.toString();
    }

    @Override
    public void polyline(double[] x, double[] y, int n, Color c, float width, float[] dash) {
      out.append("<polyline fill=\"none\" stroke=\"").append(rgb(c)).append("\" stroke-width=\"").append(f(width))
          .append('"');
      if (c.getAlpha() < 255) {
        out.append(" stroke-opacity=\"").append(f(c.getAlpha() / 255.0)).append('"');
      }
      if (dash != null) {
        StringBuilder d = new StringBuilder();
        for (float v : dash) {
          d.append(d.length() == 0 ? "" : ",").append(f(v));
        }
        out.append(" stroke-dasharray=\"").append(d).append('"');
      }
      out.append(" stroke-linejoin=\"round\" points=\"").append(points(x, y, n)).append("\"/>\n");
    }

    @Override
    public void polygon(double[] x, double[] y, int n, Color fill) {
      out.append("<polygon fill=\"").append(rgb(fill)).append("\" fill-opacity=\"")
          .append(String.format(Locale.ROOT, "%.2f", fill.getAlpha() / 255.0)).append("\" points=\"")
          .append(points(x, y, n)).append("\"/>\n");
    }

    @Override
    public void dot(double x, double y, double r, Color c) {
      out.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"").append(f(r))
          .append("\" fill=\"").append(rgb(c)).append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color stroke) {
      out.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w))
          .append("\" height=\"").append(f(h)).append("\" fill=\"none\" stroke=\"").append(rgb(stroke)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, float size, boolean bold, int anchor, boolean vertical, Color c) {
      out.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(f(size))
          .append('"');
      if (bold) {
        out.append(" font-weight=\"bold\"");
      }
      if (anchor >= 0) {
        out.append(" text-anchor=\"").append(anchor == 0 ? "middle" : "end").append('"');
      }
      if (vertical) {
        out.append(" transform=\"rotate(-90 ").append(f(x)).append(' ').append(f(y)).append(")\"");
      }
      if (!c.equals(Color.BLACK)) {
        out.append(" fill=\"").append(rgb(c)).append('"');
      }
      out.append('>').append(xml(s)).append("</text>\n");
    }

    @Override
    public void clip(double x, double y, double w, double h) {
      String id = "c" + clips++;
      out.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(f(x)).append("\" y=\"").append(f(y))
          .append("\" width=\"").append(f(w)).append("\" height=\"").append(f(h)).append("\"/></clipPath>\n<g clip-path=\"url(#")
          .append(id).append(")\">\n");
    }

    @Override
    public void unclip() {
      out.append("</g>\n");
    }

    private static String xml(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
  }
}
