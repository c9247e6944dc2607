package org.nash.retrain.data;

import java.util.Arrays;

/**
 * CIFAR images held compactly: {@code size} images of 3x32x32 bytes in channel-major (CHW) order,
 * the layout of the official binary files, plus one label byte each. 50k images are 150 MB, far less
 * than as floats; batches are converted on the device.
 */
public final class CifarImages {
  public static final int SIDE = 32;
  public static final int PIXELS = 3 * SIDE * SIDE;

  private final byte[] pixels;
  private final byte[] labels;
  private final int classes;

  public CifarImages(byte[] pixels, byte[] labels, int classes) {
    if (pixels.length != labels.length * PIXELS) {
      throw new IllegalArgumentException(labels.length + " labels but " + pixels.length + " pixel bytes");
    }
    this.pixels = pixels;
    this.labels = labels;
    this.classes = classes;
  }

  public int size() {
    return labels.length;
  }

  public int classes() {
    return classes;
  }

  public int label(int i) {
    return labels[i];
  }

  /** The raw CHW pixel array (shared, not copied); image i starts at {@code i * PIXELS}. */
  byte[] pixels() {
    return pixels;
  }

  /** A copy holding the given images in the given order. */
  public CifarImages select(int[] indices) {
    byte[] p = new byte[indices.length * PIXELS];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * PIXELS, p, k * PIXELS, PIXELS);
      l[k] = labels[indices[k]];
    }
    return new CifarImages(p, l, classes);
  }

  /** Images per class. */
  public int[] classCounts() {
    int[] c = new int[classes];
    for (byte b : labels) {
      c[b]++;
    }
    return c;
  }

  @Override
  public String toString() {
    return size() + " images, per class " + Arrays.toString(classCounts());
  }
}
