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
 * @param split which split of the training images: {@code official} (NB-201's cifar-split.txt, needs the
 *     binary CIFAR-10's order) or {@code stratified} for cifar10-valid, {@code train/test} for cifar10
 * @param how one line for the output: source, split and subset
 */
public record RetrainData(String dataset, CifarImages train, CifarImages eval, String evalSplit, String split,
    String how) {

  /**
   * @param source a {@code cifar-10-batches-bin} folder, a JPEG tar.gz, or null for the catalog's
   *     {@code cifar10-jpeg}
   * @param subset if &gt; 0, train on that many images and evaluate on that many (class-balanced)
   */
  public static RetrainData load(String dataset, Path source, DataCatalog catalog, int subset) {
    checkDataset(dataset);
    CifarSet set = read(source, catalog);
    CifarImages train;
    CifarImages eval;
    String evalSplit;
    String split;
    String how;
    switch (dataset) {
      case "cifar10-valid" -> {
        Path splitFile = set.officialOrder() ? catalog.resolve("nb201-cifar-split") : null;
        Cifar10Valid cv = Cifar10Valid.of(set, splitFile);
        train = cv.train();
        eval = cv.valid();
        evalSplit = "x-valid";
        split = cv.split();
        how = cv.how();
      }
      case "cifar10" -> {
        train = set.train();
        eval = set.test();
        evalSplit = "ori-test";
        split = "train/test";
        how = "all 50k training images, evaluated on the 10k test set, from " + set.origin();
      }
      default -> throw new IllegalStateException(dataset); // checkDataset refused it
    }
    if (subset > 0) {
      train = Cifar10Valid.balancedSubset(train, subset);
      eval = Cifar10Valid.balancedSubset(eval, subset);
      how += "; SUBSET: " + train.size() + " training and " + eval.size() + " evaluation images";
    }
    return new RetrainData(dataset, train, eval, evalSplit, split, how);
  }

  /**
   * Fails unless {@code dataset} can be trained here: cifar10-valid or cifar10. NB-201's cifar100 and
   * ImageNet16-120 need their own images, which the data catalog does not have. Cheap: call it before
   * loading anything.
   */
  public static void checkDataset(String dataset) {
    if (dataset.equals("cifar10-valid") || dataset.equals("cifar10")) {
      return;
    }
    if (dataset.equalsIgnoreCase("cifar100") || dataset.equalsIgnoreCase("ImageNet16-120")) {
      throw new NashException("--dataset " + dataset + ": training needs the " + dataset + " images, and the data"
          + " catalog has only CIFAR-10 (cifar10-jpeg; see nash data list). Only cifar10-valid and cifar10 can be"
          + " trained; the table's " + dataset + " values need no training (oracle: table)");
    }
    throw new NashException("--dataset must be cifar10-valid or cifar10, got '" + dataset + "'");
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
      Path jpeg;
      try {
        jpeg = catalog.resolve("cifar10-jpeg");
      } catch (NashException e) {
        throw new NashException(e.getMessage() + ". Or train from the official CIFAR-10 files you have: --data DIR"
            + " (retrain, spotcheck) or the oracle parameter 'data: DIR', DIR holding cifar-10-batches-bin", e);
      }
      return CifarJpeg.load(jpeg, catalog.cacheDir().resolve("cifar10"));
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
