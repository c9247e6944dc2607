package org.nash.searchers.external;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.plugin.PluginIdentity;
import org.nash.search.Budget;
import org.nash.search.RunScoped;
import org.nash.search.Searcher;
import org.nash.search.SearcherFactory;
import org.nash.space.SearchDomain;

/** One {@code external} config entry: its worker pool lives from {@link #open} to {@link #close}. */
final class ExternalFactory implements SearcherFactory, RunScoped, PluginIdentity.Identified {
  private final ExternalSpec spec;
  private WorkerPool pool;
  /** The hello of the last run's workers, kept after the pool closes. */
  private Map<String, String> hello = Map.of();

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
    // One worker says hello before any trial runs, so that the searcher's identity (its name and
    // version) is known, and checked against the results folder's, before a trial is written.
    try {
      pool.release(pool.borrow(null));
      hello = pool.helloIdentity();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The code's files and interpreter (known when configured) and the workers' hello (once open). */
  @Override
  public synchronized Map<String, String> identity() {
    Map<String, String> id = new TreeMap<>(spec.code());
    id.putAll(hello);
    return id;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
