package org.nash.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;

/** The columns of one benchmark, all indexed by the official index of its space. */
public final class BenchmarkTable {
  private final SearchSpace space;
  private final Map<String, Column> columns = new LinkedHashMap<>();

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
    if (columns.putIfAbsent(c.key(), c) != null) {
      throw new IllegalArgumentException("duplicate column " + c.key());
    }
  }

  public boolean has(String key) {
    return columns.containsKey(key);
  }

  public Column column(String key) {
    Column c = columns.get(key);
    if (c == null) {
      throw new NashException("the " + space.name() + " table has no column '" + key + "'; it has: "
          + String.join(", ", columns.keySet()));
    }
    return c;
  }

  public double value(String key, Arch a) {
    return column(key).get(space.indexOf(a));
  }

  public List<Column> columns() {
    return new ArrayList<>(columns.values());
  }
}
