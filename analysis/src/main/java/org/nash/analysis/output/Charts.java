package org.nash.analysis.output;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.nash.io.AtomicFiles;

/**
 * The report's figures: one white theme, one colour per searcher label and one dash per pool,
 * fixed for a whole report ({@link Style}), PNGs at twice their nominal size. Line figures are
 * drawn by {@link Plot} (PNG and an SVG with real text, PDF for papers).
 */
public final class Charts {
  static {
    // Java2D draws with AWT; on a server there is no display. Must be set before AWT initialises.
    System.setProperty("java.awt.headless", "true");
  }

  /** PNGs are rendered at this multiple of the figure's size (sharp on high-density screens and in print). */
  public static final int PNG_SCALE = 2;

  // Colour-blind-safe (Okabe-Ito) first, then Tableau's.
  private static final Color[] PALETTE = {new Color(0x0072b2), new Color(0xd55e00), new Color(0x009e73),
      new Color(0xcc79a7), new Color(0xe69f00), new Color(0x56b4e9), new Color(0x000000), new Color(0x8c564b),
      new Color(0xbcbd22), new Color(0x7f7f7f)};
  private static final float[][] DASHES = {null, {9f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}, {5f, 3f}};

  private Charts() {}

  /**
   * Colours and dashes fixed for one report: searcher labels get colours in their sorted order
   * (not the config's, so a label keeps its colour when configs list searchers differently), the
   * reference pool {@code full} is solid and the other pools take dashes in sorted order.
   */
  public record Style(List<String> searchers, List<String> pools) {
    public static Style of(Collection<String> searchers, Collection<String> pools) {
      List<String> p = new ArrayList<>(new TreeSet<>(pools));
      if (p.remove("full")) {
        p.add(0, "full");
      }
      return new Style(new ArrayList<>(new TreeSet<>(searchers)), p);
    }

    public Color color(String searcher) {
      int i = searchers.indexOf(searcher);
      return i < 0 ? Color.GRAY : PALETTE[i % PALETTE.length];
    }

    public float[] dash(String pool) {
      int i = pools.indexOf(pool);
      return i <= 0 ? null : DASHES[i % DASHES.length];
    }
  }

  /** The n-th colour of the palette (for series that are not searchers, e.g. datasets). */
  public static Color color(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }

  /** Writes {@code base}.png (at {@link #PNG_SCALE}x) and {@code base}.svg under {@code dir}, atomically. */
  public static void save(Plot plot, Path dir, String base) {
    AtomicFiles.writeAtomically(dir.resolve(base + ".png"), plot.png(PNG_SCALE));
    AtomicFiles.writeAtomically(dir.resolve(base + ".svg"), plot.svg());
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
