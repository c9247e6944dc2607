package org.nash.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.analysis.output.Table;

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
    Path f = root.resolve(path);
    if (!Files.exists(f)) {
      return null;
    }
    List<String[]> raw = Table.readCsv(f);
    List<Map<String, String>> rows = new ArrayList<>();
    if (!raw.isEmpty()) {
      String[] head = raw.get(0);
      for (int i = 1; i < raw.size(); i++) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int c = 0; c < head.length && c < raw.get(i).length; c++) {
          m.put(head[c], raw.get(i)[c]);
        }
        rows.add(m);
      }
    }
    return new Csv(f, path, rows);
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
