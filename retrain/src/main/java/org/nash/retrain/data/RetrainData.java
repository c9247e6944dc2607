package org.nash.retrain.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nash.NashException;
import org.nash.data.DataCatalog;

/**
 * The train and evaluation images of a retrain run for a NAS-Bench-201 dataset name:
 * {@code cifar10-valid} (train on 25k, evaluate on the other 25k, the x-valid split) or
 * {@code cifar10} (train on all 50k, evaluate on the 10k test set).
 *
 * @param how one line for the output: source, split and subset
 */
public record RetrainData(String dataset, CifarImages train, CifarImages eval, String evalSplit, String how) {

  /**
   * @param source a {@code cifar-10-batches-bin} folder, a JPEG tar.gz, or null for the catalog's
   *     {@code cifar10-jpeg}
   * @param subset if &gt; 0, train on that many images and evaluate on that many (class-balanced)
   */
  public static RetrainData load(String dataset, Path source, DataCatalog catalog, int subset) {
    CifarSet set = read(source, catalog);
    CifarImages train;
    CifarImages eval;
    String evalSplit;
    String how;
    switch (dataset) {
      case "cifar10-valid" -> {
        Path split = set.officialOrder() ? catalog.resolve("nb201-cifar-split") : null;
        Cifar10Valid cv = Cifar10Valid.of(set, split);
        train = cv.train();
        eval = cv.valid();
        evalSplit = "x-valid";
        how = cv.how();
      }
      case "cifar10" -> {
        train = set.train();
        eval = set.test();
        evalSplit = "ori-test";
        how = "all 50k training images, evaluated on the 10k test set, from " + set.origin();
      }
      default -> throw new NashException("--dataset must be cifar10-valid or cifar10, got '" + dataset
          + "' (cifar100 and ImageNet16-120 are not supported by the retrain oracle yet)");
    }
    if (subset > 0) {
      train = Cifar10Valid.balancedSubset(train, subset);
      eval = Cifar10Valid.balancedSubset(eval, subset);
      how += "; SUBSET: " + train.size() + " training and " + eval.size() + " evaluation images";
    }
    return new RetrainData(dataset, train, eval, evalSplit, how);
  }

  /**
   * The sha256 of the exact training and evaluation images and labels (in order): the data identity
   * in the result store's key, so a different source, split or subset never answers from a stored cell.
   */
  public String sha256() {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (CifarImages part : new CifarImages[] {train, eval}) {
        md.update(part.pixels());
        for (int i = 0; i < part.size(); i++) {
          md.update((byte) part.label(i));
        }
        md.update((byte) 0xFF);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CifarSet read(Path source, DataCatalog catalog) {
    if (source == null) {
      return CifarJpeg.load(catalog.resolve("cifar10-jpeg"), catalog.cacheDir().resolve("cifar10"));
    }
    if (Files.isDirectory(source)) {
      Path inner = source.resolve("cifar-10-batches-bin");
      return CifarBinary.readDir(CifarBinary.isBinaryDir(source) || !Files.isDirectory(inner) ? source : inner);
    }
    if (Files.isRegularFile(source) && source.getFileName().toString().endsWith(".tar.gz")) {
      return CifarJpeg.load(source, catalog.cacheDir().resolve("cifar10"));
    }
    throw new NashException("--data " + source + ": expected a cifar-10-batches-bin folder (data_batch_1.bin ..."
        + " test_batch.bin) or a .tar.gz of JPEGs in train/<class>/ and test/<class>/ folders");
  }
}
