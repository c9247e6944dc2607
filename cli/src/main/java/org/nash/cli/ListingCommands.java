package org.nash.cli;

import org.nash.oracle.OracleProvider;
import org.nash.plugin.Plugin;
import org.nash.plugin.Registry;
import org.nash.search.SearcherProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nash searchers|oracles|benchmarks}: what the class path and the --plugin jars offer. */
final class ListingCommands {
  private ListingCommands() {}

  static void list(Registry<? extends Plugin> registry) {
    for (Plugin p : registry.all()) {
      System.out.printf("%-10s %s  [%s]%n", p.name(), p.description(), p.getClass().getName());
      p.params().forEach(d -> System.out.println("             " + d.line()));
    }
  }

  @Command(name = "searchers", description = "List the available searchers and their parameters.")
  static final class Searchers implements Runnable {
    @ParentCommand
    Nash nash;

    @Override
    public void run() {
      list(Registry.load(SearcherProvider.class, "searcher", nash.loader()));
    }
  }

  @Command(name = "oracles", description = "List the available oracles (what answers a searcher's queries).")
  static final class Oracles implements Runnable {
    @ParentCommand
    Nash nash;

    @Override
    public void run() {
      list(Registry.load(OracleProvider.class, "oracle", nash.loader()));
    }
  }

  @Command(name = "benchmarks", description = "List the available benchmarks.")
  static final class Benchmarks implements Runnable {
    @ParentCommand
    Nash nash;

    @Override
    public void run() {
      list(org.nash.benchmark.Benchmarks.registry(nash.loader()));
    }
  }
}
