package org.nash.search;

import java.nio.file.Path;

/**
 * Optional for a {@link SearcherFactory} that holds resources across the trials of one run (the
 * external searcher's worker processes and their log): the runner opens it before the first trial
 * that uses it and closes it after the last, also when the run fails. Not opened when every trial of
 * the run is already done.
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
