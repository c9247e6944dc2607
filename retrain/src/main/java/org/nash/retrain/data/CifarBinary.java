package org.nash.retrain.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nash.NashException;

/**
 * The official CIFAR-10 binary layout ({@code cifar-10-batches-bin}): records of one label byte and
 * 3072 pixel bytes (R, G, B planes of 32x32), 10,000 per file; {@code data_batch_1..5.bin} are the
 * training set in the official order, {@code test_batch.bin} the test set.
 */
public final class CifarBinary {
  static final int RECORD = 1 + CifarImages.PIXELS;
  private static final List<String> TRAIN = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
      "data_batch_4.bin", "data_batch_5.bin");
  private static final String TEST = "test_batch.bin";

  private CifarBinary() {}

  /** True when {@code dir} holds the six files of the binary layout. */
  public static boolean isBinaryDir(Path dir) {
    return Files.isRegularFile(dir.resolve(TEST)) && TRAIN.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  /** Reads a {@code cifar-10-batches-bin} folder; the training set keeps the official order. */
  public static CifarSet readDir(Path dir) {
    if (!isBinaryDir(dir)) {
      throw new NashException(dir + " is not a cifar-10-batches-bin folder: expected " + TRAIN + " and " + TEST);
    }
    Path[] train = TRAIN.stream().map(dir::resolve).toArray(Path[]::new);
    return new CifarSet(read(train), read(dir.resolve(TEST)), "CIFAR-10 binary release at " + dir, true);
  }

  /** Reads and concatenates record files. */
  public static CifarImages read(Path... files) {
    long total = 0;
    for (Path f : files) {
      long n = size(f);
      if (n % RECORD != 0) {
        throw new NashException(f + ": size " + n + " is not a multiple of the " + RECORD + "-byte CIFAR-10 record");
      }
      total += n / RECORD;
    }
    byte[] pixels = new byte[Math.toIntExact(total * CifarImages.PIXELS)];
    byte[] labels = new byte[(int) total];
    int i = 0;
    // Records in chunks of 1,024, not a read call each: every worker reads 60,000 of them at start-up,
    // mostly before the JIT has compiled anything.
    byte[] chunk = new byte[RECORD * 1024];
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.readNBytes(chunk, 0, chunk.length) / RECORD) > 0; ) {
          for (int r = 0; r < n; r++, i++) {
            byte label = chunk[r * RECORD];
            if (label < 0 || label > 9) {
              throw new NashException(f + ": record " + i + " has label " + label + ", expected 0-9");
            }
            labels[i] = label;
            System.arraycopy(chunk, r * RECORD + 1, pixels, i * CifarImages.PIXELS, CifarImages.PIXELS);
          }
        }
      } catch (IOException e) {
        throw new NashException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    return new CifarImages(pixels, labels, 10);
  }

  /** Writes images as one record file (used for the decoded-JPEG cache). */
  static void write(CifarImages images, OutputStream out) throws IOException {
    byte[] rec = new byte[RECORD];
    for (int i = 0; i < images.size(); i++) {
      rec[0] = (byte) images.label(i);
      System.arraycopy(images.pixels(), i * CifarImages.PIXELS, rec, 1, CifarImages.PIXELS);
      out.write(rec);
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new NashException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }
}
