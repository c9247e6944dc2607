package org.nash.retrain.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nash.NashException;
import org.nash.data.DataCatalog;

/**
 * The train and evaluation images of a retrain run for a NAS-Bench-201 dataset name:
 * {@code cifar10-valid} (train on 25k, evaluate on the other 25k, the x-valid split),
 * {@code cifar10} (train on all 50k, evaluate on the 10k test set), {@code cifar100} and
 * {@code ImageNet16-120} (train on the training set, evaluate on the x-valid half of the test set).
 *
 * @param split {@code official} (NB-201's split file over a release's order) or {@code stratified} (JPEGs)
 *     for cifar10-valid, {@code train/test} for cifar10, {@code official} for cifar100 and ImageNet16-120
 * @param how one line for the output: source, split and subset
 */
public record RetrainData(String dataset, CifarImages train, CifarImages eval, String evalSplit, String split,
    String how) {

  /**
   * @param source the user's data: a release folder ({@code cifar-10-batches-bin|py}, {@code cifar-100-binary|python},
   *     NB-201's {@code ImageNet16}), a folder holding one, a published archive, for CIFAR-10 also a JPEG
   *     tar.gz; or null to look in the cache and the mirror (CIFAR-10 then falls back to the catalog's
   *     {@code cifar10-jpeg})
   * @param subset if &gt; 0, train on that many images and evaluate on that many (class-balanced)
   */
  public static RetrainData load(String dataset, Path source, DataCatalog catalog, int subset) {
    checkDataset(dataset);
    CifarImages train;
    CifarImages eval;
    String evalSplit;
    String split;
    String how;
    switch (dataset) {
      case "cifar10-valid" -> {
        CifarSet set = readCifar10(source, catalog);
        Cifar10Valid cv;
        if (set.officialOrder()) {
          Nb201Splits.Split s = Nb201Splits.load(Nb201Splits.CIFAR10, source, catalog, set.train().size());
          cv = Cifar10Valid.of(set, new int[][] {s.first(), s.second()}, Cifar10Valid.OFFICIAL,
              "official NAS-Bench-201 split " + s.describe(Nb201Splits.CIFAR10) + " of " + set.origin(), subset);
        } else {
          cv = Cifar10Valid.stratified(set, subset);
        }
        train = cv.train();
        eval = cv.valid();
        evalSplit = "x-valid";
        split = cv.split();
        how = cv.how() + files(set);
      }
      case "cifar10" -> {
        CifarSet set = readCifar10(source, catalog);
        train = set.train();
        eval = set.test();
        evalSplit = "ori-test";
        split = "train/test";
        how = "all 50k training images, evaluated on the 10k test set, from " + set.origin() + files(set);
      }
      case "cifar100", "ImageNet16-120" -> {
        CifarSet set = OfficialImages.find(dataset, source, catalog);
        if (set == null) {
          throw new NashException("dataset " + dataset + ": its images are not in the cache (" + catalog.cacheDir()
              + ")" + (catalog.mirrorDir() != null ? " nor in the mirror (" + catalog.mirrorDir() + ")" : "") + ". nash"
              + " cannot download them; put " + OfficialImages.expected(dataset) + " there (or in a folder named "
              + dataset + " there), or give the folder with --data (oracle param data)");
        }
        Nb201Splits.SplitFile sf = dataset.equals("cifar100") ? Nb201Splits.CIFAR100 : Nb201Splits.IMAGENET16_120;
        Nb201Splits.Split s = Nb201Splits.load(sf, source, catalog, set.test().size());
        // NB-201's x-valid columns of these datasets score the xvalid half of the test set
        train = set.train();
        eval = set.test().select(s.first());
        evalSplit = "x-valid";
        split = Cifar10Valid.OFFICIAL;
        how = "all " + train.size() + " training images, evaluated on the x-valid half (" + eval.size() + " images) of"
            + " the test set by NB-201's split " + s.describe(sf) + ", from " + set.origin() + files(set);
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

  private static String files(CifarSet set) {
    return set.files().isEmpty() ? "" : "; files: " + String.join(", ", set.files());
  }

  /** The datasets a retraining can train: NB-201's four dataset names. */
  public static final java.util.List<String> DATASETS = java.util.List.of("cifar10-valid", "cifar10", "cifar100",
      "ImageNet16-120");

  /**
   * Fails unless {@code dataset} can be trained: cifar10-valid, cifar10, cifar100 or ImageNet16-120
   * (whose images the user supplies). Cheap: call it before loading anything.
   */
  public static void checkDataset(String dataset) {
    if (!DATASETS.contains(dataset)) {
      throw new NashException("--dataset must be one of " + String.join(", ", DATASETS) + ", got '" + dataset + "'");
    }
  }

  /**
   * The training behind a benchmark dataset's x-valid signal: a {@code cifar10-valid} training for
   * {@code cifar10} (NB-201's CIFAR-10 x-valid is the cifar10-valid split), the dataset itself otherwise.
   */
  public static String signalTraining(String dataset) {
    return dataset.equals("cifar10") ? "cifar10-valid" : dataset;
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

  /** CIFAR-10: an official release when found (given, cache, mirror), else the JPEGs. */
  private static CifarSet readCifar10(Path source, DataCatalog catalog) {
    if (source == null) {
      CifarSet official = OfficialImages.find("cifar10", null, catalog);
      if (official != null) {
        return official;
      }
      Path jpeg;
      try {
        jpeg = catalog.resolve("cifar10-jpeg");
      } catch (NashException e) {
        throw new NashException(e.getMessage() + ". Or train from the official CIFAR-10 files you have: --data DIR"
            + " (retrain, spotcheck) or the oracle parameter 'data: DIR', DIR holding cifar-10-batches-py or"
            + " cifar-10-batches-bin", e);
      }
      return CifarJpeg.load(jpeg, catalog.cacheDir().resolve("cifar10"));
    }
    CifarSet official = Files.exists(source) ? OfficialImages.fromPath("cifar10", source, catalog) : null;
    if (official != null) {
      return official;
    }
    if (Files.isRegularFile(source) && source.getFileName().toString().endsWith(".tar.gz")) {
      return CifarJpeg.load(source, catalog.cacheDir().resolve("cifar10"));
    }
    throw new NashException("--data " + source + ": expected " + OfficialImages.expected("cifar10") + ", the archive"
        + " cifar-10-python.tar.gz or cifar-10-binary.tar.gz, or a .tar.gz of JPEGs in train/<class>/ and test/<class>/"
        + " folders");
  }
}
