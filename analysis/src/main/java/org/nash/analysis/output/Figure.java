package org.nash.analysis.output;

/**
 * Something drawn once for every output format: {@link Plot#png}, {@link Plot#svg} and {@link Plot#pdf}
 * all replay {@link #draw} on their surface, so the files show the same figure.
 */
public interface Figure {
  int width();

  int height();

  void draw(Plot.Canvas c);

  /** Whether the figure's units are points (a paper figure: SVG and PDF at their physical size). */
  default boolean points() {
    return false;
  }
}
