package org.nash.tnb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.BenchmarkProvider;
import org.nash.data.DataCatalog;
import org.nash.table.Column;
import org.nash.table.TableImage;

/**
 * The TNB micro and macro table images (issue 26): written by the first load, used by the next ones
 * without the raw files, the same values to the bit and the same official order; a damaged image is
 * rebuilt, never used.
 */
class TnbImageTest {
  @TempDir
  Path cache;
  @TempDir
  Path emptyMirror;

  private DataCatalog withData() {
    return new DataCatalog(cache, TestData.mirror(), false);
  }

  /** No mirror files, downloads off: only an image can answer. */
  private DataCatalog imageOnly() {
    return new DataCatalog(cache, emptyMirror, false);
  }

  private static Path image(DataCatalog c, String name) {
    return TableImage.path(c.cacheDir(), name, Benchmark.dataVersion(c, name, "tnb-archs"));
  }

  private static void assertSame(Benchmark raw, Benchmark b) {
    assertEquals(raw.version(), b.version());
    assertEquals(raw.table().keys(), b.table().keys());
    for (Column r : raw.table().columns()) {
      Column c = b.table().column(r.key());
      assertEquals(r.info(), c.info());
      double[] x = r.toArray();
      double[] y = c.toArray();
      assertEquals(x.length, y.length);
      for (int i = 0; i < x.length; i++) {
        assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), r.key() + " row " + i);
      }
    }
    for (int i = 0; i < raw.space().size(); i++) {
      assertEquals(raw.space().format(raw.space().byIndex(i)), b.space().format(b.space().byIndex(i)), "index " + i);
      assertEquals(i, b.space().indexOf(b.space().parse(raw.space().format(raw.space().byIndex(i)))));
    }
  }

  private void firstLoadWritesTheImage(BenchmarkProvider p) throws IOException {
    assertThrows(NashException.class, () -> p.load(imageOnly()), "no image yet, no data");
    Benchmark raw = p.load(withData());
    Path img = image(withData(), p.name());
    assertTrue(Files.isRegularFile(img), img.toString());
    assertSame(raw, p.load(imageOnly()));
    // a damaged column is never used: answered from the raw files, and the image rewritten
    byte[] good = Files.readAllBytes(img);
    byte[] bad = good.clone();
    bad[bad.length - 3] ^= 0x5a;
    Files.write(img, bad);
    Benchmark again = p.load(withData());
    List<String> keys = again.table().keys();
    String last = keys.get(keys.size() - 1);
    assertEquals(Double.doubleToRawLongBits(raw.table().column(last).get(raw.space().size() - 1)),
        Double.doubleToRawLongBits(again.table().column(last).get(raw.space().size() - 1)));
    assertArrayEquals(good, Files.readAllBytes(img), "the image was rewritten");
  }

  @Test
  void microImage() throws IOException {
    firstLoadWritesTheImage(new TnbBenchmark.Micro());
  }

  @Test
  void macroImageKeepsTheOfficialOrder() throws IOException {
    firstLoadWritesTheImage(new TnbBenchmark.Macro());
  }
}
