package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.retrain.data.BatchSource;
import org.nash.retrain.data.Cifar10Valid;
import org.nash.retrain.data.CifarBinary;
import org.nash.retrain.data.CifarImages;
import org.nash.retrain.data.CifarSet;

/** Binary reader, splits and batches on small synthetic data. */
class DataTest {
  @BeforeAll
  static void offline() {
    DjlSetup.offline();
  }

  /** n images; image i has label i % 10 and every pixel byte equal to i. */
  private static CifarImages synthetic(int n) {
    byte[] px = new byte[n * CifarImages.PIXELS];
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      lb[i] = (byte) (i % 10);
      java.util.Arrays.fill(px, i * CifarImages.PIXELS, (i + 1) * CifarImages.PIXELS, (byte) i);
    }
    return new CifarImages(px, lb, 10);
  }

  private static void writeRecords(Path file, int first, int n) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = first; i < first + n; i++) {
        out.write(i % 10);
        byte[] p = new byte[CifarImages.PIXELS];
        p[0] = (byte) i;
        out.write(p);
      }
    }
  }

  @Test
  void readsTheBinaryLayoutInOfficialOrder(@TempDir Path dir) throws IOException {
    for (int b = 1; b <= 5; b++) {
      writeRecords(dir.resolve("data_batch_" + b + ".bin"), (b - 1) * 20, 20);
    }
    writeRecords(dir.resolve("test_batch.bin"), 0, 10);
    CifarSet set = CifarBinary.readDir(dir);
    assertTrue(set.officialOrder());
    assertEquals(100, set.train().size());
    assertEquals(10, set.test().size());
    assertEquals(7, set.train().label(57));
    Files.write(dir.resolve("test_batch.bin"), new byte[100]);
    NashException e = assertThrows(NashException.class, () -> CifarBinary.readDir(dir));
    assertTrue(e.getMessage().contains("not a multiple"), e.getMessage());
  }

  @Test
  void stratifiedSplitIsBalancedDisjointAndDeterministic() {
    CifarImages all = synthetic(200);
    CifarSet set = new CifarSet(all, synthetic(10), "synthetic", false);
    Cifar10Valid a = Cifar10Valid.of(set, null);
    Cifar10Valid b = Cifar10Valid.of(set, null);
    assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, a.train().classCounts());
    assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, a.valid().classCounts());
    assertTrue(a.how().contains("stratified"));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (CifarImages part : new CifarImages[] {a.train(), a.valid()}) {
      for (int i = 0; i < part.size(); i++) {
        int id = (int) firstPixel(part, i) & 0xff;
        assertTrue(seen.add(id), "image " + id + " in both halves");
      }
    }
    for (int i = 0; i < a.train().size(); i++) {
      assertEquals(firstPixel(a.train(), i), firstPixel(b.train(), i));
    }
  }

  /** The first pixel of image i, read back through a batch (un-normalised). */
  private static byte firstPixel(CifarImages images, int i) {
    CifarImages one = images.select(new int[] {i});
    try (NDManager m = NDManager.newBaseManager(Device.cpu());
         BatchSource src = new BatchSource(one, 2, false, 0, m);
         NDManager step = m.newSubManager()) {
      float v = src.next(step)[0].getFloat(0, 0, 0, 0);
      return (byte) Math.round(v * 63.0f + 125.3f);
    }
  }

  @Test
  void batchesAreNormalisedAndAugmentedAsNb201Does() {
    CifarImages images = synthetic(6);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      try (BatchSource plain = new BatchSource(images, 4, false, 0, m); NDManager step = m.newSubManager()) {
        assertEquals(2, plain.batchesPerEpoch());
        NDArray[] xy = plain.next(step);
        assertArrayEquals(new long[] {4, 3, 32, 32}, xy[0].getShape().getShape());
        assertArrayEquals(new long[] {0, 1, 2, 3}, xy[1].toLongArray());
        // image 3, channel 1: (3 - 123.0) / 62.1
        assertEquals((3 - 123.0f) / 62.1f, xy[0].getFloat(3, 1, 10, 10), 1e-5);
        NDArray[] last = plain.next(step);
        assertEquals(2, last[0].getShape().get(0));
        assertNull(plain.next(step));
      }
      try (BatchSource aug = new BatchSource(images, 6, true, 3, m); NDManager step = m.newSubManager()) {
        float[] x = aug.next(step)[0].toFloatArray();
        float pad = -125.3f / 63.0f;
        boolean padded = false;
        for (int k = 0; k < 6 && !padded; k++) {
          int base = k * CifarImages.PIXELS;
          padded = x[base] == pad || x[base + 31] == pad || x[base + 31 * 32] == pad || x[base + 1023] == pad;
        }
        assertTrue(padded, "a random crop with padding 4 should show black padding in a corner of some image");
        assertNotEquals(0, x.length);
      }
    }
  }

  @Test
  void balancedSubsetKeepsEveryClass() {
    CifarImages s = Cifar10Valid.balancedSubset(synthetic(200), 25);
    assertEquals(25, s.size());
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 2, 2, 2, 2, 2}, s.classCounts());
  }

  /** Cutting the halves to a subset by index picks the same images, in the same order, as cutting copies. */
  @Test
  void aSubsetOfTheHalvesIsTheSubsetOfTheirCopies() {
    CifarImages all = synthetic(200);
    CifarSet set = new CifarSet(all, synthetic(10), "synthetic", false);
    Cifar10Valid whole = Cifar10Valid.of(set, null);
    Cifar10Valid cut = Cifar10Valid.stratified(set, 25);
    sameImages(Cifar10Valid.balancedSubset(whole.train(), 25), cut.train());
    sameImages(Cifar10Valid.balancedSubset(whole.valid(), 25), cut.valid());
    // halves in no particular order (as a split file may list them)
    int[][] halves = {{199, 3, 150, 42, 7, 88, 120, 11, 64, 5, 31, 177}, {0, 1, 2, 190, 100, 55}};
    Cifar10Valid listed = Cifar10Valid.of(set, halves, Cifar10Valid.OFFICIAL, "listed", 7);
    sameImages(Cifar10Valid.balancedSubset(all.select(halves[0]), 7), listed.train());
    sameImages(all.select(halves[1]), listed.valid());
  }

  private static void sameImages(CifarImages expected, CifarImages actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.label(i), actual.label(i), "label of image " + i);
      assertEquals(firstPixel(expected, i), firstPixel(actual, i), "image " + i);
    }
  }
}
