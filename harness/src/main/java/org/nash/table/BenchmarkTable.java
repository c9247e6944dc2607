package org.nash.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;

/**
 * The columns of one benchmark, all indexed by the official index of its space. A column may be
 * added lazily (its values made on first use, e.g. read from a table image), so that a command pays
 * only for the columns it reads; lazy columns are made once, safely from any thread.
 */
public final class BenchmarkTable {
  private final SearchSpace space;
  private final Map<String, Slot> columns = new LinkedHashMap<>();

  /** A column, or how to make it. */
  private static final class Slot {
    private final ColumnInfo info;
    private java.util.function.Supplier<double[]> make;
    private volatile Column column;

    Slot(Column c) {
      this.info = c.info();
      this.column = c;
    }

    Slot(ColumnInfo info, java.util.function.Supplier<double[]> make) {
      this.info = info;
      this.make = make;
    }

    Column get(int rows) {
      Column c = column;
      if (c == null) {
        synchronized (this) {
          c = column;
          if (c == null) {
            double[] v = make.get();
            if (v.length != rows) {
              throw new IllegalStateException("column " + info.key() + " has " + v.length + " rows, space has " + rows);
            }
            c = new Column(info, v);
            column = c;
            make = null;
          }
        }
      }
      return c;
    }
  }

  public BenchmarkTable(SearchSpace space) {
    this.space = space;
  }

  public SearchSpace space() {
    return space;
  }

  public void add(Column c) {
    if (c.size() != space.size()) {
      throw new IllegalArgumentException("column " + c.key() + " has " + c.size() + " rows, space has " + space.size());
    }
    if (columns.putIfAbsent(c.key(), new Slot(c)) != null) {
      throw new IllegalArgumentException("duplicate column " + c.key());
    }
  }

  /** A column whose values are made on its first use ({@code values} must give {@code space().size()} of them). */
  public void addLazy(ColumnInfo info, java.util.function.Supplier<double[]> values) {
    if (columns.putIfAbsent(info.key(), new Slot(info, values)) != null) {
      throw new IllegalArgumentException("duplicate column " + info.key());
    }
  }

  /** What a column holds, without making its values. */
  public ColumnInfo info(String key) {
    return slot(key).info;
  }

  /** Column keys in order. */
  public List<String> keys() {
    return new ArrayList<>(columns.keySet());
  }

  public boolean has(String key) {
    return columns.containsKey(key);
  }

  public Column column(String key) {
    return slot(key).get(space.size());
  }

  private Slot slot(String key) {
    Slot s = columns.get(key);
    if (s == null) {
      throw new NashException("the " + space.name() + " table has no column '" + key + "'; it has: "
          + String.join(", ", columns.keySet()));
    }
    return s;
  }

  public double value(String key, Arch a) {
    return column(key).get(space.indexOf(a));
  }

  /** Every column (making the lazy ones). */
  public List<Column> columns() {
    List<Column> out = new ArrayList<>(columns.size());
    for (Slot s : columns.values()) {
      out.add(s.get(space.size()));
    }
    return out;
  }
}
