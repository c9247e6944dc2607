package org.nash.nb201;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.nb201.Nb201Tables;
import org.nash.table.CsvColumns;

/** Broken copies of the real NB201 test file give one clear message naming file and line. */
class BadInputTest {
  @TempDir
  Path dir;

  private List<String> realLines() throws Exception {
    return Files.readAllLines(TestData.file("nb201-test200"));
  }

  private Path write(List<String> lines) throws Exception {
    Path p = dir.resolve("nats_bench.csv");
    Files.write(p, lines);
    return p;
  }

  @Test
  void truncatedFileIsReported() throws Exception {
    byte[] all = Files.readAllBytes(TestData.file("nb201-test200"));
    Path p = dir.resolve("cut.csv");
    Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
    NashException e = assertThrows(NashException.class, () -> CsvColumns.read(p).requireRows(15_625));
    assertTrue(e.getMessage().contains("cut.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void fileWithMissingRowsIsReported() throws Exception {
    List<String> lines = new ArrayList<>(realLines().subList(0, 1001));
    Path p = write(lines);
    NashException e = assertThrows(NashException.class, () -> CsvColumns.read(p).requireRows(15_625));
    assertTrue(e.getMessage().contains("1000 data rows, expected 15625"), e.getMessage());
  }

  @Test
  void wrongColumnCountNamesTheLine() throws Exception {
    List<String> lines = new ArrayList<>(realLines());
    lines.set(100, lines.get(100) + ",extra");
    Path p = write(lines);
    NashException e = assertThrows(NashException.class, () -> CsvColumns.read(p));
    assertTrue(e.getMessage().contains("nats_bench.csv:101"), e.getMessage());
    assertTrue(e.getMessage().contains("6 fields, expected 5"), e.getMessage());
  }

  @Test
  void nonNumericValueNamesLineAndColumn() throws Exception {
    List<String> lines = new ArrayList<>(realLines());
    lines.set(42, "abc" + lines.get(42).substring(lines.get(42).indexOf(',')));
    Path p = write(lines);
    CsvColumns csv = CsvColumns.read(p);
    NashException e = assertThrows(NashException.class, () -> csv.doubles("CIFAR10TestAccuracy200Epochs"));
    assertTrue(e.getMessage().contains("nats_bench.csv:43, column 'CIFAR10TestAccuracy200Epochs': 'abc'"), e.getMessage());
  }

  @Test
  void rowsOutOfOrderAreRefused() throws Exception {
    List<String> lines = new ArrayList<>(realLines());
    String tmp = lines.get(5);
    lines.set(5, lines.get(6));
    lines.set(6, tmp);
    Path p = write(lines);
    var space = (org.nash.nb201.Nb201Space) Nb201TablesTest.nb201().space();
    NashException e = assertThrows(NashException.class,
        () -> Nb201Tables.checkOrder(space, CsvColumns.read(p), "ArchitectureString"));
    assertTrue(e.getMessage().contains("nats_bench.csv:6"), e.getMessage());
  }
}
