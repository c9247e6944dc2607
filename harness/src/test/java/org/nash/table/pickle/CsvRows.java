package org.nash.table.pickle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A plain comma-separated file without quoting (the reference CSVs here have none). */
record CsvRows(List<String> header, List<String[]> rows) {
  static CsvRows read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String> header = Arrays.asList(lines.get(0).split(",", -1));
      List<String[]> rows = lines.subList(1, lines.size()).stream()
          .filter(l -> !l.isEmpty())
          .map(l -> l.split(",", -1))
          .toList();
      return new CsvRows(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String get(int row, String column) {
    int c = header.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + header);
    }
    return rows.get(row)[c];
  }

  double number(int row, String column) {
    return Double.parseDouble(get(row, column));
  }
}
