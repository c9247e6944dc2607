package org.nash.searchers.external;

import java.nio.file.Path;
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
        + "timeout_s (60), startup_timeout_s (60), log (a .log file in the results folder, default external-LABEL.log), "
        + "files (globs of the method's other code, hashed into run.json); other params go to the process";
  }

  @Override
  public SearcherFactory configure(Params params) {
    return configure(params, null);
  }

  /** Relative paths in {@code command} that name files beside the config are taken from there. */
  @Override
  public SearcherFactory configure(Params params, Path configFolder) {
    return new ExternalFactory(ExternalSpec.parse(params, configFolder));
  }
}
