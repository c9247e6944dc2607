package org.nash.analysis.output;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A critical-difference diagram (Demsar 2006, Fig. 1-2): the average rank of each method on an axis
 * from 1 (best, left) to k, the better half labelled on the left and the rest on the right, a bar of
 * length CD at the top, and thick bars joining methods whose average ranks differ by less than CD
 * (not significantly different by the Nemenyi test). Drawn for the page (px) or a paper (pt).
 */
public final class CdDiagram implements Figure {
  private final List<String> names;
  private final double[] ranks;
  private final double cd;
  private final int width;
  private final Plot.Look look;
  private final boolean paper;
  /** Colour of each method's label (e.g. the candidate in its searcher colour), or null for black. */
  private final Color[] colors;

  /**
   * @param names methods; {@code ranks} their average ranks (1 = best); {@code cd} the critical
   *     difference (NaN: no bars joining methods and no CD bar, e.g. with a single block)
   */
  public CdDiagram(List<String> names, double[] ranks, double cd, Color[] colors, int width, boolean paper) {
    this.names = List.copyOf(names);
    this.ranks = ranks.clone();
    this.cd = cd;
    this.colors = colors == null ? new Color[names.size()] : colors.clone();
    this.width = width;
    this.paper = paper;
    this.look = paper ? Plot.Look.PAPER : Plot.Look.SCREEN;
  }

  private double sc() {
    return look.axis() / 13.0;
  }

  private Integer[] order() {
    Integer[] o = new Integer[names.size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Double.compare(ranks[a], ranks[b]));
    return o;
  }

  /** Maximal runs (in rank order) of methods whose extreme ranks differ by less than CD, of two or more. */
  List<int[]> cliques() {
    List<int[]> out = new ArrayList<>();
    if (Double.isNaN(cd)) {
      return out;
    }
    Integer[] o = order();
    int lastEnd = -1;
    for (int i = 0; i < o.length; i++) {
      int j = i;
      while (j + 1 < o.length && ranks[o[j + 1]] - ranks[o[i]] < cd) {
        j++;
      }
      if (j > i && j > lastEnd) {
        out.add(new int[] {i, j});
        lastEnd = j;
      }
    }
    return out;
  }

  private double rowH() {
    return look.legend() * 1.6;
  }

  private double axisY() {
    return (Double.isNaN(cd) ? 14 : 30) * sc() + look.tick();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    int half = (names.size() + 1) / 2;
    double cliquesH = cliques().size() * 5 * sc() + 6 * sc();
    return (int) Math.ceil(axisY() + cliquesH + half * rowH() + 12 * sc());
  }

  @Override
  public boolean points() {
    return paper;
  }

  @Override
  public void draw(Plot.Canvas c) {
    double sc = sc();
    int k = names.size();
    double labelW = 0;
    for (int i = 0; i < k; i++) {
      labelW = Math.max(labelW, Plot.textWidth(label(i), look.legend(), false));
    }
    double left = Math.min(width * 0.33, labelW + 16 * sc);
    double right = width - left;
    double y0 = axisY();
    int hiRank = Math.max(2, k);
    java.util.function.DoubleUnaryOperator x = r -> left + (r - 1) / (hiRank - 1) * (right - left);
    Color ink = Color.BLACK;
    c.polyline(new double[] {left, right}, new double[] {y0, y0}, 2, ink, 1f, null);
    for (int r = 1; r <= hiRank; r++) {
      double xr = x.applyAsDouble(r);
      c.polyline(new double[] {xr, xr}, new double[] {y0 - 4 * sc, y0}, 2, ink, 1f, null);
      c.text(xr, y0 - 6 * sc, Integer.toString(r), look.tick(), false, 0, false, ink);
      if (r < hiRank) {
        double xm = x.applyAsDouble(r + 0.5);
        c.polyline(new double[] {xm, xm}, new double[] {y0 - 2 * sc, y0}, 2, ink, 1f, null);
      }
    }
    if (!Double.isNaN(cd)) {
      double cy = 10 * sc;
      double x1 = x.applyAsDouble(1);
      double x2 = x.applyAsDouble(Math.min(1 + cd, hiRank));
      c.polyline(new double[] {x1, x2}, new double[] {cy, cy}, 2, ink, 1.2f, null);
      c.polyline(new double[] {x1, x1}, new double[] {cy - 3 * sc, cy + 3 * sc}, 2, ink, 1f, null);
      c.polyline(new double[] {x2, x2}, new double[] {cy - 3 * sc, cy + 3 * sc}, 2, ink, 1f, null);
      c.text(x2 + 4 * sc, cy + look.tick() / 3, String.format(Locale.ROOT, "CD = %.2f", cd), look.tick(), false, -1,
          false, ink);
    }
    List<int[]> cl = cliques();
    Integer[] o = order();
    double cy = y0 + 6 * sc;
    for (int[] q : cl) {
      double a = x.applyAsDouble(ranks[o[q[0]]]) - 2 * sc;
      double b = x.applyAsDouble(ranks[o[q[1]]]) + 2 * sc;
      c.polyline(new double[] {a, b}, new double[] {cy, cy}, 2, ink, (float) (2.6 * sc), null);
      cy += 5 * sc;
    }
    double rows0 = y0 + 6 * sc + cl.size() * 5 * sc + rowH();
    int half = (k + 1) / 2;
    for (int i = 0; i < k; i++) {
      int m = o[i];
      boolean onLeft = i < half;
      int row = onLeft ? i : k - 1 - i;
      double yy = rows0 + row * rowH();
      double xr = x.applyAsDouble(ranks[m]);
      double xe = onLeft ? left - 6 * sc : right + 6 * sc;
      Color col = colors[m] == null ? ink : colors[m];
      c.polyline(new double[] {xr, xr, xe}, new double[] {y0, yy, yy}, 3, col, 1f, null);
      c.text(onLeft ? xe - 3 * sc : xe + 3 * sc, yy + look.legend() / 3, label(m), look.legend(), colors[m] != null,
          onLeft ? 1 : -1, false, col);
    }
  }

  private String label(int i) {
    return String.format(Locale.ROOT, "%s (%.2f)", names.get(i), ranks[i]);
  }
}
