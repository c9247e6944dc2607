package org.nash.benchmark;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.nash.data.DataCatalog;
import org.nash.plugin.Registry;

/**
 * The benchmarks on the class path ({@link BenchmarkProvider}s), each loaded once per catalog:
 * loading is pure, so every caller with the same catalog shares one instance.
 */
public final class Benchmarks {
  /** Per catalog (weakly held, by equality = identity), benchmarks by name. */
  private static final Map<DataCatalog, Map<String, Benchmark>> CACHE = new WeakHashMap<>();

  private Benchmarks() {}

  public static Registry<BenchmarkProvider> registry(ClassLoader loader) {
    return Registry.load(BenchmarkProvider.class, "benchmark", loader);
  }

  /** Names of the benchmarks nash itself ships (plugins may add others). */
  public static List<String> names() {
    return registry(Benchmarks.class.getClassLoader()).names();
  }

  public static Benchmark load(String name, DataCatalog catalog) {
    return load(name, catalog, Benchmarks.class.getClassLoader());
  }

  public static Benchmark load(String name, DataCatalog catalog, ClassLoader loader) {
    Map<String, Benchmark> loaded;
    synchronized (CACHE) {
      loaded = CACHE.computeIfAbsent(catalog, c -> new ConcurrentHashMap<>());
    }
    Benchmark b = loaded.get(name);
    if (b == null) {
      loaded.putIfAbsent(name, registry(loader).get(name).load(catalog));
      b = loaded.get(name);
    }
    return b;
  }
}
