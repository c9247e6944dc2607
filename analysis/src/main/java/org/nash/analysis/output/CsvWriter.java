package org.nash.analysis.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one writer of nash's CSV files (summary.csv, every table of the report and the analyses), and
 * the reader's counterpart of its one transformation. RFC 4180: a cell holding a comma, a double quote,
 * CR or LF is quoted, its quotes doubled. A text cell that a spreadsheet would run as a formula (it
 * starts with {@code = + - @}, a tab or CR) is written with a {@code '} in front, as is one that starts
 * with {@code '} itself, so that {@link #unneutralise} gives back exactly the text; numbers (also as
 * text, e.g. {@code -0.5}) are written as they are. Ordinary labels and numbers are unchanged bytes.
 */
public final class CsvWriter {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity|NaN");
  private static final String FORMULA_START = "=+-@\t\r'";
  // Columns in record-component order (CsvMapper sorts them alphabetically by default).
  private static final CsvMapper SCHEMAS = CsvMapper.builder()
      .disable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
  private static final ObjectMapper VALUES = new ObjectMapper();

  private CsvWriter() {}

  /** A value as a cell: empty for null and NaN, numbers and booleans as Java prints them, text made safe. */
  public static String cell(Object v) {
    if (v == null || v instanceof Double d && d.isNaN() || v instanceof Float f && f.isNaN()) {
      return "";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return text(v.toString());
  }

  /** A text cell: a formula neutralised, then quoted when CSV needs it. */
  public static String text(String s) {
    String t = !s.isEmpty() && FORMULA_START.indexOf(s.charAt(0)) >= 0 && !NUMBER.matcher(s).matches() ? "'" + s : s;
    return needsQuotes(t) ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
  }

  private static boolean needsQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** One line, newline included. */
  public static String line(Collection<?> cells) {
    StringBuilder b = new StringBuilder();
    for (Object c : cells) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(cell(c));
    }
    return b.append('\n').toString();
  }

  public static String line(Object... cells) {
    return line(java.util.Arrays.asList(cells));
  }

  /** A header line of plain column names. */
  public static String header(List<String> columns) {
    return line(columns);
  }

  /**
   * Records as a table: a header of the properties (in Jackson's order, as their JSON twins have them),
   * then one line per record; a list or array property is one cell of its elements joined by {@code ;};
   * a NaN is written as {@code nan} (each table keeps the spelling it always had).
   */
  public static <T> String records(List<T> rows, Class<T> type, String nan) {
    List<String> columns = new ArrayList<>();
    CsvSchema schema = SCHEMAS.schemaFor(type);
    schema.forEach(c -> columns.add(c.getName()));
    StringBuilder b = new StringBuilder(header(columns));
    for (T r : rows) {
      Map<?, ?> m = VALUES.convertValue(r, Map.class);
      List<Object> cells = new ArrayList<>();
      for (String c : columns) {
        Object v = m.get(c);
        if (v instanceof Double d && d.isNaN()) {
          v = nan;
        }
        if (v instanceof Collection<?> list) {
          List<String> parts = new ArrayList<>();
          for (Object e : list) {
            parts.add(e == null ? "" : e.toString());
          }
          v = String.join(";", parts);
        }
        cells.add(v);
      }
      b.append(line(cells));
    }
    return b.toString();
  }

  /** The text a cell was written from: a neutralising {@code '} taken off (the quoting is the CSV parser's). */
  public static String unneutralise(String cell) {
    return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_START.indexOf(cell.charAt(1)) >= 0
        && !NUMBER.matcher(cell.substring(1)).matches() ? cell.substring(1) : cell;
  }
}
