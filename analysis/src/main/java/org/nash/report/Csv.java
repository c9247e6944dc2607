package org.nash.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;

/**
 * A result table read back by column name, for the findings and claims: they are computed from
 * the tables the analyses wrote (the same numbers the page shows), not from the trials again.
 */
final class Csv {
  final Path file;
  final String path;
  final List<Map<String, String>> rows;

  private Csv(Path file, String path, List<Map<String, String>> rows) {
    this.file = file;
    this.path = path;
    this.rows = rows;
  }

  /** The table at {@code path} (relative to {@code root}), or null when the file is absent. */
  static Csv read(Path root, String path) {
    return readFile(root, path, null);
  }

  /**
   * The table {@code spec} declares, under {@code prefix} (an experiment's subfolder, or a scan's file
   * prefix) of {@code root}, or null when the file is absent. Its header must be the declared columns,
   * and asking a row for an undeclared column is an error: writer and reader cannot drift apart.
   */
  static Csv read(Path root, String prefix, TableSpec spec) {
    return readFile(root, prefix + spec.csv(), spec);
  }

  private static Csv readFile(Path root, String path, TableSpec spec) {
    Path f = root.resolve(path);
    if (!Files.exists(f)) {
      return null;
    }
    List<String[]> raw = Table.readCsv(f);
    List<Map<String, String>> rows = new ArrayList<>();
    if (!raw.isEmpty()) {
      String[] head = raw.get(0);
      if (spec != null && !List.of(head).equals(spec.columns())) {
        throw new NashException(f + " has the columns " + List.of(head) + ", but this nash writes " + spec.columns()
            + " there: it was written by another version; rerun the report into a fresh --out");
      }
      for (int i = 1; i < raw.size(); i++) {
        Map<String, String> m = spec == null ? new LinkedHashMap<>() : new Row(spec);
        for (int c = 0; c < head.length && c < raw.get(i).length; c++) {
          m.put(head[c], raw.get(i)[c]);
        }
        rows.add(m);
      }
    }
    return new Csv(f, path, rows);
  }

  /** A row of a declared table: reading an undeclared column is a bug in the reader, said at once. */
  private static final class Row extends LinkedHashMap<String, String> {
    private final transient TableSpec spec;

    Row(TableSpec spec) {
      this.spec = spec;
    }

    @Override
    public String get(Object column) {
      return super.get(spec.col((String) column));
    }

    @Override
    public String getOrDefault(Object column, String def) {
      return super.getOrDefault(spec.col((String) column), def);
    }
  }

  static double num(Map<String, String> row, String column) {
    String v = row.get(column);
    if (v == null || v.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The first column whose name starts with {@code prefix}, or null. */
  String column(String prefix) {
    if (rows.isEmpty()) {
      return null;
    }
    for (String c : rows.get(0).keySet()) {
      if (c.startsWith(prefix)) {
        return c;
      }
    }
    return null;
  }

  List<Map<String, String>> where(String column, String value) {
    return rows.stream().filter(r -> value.equals(r.get(column))).toList();
  }
}
