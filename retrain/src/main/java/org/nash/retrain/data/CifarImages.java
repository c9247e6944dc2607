package org.nash.retrain.data;

import java.util.Arrays;

/**
 * Images held compactly: {@code size} images of 3 x side x side bytes in channel-major (CHW) order,
 * the layout of the official CIFAR and ImageNet16 files, plus one label byte each (0..classes-1,
 * read unsigned). 50k CIFAR images are 150 MB, far less than as floats; batches are converted on the
 * device. The images carry their dataset's {@link ImageTransform} (size, crop padding, mean/std).
 */
public final class CifarImages {
  /** CIFAR's side and bytes per image. */
  public static final int SIDE = 32;
  public static final int PIXELS = 3 * SIDE * SIDE;

  private final byte[] pixels;
  private final byte[] labels;
  private final int classes;
  private final ImageTransform transform;

  /** CIFAR-10 images (32x32, CIFAR-10's normalisation) with {@code classes} classes. */
  public CifarImages(byte[] pixels, byte[] labels, int classes) {
    this(pixels, labels, classes, ImageTransform.CIFAR10);
  }

  public CifarImages(byte[] pixels, byte[] labels, int classes, ImageTransform transform) {
    if (pixels.length != (long) labels.length * transform.pixels()) {
      throw new IllegalArgumentException(labels.length + " labels but " + pixels.length + " pixel bytes");
    }
    if (classes > 256) {
      throw new IllegalArgumentException("at most 256 classes fit a label byte, got " + classes);
    }
    this.pixels = pixels;
    this.labels = labels;
    this.classes = classes;
    this.transform = transform;
  }

  public int size() {
    return labels.length;
  }

  public int classes() {
    return classes;
  }

  public int label(int i) {
    return labels[i] & 0xFF;
  }

  public ImageTransform transform() {
    return transform;
  }

  /** Image width and height. */
  public int side() {
    return transform.side();
  }

  /** Bytes per image. */
  public int pixelsPerImage() {
    return transform.pixels();
  }

  /** The raw CHW pixel array (shared, not copied); image i starts at {@code i * pixelsPerImage()}. */
  byte[] pixels() {
    return pixels;
  }

  /** A copy holding the given images in the given order. */
  public CifarImages select(int[] indices) {
    int px = pixelsPerImage();
    byte[] p = new byte[indices.length * px];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * px, p, k * px, px);
      l[k] = labels[indices[k]];
    }
    return new CifarImages(p, l, classes, transform);
  }

  /** Images per class. */
  public int[] classCounts() {
    int[] c = new int[classes];
    for (byte b : labels) {
      c[b & 0xFF]++;
    }
    return c;
  }

  @Override
  public String toString() {
    return size() + " images, per class " + Arrays.toString(classCounts());
  }
}
