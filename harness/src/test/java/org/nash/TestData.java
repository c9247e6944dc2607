package org.nash;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nash.data.DataCatalog;

/** The real benchmark data for tests: the shared mirror, never the network. */
public final class TestData {
  private static DataCatalog catalog;

  private TestData() {}

  /** The mirror folder ({@code nash.data.mirror} property set by the build, or NASH_DATA_MIRROR). */
  public static Path mirror() {
    Path p = DataCatalog.defaultMirrorDir();
    if (p == null || !Files.isDirectory(p)) {
      throw new IllegalStateException("tests need the shared data: set NASH_DATA_MIRROR or put it at ../shared/data");
    }
    return p;
  }

  /** A catalog over the mirror with an empty cache and downloads off, shared by all tests. */
  public static synchronized DataCatalog catalog() {
    if (catalog == null) {
      try {
        catalog = new DataCatalog(Files.createTempDirectory("nash-test-cache"), mirror(), false);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return catalog;
  }

  public static Path file(String catalogId) {
    return catalog().resolve(catalogId);
  }
}
