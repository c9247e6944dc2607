package org.nash.cli;

import org.nash.search.SearcherProvider;
import org.nash.search.Searchers;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nash searchers}: the searchers on the classpath (built in and from --plugin jars). */
@Command(name = "searchers", description = "List the available searchers and their parameters.")
final class SearchersCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Override
  public void run() {
    for (SearcherProvider p : Searchers.available(nash.loader()).values()) {
      System.out.printf("%-8s %s  [%s]%n", p.name(), p.description(), p.getClass().getName());
    }
  }
}
