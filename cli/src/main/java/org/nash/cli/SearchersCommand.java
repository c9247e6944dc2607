package org.nash.cli;

import org.nash.plugin.Registry;
import org.nash.search.SearcherProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nash searchers}: the searchers on the classpath (built in and from --plugin jars). */
@Command(name = "searchers", description = "List the available searchers and their parameters.")
final class SearchersCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Override
  public void run() {
    for (SearcherProvider p : Registry.load(SearcherProvider.class, "searcher", nash.loader()).all()) {
      System.out.printf("%-8s %s  [%s]%n", p.name(), p.description(), p.getClass().getName());
    }
  }
}
