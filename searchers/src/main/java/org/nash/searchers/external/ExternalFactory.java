package org.nash.searchers.external;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.search.Budget;
import org.nash.search.RunScoped;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.space.SearchDomain;

/** One {@code external} config entry: its worker pool lives from {@link #open} to {@link #close}. */
final class ExternalFactory implements SearcherFactory, RunScoped {
  private final ExternalSpec spec;
  private WorkerPool pool;

  ExternalFactory(ExternalSpec spec) {
    this.spec = spec;
  }

  @Override
  public Searcher create(SearchDomain domain, SplittableRandom rng, Budget budget) {
    // The worker's seed comes from the trial's searcher stream: fixed by the trial key, never by thread.
    return new ExternalSearcher(this, domain, rng.nextLong() >>> 1, budget);
  }

  synchronized WorkerPool pool() {
    if (pool == null) {
      throw new NashException("searcher external: used outside a run (no worker pool is open)");
    }
    return pool;
  }

  @Override
  public synchronized void open(Path outDir, String label) {
    if (pool != null) {
      throw new NashException("searcher '" + label + "': its worker pool is already open");
    }
    pool = new WorkerPool(spec, label, outDir);
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
