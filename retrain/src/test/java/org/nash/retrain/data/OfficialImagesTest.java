package org.nash.retrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.data.DataCatalog;
import org.nash.data.DataEntry;
import org.nash.retrain.DjlSetup;
import org.nash.testing.Releases;
import org.nash.testing.SyntheticReleases;

/**
 * The official layouts (issue 25) read from synthetic files written byte for byte in each: every image
 * and label lands where the release order puts it, NB-201's splits select the right images, the
 * transforms are the dataset's, and damaged input is an error naming the file.
 */
class OfficialImagesTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void offline() {
    DjlSetup.offline();
  }

  /** A catalog with an empty cache, no mirror and no downloads: only what a test puts beside the data. */
  private DataCatalog bare() {
    return new DataCatalog(dir.resolve("empty-cache"), null, false);
  }

  private static void assertImage(CifarImages set, int k, int seed, int side) {
    int px = 3 * side * side;
    byte[] expected = SyntheticReleases.images(1, side, seed)[0];
    assertArrayEquals(expected, Arrays.copyOfRange(set.pixels(), k * px, (k + 1) * px), "image " + k + " seed " + seed);
  }

  @Test
  void cifar10PythonAndBinaryLayoutsGiveTheSameImagesInReleaseOrder() throws IOException {
    CifarSet py = OfficialImages.find("cifar10", Releases.cifar10Python(dir.resolve("p"), 40, 30), bare());
    CifarSet bin = OfficialImages.find("cifar10", Releases.cifar10Binary(dir.resolve("b"), 40, 30), bare());
    for (CifarSet s : new CifarSet[] {py, bin}) {
      assertTrue(s.officialOrder());
      assertEquals(200, s.train().size());
      assertEquals(30, s.test().size());
      assertEquals(10, s.train().classes());
      for (int i : new int[] {0, 39, 40, 199}) {
        assertImage(s.train(), i, i, 32);
        assertEquals(Releases.cifar10Label(i), s.train().label(i));
      }
      assertImage(s.test(), 29, Releases.TEST_SEED + 29, 32);
      assertEquals(6, s.files().size(), s.files().toString());
      assertTrue(s.files().get(0).matches("data_batch_1(\\.bin)? sha256=[0-9a-f]{64}"), s.files().get(0));
    }
    assertArrayEquals(py.train().pixels(), bin.train().pixels());
  }

  @Test
  void cifar100BinaryUsesTheFineLabelAndPythonTheFineLabels() throws IOException {
    CifarSet bin = OfficialImages.find("cifar100", Releases.cifar100Binary(dir.resolve("b"), 300, 50), bare());
    CifarSet py = OfficialImages.find("cifar100", Releases.cifar100Python(dir.resolve("p"), 300, 50), bare());
    for (CifarSet s : new CifarSet[] {bin, py}) {
      assertEquals(100, s.train().classes());
      assertEquals(300, s.train().size());
      assertEquals(99, s.train().label(199));
      assertEquals(Releases.cifar100Label(257), s.train().label(257));
      assertImage(s.train(), 257, 257, 32);
      assertImage(s.test(), 49, Releases.TEST_SEED + 49, 32);
      assertEquals(ImageTransform.CIFAR100, s.train().transform());
    }
  }

  @Test
  void imagenet16KeepsLabels1To120As0To119On16x16Images() throws IOException {
    Path in16 = Releases.imagenet16(dir, 26, 260);
    CifarSet s = OfficialImages.find("ImageNet16-120", in16, bare());
    // labels 1 + i mod 130: of each 130 consecutive images, 120 are kept
    assertEquals(IntStream.range(0, 260).filter(i -> Releases.imagenetLabel(i) <= 120).count(), s.train().size());
    assertEquals(240, s.test().size());
    assertEquals(120, s.train().classes());
    assertEquals(16, s.train().side());
    assertEquals(768, s.train().pixelsPerImage());
    // test image 125 has label 126 (dropped); kept image 120 is release image 130, label 1 -> 0
    assertEquals(0, s.test().label(120));
    assertImage(s.test(), 120, Releases.TEST_SEED + 130, 16);
    assertEquals(119, s.test().label(119));
    assertEquals(11, s.files().size());
  }

  @Test
  void splitsSelectTheirHalvesAndSayWhetherTheFileIsThePublishedOne() throws IOException {
    // CIFAR-100 with the real published split from the mirror: 10,000 test images in release order
    Path data = Releases.cifar100Binary(dir.resolve("c100"), 200, 10_000);
    RetrainData d = RetrainData.load("cifar100", data, TestData.catalog(), 0);
    Path published = TestData.file("nb201-cifar100-test-split");
    int[][] halves = Nb201Splits.read(published, Nb201Splits.CIFAR100, 10_000);
    assertEquals(5000, d.eval().size());
    assertEquals(200, d.train().size());
    for (int k : new int[] {0, 1, 2500, 4999}) {
      assertImage(d.eval(), k, Releases.TEST_SEED + halves[0][k], 32);
      assertEquals(Releases.cifar100Label(halves[0][k]), d.eval().label(k));
    }
    assertEquals("x-valid", d.evalSplit());
    assertEquals("official", d.split());
    assertTrue(d.how().contains("cifar100-test-split.txt (NB-201's published file"), d.how());
    assertTrue(d.how().contains("test.bin sha256="), d.how());

    // ImageNet16-120 with a split beside the data: used, and labelled as not the published one
    Path root = dir.resolve("in16");
    Releases.imagenet16(root, 13, 130);
    int[] xvalid = {3, 1, 100, 119};
    SyntheticReleases.splitFile(root.resolve("imagenet-16-120-test-split.txt"), "xvalid", xvalid, "xtest",
        new int[] {0, 2});
    RetrainData in = RetrainData.load("ImageNet16-120", root, bare(), 0);
    assertEquals(4, in.eval().size());
    assertImage(in.eval(), 2, Releases.TEST_SEED + 100, 16);
    assertTrue(in.how().contains("NOT the published file"), in.how());

    // cifar10-valid from the python layout with a cifar-split.txt beside it
    Path c10 = dir.resolve("c10");
    Releases.cifar10Python(c10, 20, 10);
    SyntheticReleases.splitFile(c10.resolve("cifar-split.txt"), "train", new int[] {5, 7, 9, 99, 0, 1},
        "valid", new int[] {2, 3, 4, 6});
    RetrainData cv = RetrainData.load("cifar10-valid", c10, bare(), 0);
    assertEquals(6, cv.train().size());
    assertEquals(4, cv.eval().size());
    assertImage(cv.train(), 3, 99, 32);
    assertEquals("official", cv.split());
  }

  @Test
  void aMissingOrBadSplitFileIsAnErrorNamingIt() throws IOException {
    Path root = dir.resolve("in16");
    Releases.imagenet16(root, 13, 130);
    NashException missing = assertThrows(NashException.class, () -> RetrainData.load("ImageNet16-120", root, bare(), 0));
    assertTrue(missing.getMessage().contains("imagenet-16-120-test-split.txt"), missing.getMessage());
    assertTrue(missing.getMessage().contains("downloads are off"), missing.getMessage());

    SyntheticReleases.splitFile(root.resolve("imagenet-16-120-test-split.txt"), "xvalid", new int[] {1, 5000},
        "xtest", new int[] {0});
    NashException outside = assertThrows(NashException.class, () -> RetrainData.load("ImageNet16-120", root, bare(), 0));
    assertTrue(outside.getMessage().contains("imagenet-16-120-test-split.txt") && outside.getMessage().contains("5000"),
        outside.getMessage());

    SyntheticReleases.splitFile(root.resolve("imagenet-16-120-test-split.txt"), "xvalid", new int[] {1, 2},
        "xtest", new int[] {2});
    NashException both = assertThrows(NashException.class, () -> RetrainData.load("ImageNet16-120", root, bare(), 0));
    assertTrue(both.getMessage().contains("in both"), both.getMessage());
  }

  @Test
  void damagedFilesAreErrorsNamingThem() throws IOException {
    // a truncated binary batch
    Path bin = Releases.cifar100Binary(dir.resolve("b"), 30, 20);
    byte[] train = Files.readAllBytes(bin.resolve("train.bin"));
    Files.write(bin.resolve("train.bin"), Arrays.copyOf(train, train.length - 100));
    NashException cut = assertThrows(NashException.class, () -> OfficialImages.find("cifar100", bin, bare()));
    assertTrue(cut.getMessage().contains("train.bin") && cut.getMessage().contains("3074"), cut.getMessage());

    // a truncated pickle
    Path py = Releases.cifar10Python(dir.resolve("p"), 20, 10);
    byte[] b3 = Files.readAllBytes(py.resolve("data_batch_3"));
    Files.write(py.resolve("data_batch_3"), Arrays.copyOf(b3, b3.length / 2));
    NashException half = assertThrows(NashException.class, () -> OfficialImages.find("cifar10", py, bare()));
    assertTrue(half.getMessage().contains("data_batch_3"), half.getMessage());

    // images of the wrong size: 32x32 rows where ImageNet16 has 16x16
    Path in16 = Releases.imagenet16(dir.resolve("i"), 5, 10);
    Files.write(in16.resolve("val_data"), SyntheticReleases.pickle(Releases.part(10, 0, 32), new int[10], "labels",
        false, java.util.Map.of()));
    NashException size = assertThrows(NashException.class, () -> OfficialImages.find("ImageNet16-120", in16, bare()));
    assertTrue(size.getMessage().contains("val_data") && size.getMessage().contains("768"), size.getMessage());

    // a missing file of a layout
    Path c100 = Releases.cifar100Python(dir.resolve("q"), 10, 10);
    Files.delete(c100.resolve("test"));
    NashException gone = assertThrows(NashException.class, () -> OfficialImages.find("cifar100", dir.resolve("q"), bare()));
    assertTrue(gone.getMessage().contains("test") && gone.getMessage().contains("missing"), gone.getMessage());
  }

  @Test
  void anArchiveIsReadAfterItsPublishedMd5Matches() throws IOException {
    Path folder = Releases.cifar100Binary(dir.resolve("src"), 30, 20);
    Path archive = dir.resolve("cifar-100-binary.tar.gz");
    SyntheticReleases.tarGz(archive, Releases.members(folder));
    DataEntry published = TestData.catalog().entry("cifar100-binary");
    // the catalog's md5 is the real archive's: a synthetic one fails the check, naming both
    NashException wrong = assertThrows(NashException.class, () -> OfficialImages.find("cifar100", archive,
        TestData.catalog()));
    assertTrue(wrong.getMessage().contains(archive.toString()) && wrong.getMessage().contains(published.md5()),
        wrong.getMessage());
    // with this archive's md5 it reads like the folder
    String md5 = md5(archive);
    DataEntry mine = new DataEntry(published.id(), published.path(), published.url(), null, -1, published.holds(), md5);
    CifarSet s = OfficialImages.readArchive(archive, mine, "cifar100");
    CifarSet f = OfficialImages.find("cifar100", folder, bare());
    assertArrayEquals(f.train().pixels(), s.train().pixels());
    assertArrayEquals(f.test().pixels(), s.test().pixels());
    assertTrue(s.files().get(0).startsWith("cifar-100-binary.tar.gz sha256="), s.files().toString());
  }

  private static String md5(Path p) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(Files.readAllBytes(p)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void transformsAreNb201sPerDataset() {
    assertEquals(4, ImageTransform.of("cifar10-valid").pad());
    assertArrayEquals(new float[] {129.3f, 124.1f, 112.4f}, ImageTransform.of("cifar100").mean());
    assertArrayEquals(new float[] {68.2f, 65.4f, 70.4f}, ImageTransform.of("cifar100").std());
    ImageTransform in = ImageTransform.of("ImageNet16-120");
    assertEquals(16, in.side());
    assertEquals(2, in.pad());
    assertArrayEquals(new float[] {122.68f, 116.66f, 104.01f}, in.mean());
    assertArrayEquals(new float[] {63.22f, 61.26f, 65.09f}, in.std());

    // every pixel 200: evaluation batches are (200 - mean) / std per channel, 16x16
    int n = 3;
    byte[] px = new byte[n * in.pixels()];
    Arrays.fill(px, (byte) 200);
    CifarImages images = new CifarImages(px, new byte[n], 120, in);
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
         BatchSource eval = new BatchSource(images, 2, false, 0, m);
         BatchSource train = new BatchSource(images, 3, true, 7, m)) {
      NDArray[] xy = eval.next(m);
      assertArrayEquals(new long[] {2, 3, 16, 16}, xy[0].getShape().getShape());
      float[] v = xy[0].toFloatArray();
      for (int c = 0; c < 3; c++) {
        assertEquals((200 - in.mean()[c]) / in.std()[c], v[c * 256 + 17], 1e-5, "channel " + c);
      }
      // augmented: a crop of the image padded by at most 2 zero pixels, so each row and column of a
      // channel holds at least 14 of the 16 original pixels
      float[] t = train.next(m)[0].toFloatArray();
      float zero = -in.mean()[0] / in.std()[0];
      int padded = 0;
      for (int i = 0; i < 256; i++) {
        padded += Math.abs(t[i] - zero) < 1e-5 ? 1 : 0;
      }
      assertTrue(padded <= 256 - 14 * 14, "at most 2 padded rows and columns: " + padded);
    }
  }

  @Test
  void onlyNb201DatasetsAreAccepted() {
    for (String d : RetrainData.DATASETS) {
      RetrainData.checkDataset(d);
    }
    NashException e = assertThrows(NashException.class, () -> RetrainData.checkDataset("imagenet"));
    assertTrue(e.getMessage().contains("ImageNet16-120"), e.getMessage());
    assertEquals("cifar10-valid", RetrainData.signalTraining("cifar10"));
    assertEquals("cifar100", RetrainData.signalTraining("cifar100"));
    assertFalse(RetrainData.DATASETS.contains("ImageNet16"));
  }
}
