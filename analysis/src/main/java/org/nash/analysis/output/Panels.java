package org.nash.analysis.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several plots side by side (1 x D: one panel per dataset) with one legend below them all, for a
 * paper: every panel in the paper look, without its own legend; the legend lists each series name
 * once (the first panel that has it gives its colour and dash).
 */
public final class Panels implements Figure {
  private final List<Plot> panels;
  private final int width;
  private final int height;
  private final Plot.Look look;

  public Panels(List<Plot> panels, int width, int height) {
    this.panels = List.copyOf(panels);
    this.width = width;
    this.height = height;
    this.look = Plot.Look.PAPER;
  }

  /** Panels of {@code plotHeight} each, with room below them for the shared legend. */
  public static Panels of(List<Plot> panels, int width, int plotHeight) {
    Panels probe = new Panels(panels, width, plotHeight);
    double sc = Plot.Look.PAPER.axis() / 13.0;
    double legendH = Plot.legendRows(probe.legend(), width - 10 * sc, Plot.Look.PAPER).size() * Plot.Look.PAPER.legend() * 1.5;
    return new Panels(panels, width, (int) Math.ceil(plotHeight + legendH));
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
    return true;
  }

  /** The legend entries: each series name once, in order of first appearance. */
  List<Plot.Series> legend() {
    Map<String, Plot.Series> seen = new LinkedHashMap<>();
    for (Plot p : panels) {
      for (Plot.Series s : p.series()) {
        if (s.legend()) {
          seen.putIfAbsent(s.name(), s);
        }
      }
    }
    return new ArrayList<>(seen.values());
  }

  @Override
  public void draw(Plot.Canvas c) {
    double sc = look.axis() / 13.0;
    List<Plot.Series> entries = legend();
    double legendH = Plot.legendRows(entries, width - 10 * sc, look).size() * look.legend() * 1.5;
    int n = Math.max(1, panels.size());
    // The first panel also holds the y label: it gets that much more width, so the plot areas are equal.
    double extra = panels.isEmpty() || panels.get(0).yLabel == null || panels.get(0).yLabel.isEmpty() ? 0 : 22 * sc;
    double pw = (width - extra) / n;
    double x = 0;
    for (int i = 0; i < panels.size(); i++) {
      Plot p = panels.get(i);
      double w = pw + (i == 0 ? extra : 0);
      p.look(look).legend(Plot.LegendAt.NONE).size((int) Math.floor(w), (int) Math.floor(height - legendH));
      p.title = null;
      p.draw(new Plot.Shifted(c, x, 0));
      x += w;
    }
    Plot.drawLegendBelow(c, entries, 0, height - legendH, width, look, sc);
  }
}
