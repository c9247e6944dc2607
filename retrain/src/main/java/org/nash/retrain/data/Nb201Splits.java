package org.nash.retrain.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.data.DataEntry;

/**
 * NAS-Bench-201's split files (AutoDL-Projects {@code configs/nas-benchmark/}): {@code cifar-split.txt}
 * cuts CIFAR-10's 50k training images into train / valid halves (cifar10-valid);
 * {@code cifar100-test-split.txt} and {@code imagenet-16-120-test-split.txt} cut the test set into
 * x-valid / x-test halves. NB-201's search code ({@code get_nas_search_loaders}) and its x-valid
 * columns evaluate on the {@code valid} / {@code xvalid} half, so that half is what a retraining scores.
 * Each file is {@code {"<key>": ["int", [indices as strings]], ...}} over the release's order.
 *
 * <p>A split file of the upstream name beside the data ({@code --data} folder, or the folder holding
 * the given layout or archive) is taken first, and said to be the published one only when its sha256
 * is the catalog's; otherwise the catalog's (cache, mirror, then download, checked by sha256).
 */
public final class Nb201Splits {
  /** One of the three files: upstream name, catalog id, and the keys of its two halves (train/eval). */
  public record SplitFile(String name, String catalogId, String firstKey, String secondKey) {}

  public static final SplitFile CIFAR10 = new SplitFile("cifar-split.txt", "nb201-cifar-split", "train", "valid");
  public static final SplitFile CIFAR100 = new SplitFile("cifar100-test-split.txt", "nb201-cifar100-test-split",
      "xvalid", "xtest");
  public static final SplitFile IMAGENET16_120 = new SplitFile("imagenet-16-120-test-split.txt",
      "nb201-imagenet16-test-split", "xvalid", "xtest");

  /**
   * A read split: the indices of both halves, the file, its sha256, and whether it is the published file.
   */
  public record Split(int[] first, int[] second, Path file, String sha256, boolean published) {
    /** One line for the output. */
    public String describe(SplitFile f) {
      return f.name() + " (" + (published ? "NB-201's published file" : "NOT the published file") + ", " + file
          + ", sha256=" + sha256 + ")";
    }
  }

  private Nb201Splits() {}

  /**
   * The split for images of {@code n} in release order.
   *
   * @param data the user's data path ({@code --data} or the {@code data} param), or null
   */
  public static Split load(SplitFile f, Path data, DataCatalog catalog, int n) {
    DataEntry entry = catalog.entry(f.catalogId());
    Path file = beside(f, data);
    if (file == null) {
      // the catalog's error names the file, where it looked and the upstream address
      file = catalog.resolve(f.catalogId());
    }
    String sha = DataCatalog.sha256(file);
    int[][] halves = read(file, f, n);
    return new Split(halves[0], halves[1], file, sha, sha.equalsIgnoreCase(entry.sha256()));
  }

  private static Path beside(SplitFile f, Path data) {
    if (data == null) {
      return null;
    }
    List<Path> dirs = new ArrayList<>();
    if (Files.isDirectory(data)) {
      dirs.add(data);
    }
    if (data.toAbsolutePath().getParent() != null) {
      dirs.add(data.toAbsolutePath().getParent());
    }
    for (Path d : dirs) {
      if (Files.isRegularFile(d.resolve(f.name()))) {
        return d.resolve(f.name());
      }
    }
    return null;
  }

  /** Both halves; each index within 0..n-1, the halves disjoint. */
  static int[][] read(Path file, SplitFile f, int n) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new NashException("cannot read the split file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new NashException(file + ": expected a JSON object with \"" + f.firstKey() + "\" and \"" + f.secondKey()
          + "\"");
    }
    int[] a = indices(root, f.firstKey(), file, n);
    int[] b = indices(root, f.secondKey(), file, n);
    boolean[] seen = new boolean[n];
    for (int i : a) {
      seen[i] = true;
    }
    for (int i : b) {
      if (seen[i]) {
        throw new NashException(file + ": index " + i + " is in both \"" + f.firstKey() + "\" and \"" + f.secondKey()
            + "\"");
      }
    }
    return new int[][] {a, b};
  }

  private static int[] indices(JsonNode root, String key, Path file, int n) {
    JsonNode list = root.path(key).path(1);
    if (!list.isArray()) {
      throw new NashException(file + ": expected \"" + key + "\": [\"int\", [indices]]");
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      String s = list.get(i).asText();
      try {
        out[i] = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new NashException(file + ": \"" + key + "\" entry " + i + " is '" + s + "', not an index");
      }
      if (out[i] < 0 || out[i] >= n) {
        throw new NashException(file + ": \"" + key + "\" index " + out[i] + " outside 0.." + (n - 1) + " (the images"
            + " have " + n + "; the split belongs to the full official release)");
      }
    }
    return out;
  }
}
