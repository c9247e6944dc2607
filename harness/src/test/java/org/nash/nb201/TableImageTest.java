package org.nash.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.TableImage;

/**
 * The NB-201 table image: written by the first load, used by the next ones without the raw files, the
 * same values to the bit; a stale, cut or damaged image is never used but rebuilt.
 */
class TableImageTest {
  @TempDir
  Path cache;
  @TempDir
  Path emptyMirror;

  /** A catalog over the real mirror. */
  private DataCatalog withData() {
    return new DataCatalog(cache, TestData.mirror(), false);
  }

  /** A catalog that cannot parse anything: no mirror files, downloads off. Only an image can answer. */
  private DataCatalog imageOnly() {
    return new DataCatalog(cache, emptyMirror, false);
  }

  private Path image(DataCatalog c) {
    return TableImage.path(c.cacheDir(), "nb201", Benchmark.dataVersion(c, Nb201Benchmark.DATA_FILES.toArray(String[]::new)));
  }

  /** NB-201 parsed from the raw files (a fresh cache has no image), once for all tests: parsing is slow. */
  private static Benchmark parsed;

  private static synchronized Benchmark parsed() {
    if (parsed == null) {
      parsed = new Nb201Benchmark().load(new DataCatalog(freshDir(), TestData.mirror(), false));
    }
    return parsed;
  }

  /** Every column bit for bit, and every dataset's query cost, against the tables parsed from the raw files. */
  private static void assertSameAsRaw(Benchmark b) {
    BenchmarkTable raw = parsed().table();
    assertEquals(raw.keys(), b.table().keys());
    for (Column r : raw.columns()) {
      Column c = b.table().column(r.key());
      assertEquals(r.info(), c.info());
      double[] x = r.toArray();
      double[] y = c.toArray();
      for (int i = 0; i < x.length; i++) {
        assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), r.key() + " row " + i);
      }
    }
    for (int i = 0; i < Nb201Space.SIZE; i++) {
      assertEquals(raw.space().format(raw.space().byIndex(i)), b.space().format(b.space().byIndex(i)));
    }
    Benchmark parsed = parsed();
    for (String ds : parsed.datasets()) {
      Objective p = parsed.objective(ds);
      Objective o = b.objective(ds);
      assertEquals(p.cost().describe(), o.cost().describe());
      assertEquals(p.cost().estimated(), o.cost().estimated());
      for (int i = 0; i < Nb201Space.SIZE; i += 97) {
        for (var f : List.of(Nb201Benchmark.HP12, Nb201Benchmark.HP200)) {
          assertEquals(Double.doubleToRawLongBits(p.cost().seconds(i, f)), Double.doubleToRawLongBits(o.cost().seconds(i, f)),
              ds + " cost of " + i);
        }
      }
    }
    assertEquals(parsed.version(), b.version());
  }

  private static Path freshDir() {
    try {
      return Files.createTempDirectory("nash-image-test");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void firstLoadWritesTheImageAndLaterLoadsNeedNoRawFile() throws Exception {
    assertThrows(NashException.class, () -> new Nb201Benchmark().load(imageOnly()), "no image yet, no data");
    new Nb201Benchmark().load(withData());
    Path img = image(withData());
    assertTrue(Files.isRegularFile(img), img.toString());
    assertSameAsRaw(new Nb201Benchmark().load(imageOnly()));
  }

  @Test
  void aLaterFormatOrDataVersionIsStaleAndNotUsed() throws Exception {
    new Nb201Benchmark().load(withData());
    Path img = image(withData());
    String version = Benchmark.dataVersion(withData(), Nb201Benchmark.DATA_FILES.toArray(String[]::new));
    assertNotNull(TableImage.open(img, "nb201", version).image());
    assertTrue(TableImage.open(img, "nb201", "000000000000").problem().contains("data version"));
    patchInt(img, 8, TableImage.FORMAT + 1);
    TableImage.Opened o = TableImage.open(img, "nb201", version);
    assertNull(o.image());
    assertTrue(o.problem().contains("table format"), o.problem());
    assertThrows(NashException.class, () -> new Nb201Benchmark().load(imageOnly()), "a stale image is not used");
    assertSameAsRaw(new Nb201Benchmark().load(withData())); // rebuilt
    assertNotNull(TableImage.open(img, "nb201", version).image());
  }

  @Test
  void aDamagedHeaderOrACutFileIsRebuilt() throws Exception {
    new Nb201Benchmark().load(withData());
    Path img = image(withData());
    String version = Benchmark.dataVersion(withData(), Nb201Benchmark.DATA_FILES.toArray(String[]::new));
    byte[] good = Files.readAllBytes(img);
    flipByte(img, 40); // inside the header
    assertTrue(TableImage.open(img, "nb201", version).problem().contains("checksum"));
    assertThrows(NashException.class, () -> new Nb201Benchmark().load(imageOnly()));
    Files.write(img, java.util.Arrays.copyOf(good, good.length - 1000));
    assertTrue(TableImage.open(img, "nb201", version).problem().contains("bytes"));
    Files.write(img, java.util.Arrays.copyOf(good, 10));
    assertTrue(TableImage.open(img, "nb201", version).problem().contains("cut short"));
    assertSameAsRaw(new Nb201Benchmark().load(withData()));
    assertArrayEquals(good, Files.readAllBytes(img), "the rebuilt image is the same bytes");
  }

  @Test
  void aDamagedColumnIsDetectedWhenUsedAndAnsweredFromTheRawFiles() throws Exception {
    new Nb201Benchmark().load(withData());
    Path img = image(withData());
    byte[] good = Files.readAllBytes(img);
    // the last 8 bytes are the last row of the last column: change that value
    flipByte(img, good.length - 3);
    Benchmark b = new Nb201Benchmark().load(withData());
    BenchmarkTable raw = parsed().table();
    List<String> keys = raw.keys();
    String last = keys.get(keys.size() - 1);
    Column c = b.table().column(last);
    assertEquals(Double.doubleToRawLongBits(raw.column(last).get(Nb201Space.SIZE - 1)),
        Double.doubleToRawLongBits(c.get(Nb201Space.SIZE - 1)), "never the damaged value");
    assertArrayEquals(good, Files.readAllBytes(img), "the image was rewritten");
    assertSameAsRaw(new Nb201Benchmark().load(imageOnly()));
  }

  @Test
  void aDamagedColumnWithoutRawFilesFailsClearly() throws Exception {
    new Nb201Benchmark().load(withData());
    Path img = image(withData());
    flipByte(img, (int) Files.size(img) - 3);
    Benchmark b = new Nb201Benchmark().load(imageOnly());
    BenchmarkTable t = b.table();
    String last = t.keys().get(t.keys().size() - 1);
    NashException e = assertThrows(NashException.class, () -> t.column(last));
    assertTrue(e.getMessage().contains("nb201-"), e.getMessage()); // names the missing data file
  }

  private static void flipByte(Path file, int at) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5a));
      b.rewind();
      ch.write(b, at);
    }
  }

  private static void patchInt(Path file, int at, int value) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), at);
    }
  }
}
