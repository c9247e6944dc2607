package org.nash.benchmark;

import org.nash.data.DataCatalog;
import org.nash.plugin.Plugin;

/**
 * Builds one benchmark from the data catalog; listed in
 * {@code META-INF/services/org.nash.benchmark.BenchmarkProvider}. Loading must be pure (same files,
 * same benchmark): {@link Benchmarks} loads each benchmark once per catalog and shares it.
 */
public interface BenchmarkProvider extends Plugin {
  Benchmark load(DataCatalog catalog);
}
