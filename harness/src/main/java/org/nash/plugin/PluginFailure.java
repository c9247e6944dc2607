package org.nash.plugin;

import java.util.function.Supplier;
import org.nash.NashException;

/**
 * A plugin (searcher, oracle, benchmark) failed with an unexpected exception: a bug in that plugin, not
 * a mistake in the user's config. The CLI reports it as an internal error (exit 3) naming the plugin,
 * its class and where it was loaded from. A {@link NashException} a plugin throws on purpose (a bad
 * parameter) stays a user error.
 */
public final class PluginFailure extends RuntimeException {
  public PluginFailure(String kind, String name, Object plugin, String what, Throwable cause) {
    super(kind + " '" + name + "' (" + origin(plugin) + ") failed" + (what == null ? "" : " " + what)
        + (cause != null ? ": " + cause : ""), cause);
  }

  /** Runs one call into a plugin, turning an unexpected exception into a failure that names it. */
  public static <T> T guard(String kind, String name, Object plugin, Supplier<T> call) {
    try {
      return call.get();
    } catch (NashException | PluginFailure e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new PluginFailure(kind, name, plugin, null, e);
    }
  }

  /** The plugin's class and the jar (or folder) it came from. */
  static String origin(Object plugin) {
    if (plugin == null) {
      return "unknown class";
    }
    Class<?> c = plugin.getClass();
    java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
    return c.getName() + (src != null && src.getLocation() != null ? " from " + src.getLocation().getPath() : "");
  }
}
