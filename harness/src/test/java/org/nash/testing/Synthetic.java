package org.nash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.data.DataCatalog;
import org.nash.plan.Plan;
import org.nash.plan.Planner;

/**
 * The synthetic benchmark for tests: a catalog that never reads the mirror or the network (the
 * benchmark needs no file), the benchmark itself, and configs planned against it.
 */
public final class Synthetic {
  private static DataCatalog catalog;

  private Synthetic() {}

  /** A catalog with an empty cache, no mirror and downloads off, shared by all tests of a JVM. */
  public static synchronized DataCatalog catalog() {
    if (catalog == null) {
      try {
        catalog = new DataCatalog(Files.createTempDirectory("nash-synthetic-cache"), null, false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return catalog;
  }

  public static Benchmark benchmark() {
    return Benchmarks.load(SyntheticBenchmark.NAME, catalog(), Synthetic.class.getClassLoader());
  }

  public static Experiment config(String yaml) {
    return ConfigLoader.parse(yaml, "test config");
  }

  /** Plans a config (normally {@code benchmark: synthetic} with the test searchers) on {@link #catalog()}. */
  public static Plan plan(String yaml) {
    return plan(config(yaml));
  }

  public static Plan plan(Experiment e) {
    return Planner.plan(e, catalog(), Synthetic.class.getClassLoader());
  }
}
