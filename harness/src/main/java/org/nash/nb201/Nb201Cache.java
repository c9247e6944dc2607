package org.nash.nb201;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.data.DataCatalog;
import org.nash.table.BenchmarkTable;
import org.nash.table.TableImage;

/**
 * The NB-201 tables through the table image in the data cache: the first load parses the raw files
 * (each checked by its sha256) and the NATS records for the cost calibration, and writes the image;
 * later loads map the image and make a column only when it is used. An image that is stale or damaged
 * is never used: the tables are parsed again and the image rewritten (said once on stderr).
 */
final class Nb201Cache {
  /** Datasets whose query cost is scaled from cifar10-valid's times by calibrated factors. */
  static final List<String> SCALED = List.of("cifar100", "ImageNet16-120");

  private Nb201Cache() {}

  /** The tables and the calibrated cost factors of the scaled datasets. */
  record Loaded(BenchmarkTable table, Map<String, Nb201Calibration.Scales> scales) {}

  static Loaded load(DataCatalog catalog, String version) {
    Path file = TableImage.path(catalog.cacheDir(), "nb201", version);
    TableImage.Opened opened = TableImage.open(file, "nb201", version);
    if (opened.image() != null) {
      try {
        return fromImage(opened.image(), () -> parseAndWrite(catalog, file, version).table());
      } catch (TableImage.Corrupt | IllegalArgumentException | org.nash.NashException e) {
        warn(file, e.getMessage());
      }
    } else if (opened.problem() != null) {
      warn(file, opened.problem());
    }
    return parseAndWrite(catalog, file, version);
  }

  private static void warn(Path file, String problem) {
    System.err.println("nash: the table cache " + file + " " + problem + "; rebuilding it from the data files");
  }

  private static Loaded fromImage(TableImage image, java.util.function.Supplier<BenchmarkTable> fresh) {
    BenchmarkTable t = new BenchmarkTable(Nb201Space.fromCodes(image.codes()));
    image.addColumnsTo(t, fresh);
    Map<String, Nb201Calibration.Scales> scales = new LinkedHashMap<>();
    for (String ds : SCALED) {
      String train = image.extras().get("cost/" + ds + "/train");
      String eval = image.extras().get("cost/" + ds + "/eval");
      String how = image.extras().get("cost/" + ds + "/description");
      if (train == null || eval == null || how == null) {
        throw new TableImage.Corrupt("lacks the cost calibration of " + ds);
      }
      scales.put(ds, new Nb201Calibration.Scales(Double.parseDouble(train), Double.parseDouble(eval), how));
    }
    return new Loaded(t, scales);
  }

  private static Loaded parseAndWrite(DataCatalog catalog, Path file, String version) {
    BenchmarkTable t = Nb201Tables.load(catalog);
    Nb201Calibration cal = Nb201Calibration.load(catalog);
    Map<String, Nb201Calibration.Scales> scales = new LinkedHashMap<>();
    Map<String, String> extras = new LinkedHashMap<>();
    for (String ds : SCALED) {
      Nb201Calibration.Scales s = cal.scales(ds);
      scales.put(ds, s);
      // hexadecimal: the exact double, so that costs (and result files) are the same bits either way
      extras.put("cost/" + ds + "/train", Double.toHexString(s.train()));
      extras.put("cost/" + ds + "/eval", Double.toHexString(s.eval()));
      extras.put("cost/" + ds + "/description", s.description());
    }
    try {
      TableImage.write(file, "nb201", version, ((Nb201Space) t.space()).codes(), extras, t.columns());
    } catch (IOException | RuntimeException e) {
      // a read-only cache only costs speed: every load parses the raw files, as before images
      System.err.println("nash: cannot write the table cache " + file + " (" + e + "); continuing without it");
    }
    return new Loaded(t, scales);
  }
}
