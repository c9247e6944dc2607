package org.nash.searchers.external;

import java.nio.file.Path;
import org.nash.NashException;
import org.nash.search.Params;
import org.nash.search.RunScoped;
import org.nash.search.Searcher;
import org.nash.search.SearcherProvider;

/**
 * {@code external}: a searcher that is another process speaking nash's JSON-lines protocol
 * (docs/PROTOCOL.md) on stdin/stdout, in any language. One instance serves one config entry; its
 * worker pool lives from {@link #open} to {@link #close}.
 */
public final class External implements SearcherProvider, RunScoped {
  private ExternalSpec spec;
  private WorkerPool pool;

  @Override
  public String name() {
    return "external";
  }

  @Override
  public String description() {
    return "a searcher in another process (any language; see docs/PROTOCOL.md); command ([program, args...]), "
        + "timeout_s (60), startup_timeout_s (60), log (external-LABEL.log in the results folder); other params go to the process";
  }

  @Override
  public synchronized Searcher create(Params params) {
    ExternalSpec s = ExternalSpec.parse(params);
    if (spec == null) {
      spec = s;
    }
    return new ExternalSearcher(this);
  }

  synchronized WorkerPool pool() {
    if (pool == null) {
      throw new NashException("searcher external: used outside a run (no worker pool is open)");
    }
    return pool;
  }

  @Override
  public synchronized void open(Path outDir, String label) {
    if (spec == null) {
      throw new NashException("searcher '" + label + "': open before create");
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
