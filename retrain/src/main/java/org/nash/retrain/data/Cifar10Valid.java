package org.nash.retrain.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nash.NashException;

/**
 * NAS-Bench-201's {@code cifar10-valid}: the 50k training images split 25k train / 25k x-valid. With
 * the official order (binary release) the split is NB201's {@code cifar-split.txt}; otherwise (JPEGs,
 * whose order is lost) a deterministic stratified split, 2,500 + 2,500 per class. {@link #split()} names
 * which ({@code official} or {@code stratified}), {@link #how()} says it in full, and the output shows it.
 */
public record Cifar10Valid(CifarImages train, CifarImages valid, String split, String how) {
  public static final String OFFICIAL = "official";
  public static final String STRATIFIED = "stratified";

  /** Seed of the stratified split: fixed so every run and machine gets the same halves. */
  private static final long SPLIT_SEED = 201;

  public static Cifar10Valid of(CifarSet set, Path officialSplit) {
    if (set.officialOrder() && officialSplit != null) {
      return of(set, readSplit(officialSplit, set.train().size()), OFFICIAL,
          "official NAS-Bench-201 split (cifar-split.txt) of " + set.origin(), 0);
    }
    return stratified(set, 0);
  }

  /** The deterministic stratified split of {@code set}'s training images, each half cut to {@code subset}. */
  public static Cifar10Valid stratified(CifarSet set, int subset) {
    return of(set, stratified(set.train(), SPLIT_SEED), STRATIFIED,
        "deterministic stratified 25k/25k split (seed " + SPLIT_SEED + "; the official cifar-split.txt needs the"
            + " official image order, which " + set.origin() + " does not keep)", subset);
  }

  /**
   * The two halves (indices into {@code set}'s training images), each cut to its class-balanced first
   * {@code subset} images (0 = all, as {@link #balancedSubset}) before any image is copied: a tiny run
   * copies 2 x subset images, not 2 x 25,000 (75 MB each, at every worker's start).
   */
  public static Cifar10Valid of(CifarSet set, int[][] halves, String split, String how, int subset) {
    CifarImages all = set.train();
    return new Cifar10Valid(all.select(balancedPick(all, halves[0], subset)),
        all.select(balancedPick(all, halves[1], subset)), split, how);
  }

  /** Per class: shuffle that class's indices, first half train, second half valid. */
  static int[][] stratified(CifarImages images, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[][] byClass = byClass(images, null);
    int[] train = new int[images.size()];
    int[] valid = new int[images.size()];
    int nt = 0;
    int nv = 0;
    for (int[] idx : byClass) {
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int half = idx.length / 2;
      System.arraycopy(idx, 0, train, nt, half);
      System.arraycopy(idx, half, valid, nv, idx.length - half);
      nt += half;
      nv += idx.length - half;
    }
    train = Arrays.copyOf(train, nt);
    valid = Arrays.copyOf(valid, nv);
    Arrays.sort(train);
    Arrays.sort(valid);
    return new int[][] {train, valid};
  }

  /**
   * Each class's image indices, in the order of {@code within} (ascending without it), in int arrays
   * rather than boxed lists: this runs once per worker start, mostly interpreted.
   */
  private static int[][] byClass(CifarImages images, int[] within) {
    int size = within == null ? images.size() : within.length;
    int[] counts = new int[images.classes()];
    for (int k = 0; k < size; k++) {
      counts[images.label(within == null ? k : within[k])]++;
    }
    int[][] byClass = new int[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      byClass[c] = new int[counts[c]];
    }
    int[] fill = new int[counts.length];
    for (int k = 0; k < size; k++) {
      int i = within == null ? k : within[k];
      int c = images.label(i);
      byClass[c][fill[c]++] = i;
    }
    return byClass;
  }

  /** NB201's cifar-split.txt: {"train": ["int", [indices as strings]], "valid": [...]}. */
  static int[][] readSplit(Path file, int n) {
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      return new int[][] {indices(root, "train", file, n), indices(root, "valid", file, n)};
    } catch (IOException e) {
      throw new NashException("cannot read the split file " + file + ": " + e.getMessage(), e);
    }
  }

  private static int[] indices(JsonNode root, String key, Path file, int n) {
    JsonNode list = root.path(key).path(1);
    if (!list.isArray()) {
      throw new NashException(file + ": expected \"" + key + "\": [\"int\", [indices]]");
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Integer.parseInt(list.get(i).asText());
      if (out[i] < 0 || out[i] >= n) {
        throw new NashException(file + ": " + key + " index " + out[i] + " outside 0.." + (n - 1));
      }
    }
    return out;
  }

  /**
   * The first {@code n} images in a class-balanced round robin (images of each class in their order),
   * so a small subset still has every class. Returns {@code images} itself when n >= size.
   */
  public static CifarImages balancedSubset(CifarImages images, int n) {
    return n >= images.size() ? images : images.select(balancedPick(images, null, n));
  }

  /**
   * The indices {@link #balancedSubset} keeps of the images at {@code within} (null: all), as indices
   * into {@code images}; {@code within} itself when n is 0 or covers it.
   */
  static int[] balancedPick(CifarImages images, int[] within, int n) {
    int size = within == null ? images.size() : within.length;
    if (n <= 0 || n >= size) {
      return within != null ? within : java.util.stream.IntStream.range(0, size).toArray();
    }
    int[][] byClass = byClass(images, within);
    int[] pick = new int[n];
    int k = 0;
    for (int round = 0; k < n; round++) {
      for (int c = 0; c < byClass.length && k < n; c++) {
        if (round < byClass[c].length) {
          pick[k++] = byClass[c][round];
        }
      }
    }
    return pick;
  }
}
