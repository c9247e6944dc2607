package org.nash.analysis.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.compare.Summary;
import org.nash.analysis.stats.Describe;

/** The one CSV writer: RFC 4180 quoting, spreadsheet formulas neutralised, and the readers' round trip. */
class CsvWriterTest {
  @TempDir
  Path dir;

  static final String[] LABELS = {"rs", "skip+c3x3", "mine, v2", "say \"hi\"", "=HYPERLINK(\"http://x\",\"y\")",
      "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tlead", "'quoted", "-0.5", "1e-3", "line\nbreak"};

  @Test
  void cellsAreQuotedAndFormulasNeutralisedButNumbersAndOrdinaryLabelsAreAsTheyWere() {
    assertEquals("rs", CsvWriter.text("rs"));
    assertEquals("skip+c3x3", CsvWriter.text("skip+c3x3"));
    assertEquals("\"mine, v2\"", CsvWriter.text("mine, v2"));
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvWriter.text(LABELS[4]));
    assertEquals("'+cmd|' /C calc'!A0", CsvWriter.text(LABELS[5]));
    assertEquals("'-2+3", CsvWriter.text("-2+3"));
    assertEquals("'@SUM(A1)", CsvWriter.text("@SUM(A1)"));
    assertEquals("''quoted", CsvWriter.text("'quoted"));
    assertEquals("-0.5", CsvWriter.text("-0.5"), "a number is no formula");
    assertEquals("-0.5,,NaN-free,-Infinity\n", CsvWriter.line(-0.5, Double.NaN, "NaN-free", Double.NEGATIVE_INFINITY));
  }

  @Test
  void everyLabelReadsBackAsWrittenThroughTheTableReader() throws Exception {
    Table t = new Table("label", "value");
    for (int i = 0; i < LABELS.length; i++) {
      t.add(LABELS[i], -i / 2.0);
    }
    t.write(dir, "t");
    List<String[]> back = Table.readCsv(dir.resolve("t.csv"));
    assertEquals(LABELS.length + 1, back.size());
    for (int i = 0; i < LABELS.length; i++) {
      assertArrayEquals(new String[] {LABELS[i], Double.toString(-i / 2.0)}, back.get(i + 1), LABELS[i]);
    }
    // No cell of the file starts a formula.
    for (String line : Files.readString(dir.resolve("t.csv")).split("\n")) {
      for (String c : line.split(",")) {
        assertEquals(false, !c.isEmpty() && "=+@".indexOf(c.replace("\"", "").charAt(0)) >= 0, line);
      }
    }
  }

  @Test
  void summaryCsvKeepsItsColumnsWhateverTheLabels() throws Exception {
    Describe d = Describe.of(new double[] {90.0, 91.5, 93.25});
    List<Summary.Row> rows = new java.util.ArrayList<>();
    for (String label : LABELS) {
      rows.add(new Summary.Row("cifar10", "skip,c3x3", label, 3, d, d, d, d, d, d));
    }
    Summary.write(rows, dir);
    List<String[]> back = Table.readCsv(dir.resolve("summary.csv"));
    int columns = back.get(0).length;
    assertEquals(21, columns);
    for (int i = 0; i < LABELS.length; i++) {
      String[] r = back.get(i + 1);
      assertEquals(columns, r.length, LABELS[i]);
      assertArrayEquals(new String[] {"cifar10", "skip,c3x3", LABELS[i], "3"}, java.util.Arrays.copyOf(r, 4));
      assertEquals(Double.toString(d.mean()), r[4]);
    }
    // An ordinary row is the bytes it always was.
    String ordinary = Files.readString(dir.resolve("summary.csv")).split("\n")[1];
    assertEquals("cifar10,\"skip,c3x3\",rs,3," + d.mean() + "," + d.std(), ordinary.substring(0,
        ordinary.indexOf(',' + Double.toString(d.se()))));
  }
}
