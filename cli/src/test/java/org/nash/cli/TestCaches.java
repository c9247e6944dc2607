package org.nash.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Benchmark;
import org.nash.retrain.data.RetrainData;

/**
 * A fresh nash data cache for a test's child JVMs (so its default result store starts empty) that
 * shares what the default cache derives once from the raw files: the table images ({@code tables/}),
 * and on request the decoded CIFAR-10 images ({@code cifar10/}). Without them every fresh cache parsed
 * NB-201's raw files again and decoded 60,000 JPEGs again, in every child JVM, seconds to tens of
 * seconds each. The shared parts are filled in this JVM first, so children only read them.
 */
public final class TestCaches {
  /** Filled in this JVM already: reading 180 MB of images again per test only to check costs a second. */
  private static boolean tablesFilled;
  private static boolean cifarFilled;

  private TestCaches() {}

  /** {@code dir} as a fresh cache sharing the default cache's table images and, with {@code cifar10}, its decoded images. */
  public static synchronized Path sharing(Path dir, boolean cifar10) throws IOException {
    DataCatalog catalog = DataCatalog.fromEnvironment(); // the default cache, as in-process runs use
    if (!tablesFilled) {
      new Nb201Benchmark().load(catalog);
      tablesFilled = true;
    }
    link(catalog.cacheDir(), dir, "tables");
    if (cifar10) {
      if (!cifarFilled) {
        RetrainData.load("cifar10-valid", null, catalog, 1); // decodes the JPEGs into the cache if missing
        cifarFilled = true;
      }
      link(catalog.cacheDir(), dir, "cifar10");
    }
    return dir;
  }

  private static void link(Path from, Path to, String name) throws IOException {
    Files.createDirectories(to);
    if (Files.isDirectory(from.resolve(name)) && !Files.exists(to.resolve(name))) {
      Files.createSymbolicLink(to.resolve(name), from.resolve(name).toAbsolutePath());
    }
  }
}
