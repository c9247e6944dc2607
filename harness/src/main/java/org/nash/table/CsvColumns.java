package org.nash.table;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;

/**
 * A CSV file with a header, read with Jackson into string columns, keeping the line of every row so
 * that a bad value is reported as {@code file:line, column 'x'}. Every row must have the header's
 * number of fields.
 */
public final class CsvColumns {
  private final Path file;
  private final List<String> header;
  private final Map<String, Integer> position = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();

  private CsvColumns(Path file, List<String> header) {
    this.file = file;
    this.header = header;
    for (int i = 0; i < header.size(); i++) {
      position.putIfAbsent(header.get(i), i);
    }
  }

  public static CsvColumns read(Path file) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(file.toFile())) {
      if (!it.hasNext()) {
        throw new NashException(file + ": empty file, expected a header line");
      }
      String[] head = it.next();
      CsvColumns csv = new CsvColumns(file, List.of(head));
      while (it.hasNext()) {
        int line = it.getCurrentLocation().getLineNr();
        String[] row = it.next();
        if (row.length == 1 && row[0].isEmpty()) {
          continue; // a blank line, e.g. a trailing newline
        }
        if (row.length != head.length) {
          throw new NashException(file + ":" + line + ": row has " + row.length + " fields, expected "
              + head.length + " as in the header" + (row.length < head.length ? " (truncated file or row?)" : ""));
        }
        csv.rows.add(row);
        csv.lines.add(line);
      }
      return csv;
    } catch (IOException | RuntimeException e) {
      if (e instanceof NashException ne) {
        throw ne;
      }
      throw new NashException(file + ": not a readable CSV file: " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  public int rows() {
    return rows.size();
  }

  public int line(int row) {
    return lines.get(row);
  }

  /** Fails with a clear message unless the file has exactly {@code n} data rows. */
  public CsvColumns requireRows(int n) {
    if (rows.size() != n) {
      throw new NashException(file + ": has " + rows.size() + " data rows, expected " + n
          + (rows.size() < n ? " (truncated file?)" : ""));
    }
    return this;
  }

  private int col(String name) {
    Integer i = position.get(name);
    if (i == null) {
      throw new NashException(file + ": no column '" + name + "' in the header; found " + header);
    }
    return i;
  }

  public String string(int row, String column) {
    return rows.get(row)[col(column)];
  }

  public String[] strings(String column) {
    int c = col(column);
    String[] out = new String[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = rows.get(r)[c];
    }
    return out;
  }

  /** Parses a numeric column; an empty or non-numeric field is an error naming line and column. */
  public double[] doubles(String column) {
    int c = col(column);
    double[] out = new double[rows.size()];
    for (int r = 0; r < out.length; r++) {
      String s = rows.get(r)[c];
      try {
        // Jackson's bundled FastDoubleParser: correctly rounded like Double.parseDouble, several times faster.
        out[r] = NumberInput.parseDouble(s, true);
      } catch (NumberFormatException e) {
        throw new NashException(file + ":" + lines.get(r) + ", column '" + column + "': '" + s
            + "' is not a number");
      }
    }
    return out;
  }
}
