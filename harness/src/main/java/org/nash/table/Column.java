package org.nash.table;

/** One benchmark quantity for every architecture, indexed by the space's row (official) index. */
public final class Column {
  private final ColumnInfo info;
  private final double[] values;

  /** Takes ownership of {@code values}; NaN marks an architecture the source does not cover. */
  public Column(ColumnInfo info, double[] values) {
    this.info = info;
    this.values = values;
  }

  public ColumnInfo info() {
    return info;
  }

  public String key() {
    return info.key();
  }

  public double get(int index) {
    return values[index];
  }

  public int size() {
    return values.length;
  }

  /** A copy of all values. */
  public double[] toArray() {
    return values.clone();
  }

  /** Number of architectures with a value. */
  public int coverage() {
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  /** Row index of the largest value among a domain's members (first on ties, NaN skipped); -1 if none. */
  public int argmaxOver(org.nash.space.SearchDomain domain) {
    int best = -1;
    for (int i = 0; i < domain.size(); i++) {
      int row = domain.get(i).index();
      if (!Double.isNaN(values[row]) && (best < 0 || values[row] > values[best])) {
        best = row;
      }
    }
    return best;
  }

  /** Row index of the largest value (the first on ties); -1 when every value is NaN. */
  public int argmax() {
    int best = -1;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i]) && (best < 0 || values[i] > values[best])) {
        best = i;
      }
    }
    return best;
  }
}
