package org.nash.table;

/**
 * The unit of a column's values. Analyses that depend on the scale (e.g. "within 1 percentage point")
 * ask the unit instead of reading the description.
 */
public enum Unit {
  PERCENT("%", true),
  FRACTION("fraction", false),
  SSIM("SSIM", false),
  NEGATIVE_L2("negative L2 loss", false),
  CROSS_ENTROPY("cross-entropy", false),
  SECONDS("s", false),
  MILLISECONDS("ms", false),
  MILLIJOULES("mJ", false),
  MFLOPS("MFLOPs", false),
  MILLION_PARAMETERS("M parameters", false),
  NONE("", false);

  private final String symbol;
  private final boolean percent;

  Unit(String symbol, boolean percent) {
    this.symbol = symbol;
    this.percent = percent;
  }

  /** For axis labels and tables, e.g. {@code %} or {@code s}. */
  public String symbol() {
    return symbol;
  }

  /** Whether differences are in percentage points (accuracies in %). */
  public boolean isPercent() {
    return percent;
  }
}
