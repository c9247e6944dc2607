package org.nash.searchers.external;

import org.nash.plugin.Params;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;

/**
 * {@code external}: a searcher that is another process speaking nash's JSON-lines protocol
 * (docs/PROTOCOL.md) on stdin/stdout, in any language. {@link #configure} checks what can be checked
 * without starting a worker (the command, its program, the timeouts, the log path); the worker itself
 * checks its own parameters in the handshake, when the run starts.
 */
public final class External implements SearcherProvider {
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
  public SearcherFactory configure(Params params) {
    return new ExternalFactory(ExternalSpec.parse(params));
  }
}
