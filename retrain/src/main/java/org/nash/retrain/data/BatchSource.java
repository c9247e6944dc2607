package org.nash.retrain.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Turns {@link CifarImages} into batches on a device with little host work per step: the (augmented)
 * uint8 pixels are written into one reused direct buffer, handed to the engine in one copy, and
 * converted and normalised there. Training augmentation is NB201's for the images' dataset
 * ({@link ImageTransform}): random crop of the image zero-padded by 4 (CIFAR, 32x32) or 2 (ImageNet16,
 * 16x16), and a horizontal flip with probability 1/2; then per-channel normalisation with the
 * dataset's mean and std (CIFAR-10 on the 0-255 scale: mean 125.3, 123.0, 113.9; std 63.0, 62.1, 66.7).
 */
public final class BatchSource implements AutoCloseable {
  private final CifarImages images;
  private final int batchSize;
  private final boolean augment;
  private final ByteBuffer pixelBuf;
  private final ByteBuffer labelBuf;
  /** (1,3,1,1) scale 1/std and shift -mean/std on the device, made once. */
  private final NDArray scale;
  private final NDArray shift;
  private final int[] order;
  private final byte[] row;
  private final int side;
  private final int imageBytes;
  private final int pad;
  private SplittableRandom rnd;
  private int next;

  /**
   * @param manager owner of the long-lived normalisation constants (the device is taken from it)
   * @param augment crop and flip, and a fresh shuffle every epoch; false keeps the stored order
   */
  public BatchSource(CifarImages images, int batchSize, boolean augment, long seed, NDManager manager) {
    this.images = images;
    this.batchSize = batchSize;
    this.augment = augment;
    this.side = images.side();
    this.imageBytes = images.pixelsPerImage();
    this.pad = images.transform().pad();
    this.row = new byte[side];
    this.pixelBuf = ByteBuffer.allocateDirect(batchSize * imageBytes).order(ByteOrder.nativeOrder());
    this.labelBuf = ByteBuffer.allocateDirect(batchSize * Long.BYTES).order(ByteOrder.nativeOrder());
    float[] sc = new float[3];
    float[] sh = new float[3];
    for (int c = 0; c < 3; c++) {
      sc[c] = 1f / images.transform().std()[c];
      sh[c] = -images.transform().mean()[c] / images.transform().std()[c];
    }
    this.scale = manager.create(sc, new Shape(1, 3, 1, 1));
    this.shift = manager.create(sh, new Shape(1, 3, 1, 1));
    this.order = new int[images.size()];
    this.rnd = new SplittableRandom(seed);
    startEpoch();
  }

  public int size() {
    return images.size();
  }

  /** Batches per epoch; a last batch of one image is dropped (batch norm cannot train on it). */
  public int batchesPerEpoch() {
    int full = images.size() / batchSize;
    int rest = images.size() % batchSize;
    return full + ((rest > 1 || (rest == 1 && !augment)) ? 1 : 0);
  }

  /** Rewinds; with augmentation, reshuffles. */
  public void startEpoch() {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (augment) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    next = 0;
  }

  /**
   * The next batch as {input (B,3,side,side) float32 normalised, labels (B) int64}, created in
   * {@code step} (close it after the step); null at the end of the epoch.
   */
  public NDArray[] next(NDManager step) {
    int b = Math.min(batchSize, images.size() - next);
    if (b <= 0 || (augment && b == 1)) {
      return null;
    }
    byte[] px = images.pixels();
    pixelBuf.clear();
    labelBuf.clear();
    for (int k = 0; k < b; k++) {
      int i = order[next + k];
      int base = k * imageBytes;
      if (augment) {
        writeAugmented(px, i * imageBytes, base);
      } else {
        pixelBuf.put(base, px, i * imageBytes, imageBytes);
      }
      labelBuf.putLong(k * Long.BYTES, images.label(i));
    }
    next += b;
    pixelBuf.limit(b * imageBytes);
    labelBuf.limit(b * Long.BYTES);
    NDArray raw = step.create(pixelBuf, new Shape(b, 3, side, side), DataType.UINT8);
    NDArray x = raw.toType(DataType.FLOAT32, false).muli(scale).addi(shift);
    raw.close();
    NDArray y = step.create(labelBuf, new Shape(b), DataType.INT64);
    return new NDArray[] {x, y};
  }

  /**
   * Random crop from the zero-padded image (40x40 for CIFAR), optional mirror; padding pixels are 0
   * (black). NB-201 flips before it crops; with a uniform offset the two orders give the same
   * distribution of images.
   */
  private void writeAugmented(byte[] px, int src, int dst) {
    int s = side;
    int dy = rnd.nextInt(2 * pad + 1) - pad;
    int dx = rnd.nextInt(2 * pad + 1) - pad;
    boolean flip = rnd.nextBoolean();
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < s; y++) {
        int sy = y + dy;
        int out = dst + (c * s + y) * s;
        java.util.Arrays.fill(row, (byte) 0);
        if (sy >= 0 && sy < s) {
          int in = src + (c * s + sy) * s;
          int x0 = Math.max(0, -dx);
          int x1 = Math.min(s, s - dx);
          System.arraycopy(px, in + x0 + dx, row, x0, x1 - x0);
        }
        if (flip) {
          for (int x = 0; x < s / 2; x++) {
            byte t = row[x];
            row[x] = row[s - 1 - x];
            row[s - 1 - x] = t;
          }
        }
        pixelBuf.put(out, row, 0, s);
      }
    }
  }

  @Override
  public void close() {
    scale.close();
    shift.close();
  }
}
