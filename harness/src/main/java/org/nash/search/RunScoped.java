package org.nash.search;

import java.nio.file.Path;

/**
 * Optional for a {@link SearcherProvider} that holds resources across the trials of one run (the
 * external searcher's worker processes): opened before the first trial, closed after the last,
 * also when the run fails.
 */
public interface RunScoped extends AutoCloseable {
  /**
   * @param outDir the run's results folder, for logs
   * @param label the searcher entry's label in the config
   */
  void open(Path outDir, String label);

  @Override
  void close();
}
