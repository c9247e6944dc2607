package org.nash.search;

import java.nio.file.Path;
import org.nash.plugin.Params;
import org.nash.plugin.Plugin;

/**
 * A kind of searcher (e.g. {@code re}), found by name through {@link org.nash.plugin.Registry}: a jar
 * lists its providers in {@code META-INF/services/org.nash.search.SearcherProvider}.
 */
public interface SearcherProvider extends Plugin {
  /**
   * Checks one config entry's parameters, once, when the experiment is planned, and returns the
   * factory its trials use. Read parameters with {@code params} (the runner then rejects any it did
   * not read) and throw {@link org.nash.NashException} for a bad value.
   */
  SearcherFactory configure(Params params);

  /**
   * As {@link #configure(Params)}, told the folder of the config file the entry comes from (null
   * when the config has no file, e.g. a test's text), for parameters naming files relative to it
   * (the {@code external} searcher's {@code command}). The planner calls this one; the default
   * ignores the folder.
   */
  default SearcherFactory configure(Params params, Path configFolder) {
    return configure(params);
  }
}
