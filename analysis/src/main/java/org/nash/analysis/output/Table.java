package org.nash.analysis.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nash.NashException;
import org.nash.io.AtomicFiles;

/**
 * A result table written as CSV and as JSON (an array of objects with the columns in order).
 * Numbers keep full precision ({@link Double#toString}); NaN is an empty CSV cell and JSON null.
 */
public final class Table {
  private static final CsvMapper CSV = new CsvMapper();
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<String> columns;
  private final List<Object[]> rows = new ArrayList<>();

  public Table(String... columns) {
    this.columns = List.of(columns);
  }

  public List<String> columns() {
    return columns;
  }

  public List<Object[]> rows() {
    return rows;
  }

  /** Adds a row: strings, numbers or booleans, one per column. */
  public Table add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values, table has " + columns.size() + " columns");
    }
    rows.add(values.clone());
    return this;
  }

  public String toCsv() {
    StringBuilder b = new StringBuilder(CsvWriter.header(columns));
    for (Object[] r : rows) {
      b.append(CsvWriter.line(r));
    }
    return b.toString();
  }

  public String toJson() {
    ArrayNode arr = JSON.createArrayNode();
    for (Object[] r : rows) {
      ObjectNode o = arr.addObject();
      for (int i = 0; i < r.length; i++) {
        Object v = r[i];
        String c = columns.get(i);
        if (v == null || v instanceof Double d && !Double.isFinite(d)) {
          o.putNull(c);
        } else if (v instanceof Double d) {
          o.put(c, d);
        } else if (v instanceof Integer n) {
          o.put(c, n);
        } else if (v instanceof Long n) {
          o.put(c, n);
        } else if (v instanceof Boolean b) {
          o.put(c, b);
        } else {
          o.put(c, v.toString());
        }
      }
    }
    try {
      return JSON.writeValueAsString(arr) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code base}.csv and {@code base}.json under {@code dir}, each atomically. */
  public void write(Path dir, String base) {
    AtomicFiles.writeAtomically(dir.resolve(base + ".csv"), toCsv());
    AtomicFiles.writeAtomically(dir.resolve(base + ".json"), toJson());
  }

  /** Reads a CSV file back as rows of cells, the header first (for display). */
  public static List<String[]> readCsv(Path file) {
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
        .readValues(file.toFile())) {
      List<String[]> out = new ArrayList<>();
      while (it.hasNext()) {
        String[] row = it.next();
        for (int i = 0; i < row.length; i++) {
          row[i] = CsvWriter.unneutralise(row[i]);
        }
        out.add(row);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new NashException(file + ": not a readable CSV table: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return columns + " x " + rows.size() + " rows" + (rows.isEmpty() ? "" : ", first " + Arrays.toString(rows.get(0)));
  }
}
