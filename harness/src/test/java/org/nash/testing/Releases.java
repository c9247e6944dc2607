package org.nash.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;


/**
 * Writes small synthetic releases in each official layout. Train image i has seed i, test image i
 * seed 100000 + i ({@link SyntheticReleases#images}); labels: CIFAR-10 {@code i mod 10}; CIFAR-100
 * fine {@code i mod 100} (coarse {@code fine / 5}); ImageNet16 {@code 1 + i mod 130} (so some fall
 * outside ImageNet16-120's 1..120).
 */
public final class Releases {
  public static final int TEST_SEED = 100_000;

  private Releases() {}

  public static int cifar10Label(int i) {
    return i % 10;
  }

  public static int cifar100Label(int i) {
    return i % 100;
  }

  public static int imagenetLabel(int i) {
    return 1 + i % 130;
  }

  public static int[] labels(int n, java.util.function.IntUnaryOperator f, int from) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = f.applyAsInt(from + i);
    }
    return l;
  }

  public static byte[][] part(int n, int seed, int side) {
    return SyntheticReleases.images(n, side, seed);
  }

  /** {@code cifar-10-batches-bin}: 5 training files of {@code perBatch} images, a test file of {@code test}. */
  public static Path cifar10Binary(Path root, int perBatch, int test) throws IOException {
    Path dir = root.resolve("cifar-10-batches-bin");
    for (int b = 0; b < 5; b++) {
      byte[][] imgs = part(perBatch, b * perBatch, 32);
      int[][] lb = new int[perBatch][];
      for (int i = 0; i < perBatch; i++) {
        lb[i] = new int[] {cifar10Label(b * perBatch + i)};
      }
      SyntheticReleases.writeBinary(dir.resolve("data_batch_" + (b + 1) + ".bin"), imgs, lb);
    }
    int[][] lb = new int[test][];
    for (int i = 0; i < test; i++) {
      lb[i] = new int[] {cifar10Label(i)};
    }
    SyntheticReleases.writeBinary(dir.resolve("test_batch.bin"), part(test, TEST_SEED, 32), lb);
    return dir;
  }

  /** The members of {@code cifar-10-batches-py} (python 2 pickles), by file name. */
  public static Map<String, byte[]> cifar10PythonFiles(int perBatch, int test) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int b = 0; b < 5; b++) {
      m.put("data_batch_" + (b + 1), SyntheticReleases.pickle(part(perBatch, b * perBatch, 32),
          labels(perBatch, Releases::cifar10Label, b * perBatch), "labels", true,
          Map.of("batch_label", "training batch " + (b + 1) + " of 5")));
    }
    m.put("test_batch", SyntheticReleases.pickle(part(test, TEST_SEED, 32), labels(test, Releases::cifar10Label, 0),
        "labels", true, Map.of("batch_label", "testing batch 1 of 1")));
    return m;
  }

  public static Path cifar10Python(Path root, int perBatch, int test) throws IOException {
    return write(root.resolve("cifar-10-batches-py"), cifar10PythonFiles(perBatch, test));
  }

  /** {@code cifar-100-binary}: train.bin and test.bin, records of coarse, fine, pixels. */
  public static Path cifar100Binary(Path root, int train, int test) throws IOException {
    Path dir = root.resolve("cifar-100-binary");
    SyntheticReleases.writeBinary(dir.resolve("train.bin"), part(train, 0, 32), cifar100Labels(train));
    SyntheticReleases.writeBinary(dir.resolve("test.bin"), part(test, TEST_SEED, 32), cifar100Labels(test));
    return dir;
  }

  private static int[][] cifar100Labels(int n) {
    int[][] lb = new int[n][];
    for (int i = 0; i < n; i++) {
      lb[i] = new int[] {cifar100Label(i) / 5, cifar100Label(i)};
    }
    return lb;
  }

  public static Map<String, byte[]> cifar100PythonFiles(int train, int test) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("train", SyntheticReleases.pickle(part(train, 0, 32), labels(train, Releases::cifar100Label, 0),
        "fine_labels", true, Map.of("batch_label", "training batch 1 of 1")));
    m.put("test", SyntheticReleases.pickle(part(test, TEST_SEED, 32), labels(test, Releases::cifar100Label, 0),
        "fine_labels", true, Map.of("batch_label", "testing batch 1 of 1")));
    return m;
  }

  public static Path cifar100Python(Path root, int train, int test) throws IOException {
    return write(root.resolve("cifar-100-python"), cifar100PythonFiles(train, test));
  }

  /** NB-201's ImageNet16 folder: 10 training pickles of {@code perBatch} images and val_data (python 3 style). */
  public static Path imagenet16(Path root, int perBatch, int val) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int b = 0; b < 10; b++) {
      m.put("train_data_batch_" + (b + 1), SyntheticReleases.pickle(part(perBatch, b * perBatch, 16),
          labels(perBatch, Releases::imagenetLabel, b * perBatch), "labels", false, Map.of()));
    }
    m.put("val_data", SyntheticReleases.pickle(part(val, TEST_SEED, 16), labels(val, Releases::imagenetLabel, 0),
        "labels", false, Map.of()));
    return write(root.resolve("ImageNet16"), m);
  }

  public static Path write(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    return dir;
  }

  /** Every file of a folder as tar members {@code <folder>/<name>}. */
  public static Map<String, byte[]> members(Path dir) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        m.put(dir.getFileName() + "/" + p.getFileName(), Files.readAllBytes(p));
      }
    }
    return m;
  }
}
