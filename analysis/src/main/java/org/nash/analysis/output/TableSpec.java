package org.nash.analysis.output;

import java.util.List;

/**
 * A result table's file and columns, declared once by the analysis that writes it: the writer makes
 * its {@link Table} from it, and the report reads the file back through it, so a renamed column or
 * file is one edit and a reader asking for a column the writer does not write fails at once.
 *
 * @param path the file's path without extension, relative to the folder it is written under (or a
 *     suffix of it, e.g. {@code -op-combinations} after a scan's prefix)
 */
public record TableSpec(String path, List<String> columns) {
  public TableSpec {
    columns = List.copyOf(columns);
  }

  public static TableSpec of(String path, String... columns) {
    return new TableSpec(path, List.of(columns));
  }

  /** An empty table with these columns, to fill and write under {@link #path()}. */
  public Table table() {
    return new Table(columns.toArray(String[]::new));
  }

  public String csv() {
    return path + ".csv";
  }

  /** The column, after checking that the table has it. */
  public String col(String name) {
    if (!columns.contains(name)) {
      throw new IllegalArgumentException(path + " has no column '" + name + "'; its columns: " + columns);
    }
    return name;
  }
}
