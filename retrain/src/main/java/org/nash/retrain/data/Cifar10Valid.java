package org.nash.retrain.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      int[][] s = readSplit(officialSplit, set.train().size());
      return new Cifar10Valid(set.train().select(s[0]), set.train().select(s[1]), OFFICIAL,
          "official NAS-Bench-201 split (cifar-split.txt) of " + set.origin());
    }
    int[][] s = stratified(set.train(), SPLIT_SEED);
    return new Cifar10Valid(set.train().select(s[0]), set.train().select(s[1]), STRATIFIED,
        "deterministic stratified 25k/25k split (seed " + SPLIT_SEED + "; the official cifar-split.txt needs the"
            + " official image order, which " + set.origin() + " does not keep)");
  }

  /** Per class: shuffle that class's indices, first half train, second half valid. */
  static int[][] stratified(CifarImages images, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> valid = new ArrayList<>();
    for (int c = 0; c < images.classes(); c++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        if (images.label(i) == c) {
          idx.add(i);
        }
      }
      for (int i = idx.size() - 1; i > 0; i--) {
        java.util.Collections.swap(idx, i, rnd.nextInt(i + 1));
      }
      int half = idx.size() / 2;
      train.addAll(idx.subList(0, half));
      valid.addAll(idx.subList(half, idx.size()));
    }
    return new int[][] {train.stream().mapToInt(Integer::intValue).sorted().toArray(),
        valid.stream().mapToInt(Integer::intValue).sorted().toArray()};
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
    if (n >= images.size()) {
      return images;
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < images.classes(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < images.size(); i++) {
      byClass.get(images.label(i)).add(i);
    }
    int[] pick = new int[n];
    int k = 0;
    for (int round = 0; k < n; round++) {
      for (int c = 0; c < byClass.size() && k < n; c++) {
        if (round < byClass.get(c).size()) {
          pick[k++] = byClass.get(c).get(round);
        }
      }
    }
    return images.select(pick);
  }
}
