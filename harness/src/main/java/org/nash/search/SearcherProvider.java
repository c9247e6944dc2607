package org.nash.search;

import org.nash.plugin.Params;
import org.nash.plugin.Plugin;

/**
 * Makes searchers of one kind; found with {@link java.util.ServiceLoader} (a jar lists its
 * providers in {@code META-INF/services/org.nash.search.SearcherProvider}).
 */
public interface SearcherProvider extends Plugin {
  /** Name used in configs, e.g. {@code re}. */
  String name();

  /** One line: what it is and its parameters with defaults. */
  String description();

  /**
   * A new searcher for one trial. Read parameters with {@code params}; the runner rejects any
   * parameter the provider did not read.
   */
  Searcher create(Params params);
}
