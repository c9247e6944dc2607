package org.nash.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.nash.NashException;
import org.nash.oracle.OracleProvider;
import org.nash.plugin.Plugin;
import org.nash.search.SearcherProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nash searchers|oracles|benchmarks}: what the class path and the --plugin jars offer. */
final class ListingCommands {
  private ListingCommands() {}

  @Command(name = "searchers", description = "List the available searchers and their parameters.")
  static final class Searchers implements Runnable {
    @ParentCommand
    Nash nash;

    @Override
    public void run() {
      for (SearcherProvider p : org.nash.search.Searchers.available(nash.loader()).values()) {
        System.out.printf("%-8s %s  [%s]%n", p.name(), p.description(), p.getClass().getName());
      }
    }
  }

  @Command(name = "oracles", description = "List the available oracles (what answers a searcher's queries).")
  static final class Oracles implements Runnable {
    @ParentCommand
    Nash nash;

    @Override
    public void run() {
      // 'table' is built into every benchmark rather than a provider.
      System.out.printf("%-10s %s%n", "table", "the benchmark's own table (default); params depend on the benchmark");
      for (Object p : providers(OracleProvider.class, "oracle", nash.loader()).values()) {
        String d = descriptionOf(p);
        System.out.printf("%-10s %s[%s]%n", nameOf(p), d.isEmpty() ? "" : d + "  ", p.getClass().getName());
      }
    }
  }

  @Command(name = "benchmarks", description = "List the available benchmarks.")
  static final class Benchmarks implements Runnable {
    @ParentCommand
    Nash nash;

    /** Until benchmarks are plugins too (org.nash.benchmark.BenchmarkProvider). */
    private static final Map<String, String> BUILT_IN = Map.of(
        "nb201", "NAS-Bench-201: 15,625 cells of 5 ops; cifar10-valid, cifar10, cifar100, ImageNet16-120",
        "tnb-micro", "TransNAS-Bench-101 micro: 4,096 cells of 4 ops; 7 tasks",
        "tnb-macro", "TransNAS-Bench-101 macro: 3,256 macro skeletons; 7 tasks",
        "nb101", "NAS-Bench-101: the official tfrecord when in the cache, else a 500-architecture sample");

    @Override
    public void run() {
      Class<?> spi;
      try {
        spi = Class.forName("org.nash.benchmark.BenchmarkProvider", false, nash.loader());
      } catch (ClassNotFoundException e) {
        spi = null;
      }
      if (spi == null) {
        for (String name : org.nash.benchmark.Benchmarks.NAMES) {
          System.out.printf("%-10s %s%n", name, BUILT_IN.getOrDefault(name, ""));
        }
        return;
      }
      for (Object p : providers(spi, "benchmark", nash.loader()).values()) {
        String d = descriptionOf(p);
        System.out.printf("%-10s %s[%s]%n", nameOf(p), d.isEmpty() ? "" : d + "  ", p.getClass().getName());
      }
    }
  }

  /** Providers of one kind by name; a services file naming a missing class is a user error. */
  static Map<String, Object> providers(Class<?> spi, String kind, ClassLoader loader) {
    Map<String, Object> out = new TreeMap<>();
    List<Object> all = new ArrayList<>();
    try {
      ServiceLoader.load(spi, loader).forEach(all::add);
    } catch (ServiceConfigurationError e) {
      throw new NashException("cannot load a " + kind + " plugin listed in META-INF/services/" + spi.getName()
          + ": " + e.getMessage(), e);
    }
    for (Object p : all) {
      Object prev = out.putIfAbsent(nameOf(p), p);
      if (prev != null && prev.getClass() != p.getClass()) {
        throw new NashException("two " + kind + "s are named '" + nameOf(p) + "': " + prev.getClass().getName()
            + " and " + p.getClass().getName());
      }
    }
    return out;
  }

  private static String nameOf(Object p) {
    if (p instanceof Plugin pl) {
      return pl.name();
    }
    if (p instanceof OracleProvider o) {
      return o.name();
    }
    return p.getClass().getSimpleName();
  }

  private static String descriptionOf(Object p) {
    return p instanceof Plugin pl ? pl.description() : "";
  }
}
