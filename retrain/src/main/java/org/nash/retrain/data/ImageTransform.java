package org.nash.retrain.data;

import java.util.Locale;
import org.nash.NashException;

/**
 * NAS-Bench-201's image pipeline per dataset, from AutoDL-Projects' {@code get_datasets}
 * ({@code xautodl/datasets/get_dataset_with_transform.py}): training images get a random horizontal
 * flip and a random crop of the image zero-padded by {@code pad}, every image is normalised per
 * channel with the dataset's mean and std (listed there on the 0-255 scale and divided by 255; the
 * same after ToTensor's /255). Evaluation images are only normalised.
 *
 * @param dataset the NB-201 name of the images ({@code cifar10}, {@code cifar100}, {@code ImageNet16-120})
 * @param side image width and height (32 for CIFAR, 16 for ImageNet16)
 * @param classes classifier outputs (ImageNet16-120 keeps labels 1..120 of 1000, as 0..119)
 */
public record ImageTransform(String dataset, int side, int pad, int classes, float[] mean, float[] std) {
  public static final ImageTransform CIFAR10 = new ImageTransform("cifar10", 32, 4, 10,
      new float[] {125.3f, 123.0f, 113.9f}, new float[] {63.0f, 62.1f, 66.7f});
  public static final ImageTransform CIFAR100 = new ImageTransform("cifar100", 32, 4, 100,
      new float[] {129.3f, 124.1f, 112.4f}, new float[] {68.2f, 65.4f, 70.4f});
  public static final ImageTransform IMAGENET16_120 = new ImageTransform("ImageNet16-120", 16, 2, 120,
      new float[] {122.68f, 116.66f, 104.01f}, new float[] {63.22f, 61.26f, 65.09f});

  /** Bytes of one image (3 channel planes). */
  public int pixels() {
    return 3 * side * side;
  }

  /**
   * The transform of an NB-201 dataset name: {@code cifar10-valid} and {@code cifar10} train on
   * CIFAR-10's images.
   */
  public static ImageTransform of(String dataset) {
    return switch (dataset) {
      case "cifar10", "cifar10-valid" -> CIFAR10;
      case "cifar100" -> CIFAR100;
      case "ImageNet16-120" -> IMAGENET16_120;
      default -> throw new NashException("unknown NB-201 dataset '" + dataset
          + "': expected cifar10-valid, cifar10, cifar100 or ImageNet16-120");
    };
  }

  /** The canonical text for the store's settings hash (part of what a training's numbers depend on). */
  public String describe() {
    return String.format(Locale.ROOT, "flip+crop%d(pad %d) mean=%s std=%s", side, pad, java.util.Arrays.toString(mean),
        java.util.Arrays.toString(std));
  }
}
