package org.nash.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.nash.NashException;

/**
 * The plugins of one kind on a class path (the application's plus any {@code --plugin} jars), by
 * name. The one way nash finds benchmarks, oracles, searchers and commands: a name given twice by
 * different classes and a services file naming a class that cannot be loaded are user errors, not
 * stack traces.
 */
public final class Registry<T extends Plugin> {
  private final String kind;
  private final Map<String, T> byName;

  private Registry(String kind, Map<String, T> byName) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Loads every provider of {@code spi} visible to {@code loader}.
   *
   * @param kind what the plugins are called in messages, e.g. "searcher"
   */
  public static <T extends Plugin> Registry<T> load(Class<T> spi, String kind, ClassLoader loader) {
    Map<String, T> out = new TreeMap<>();
    Iterator<T> it = ServiceLoader.load(spi, loader).iterator();
    while (true) {
      T p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError e) {
        throw new NashException("cannot load a " + kind + " plugin listed in META-INF/services/"
            + spi.getName() + ": " + e.getMessage(), e);
      }
      T prev = out.putIfAbsent(p.name(), p);
      if (prev != null && prev.getClass() != p.getClass()) {
        throw new NashException("two " + kind + "s are named '" + p.name() + "': "
            + prev.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return new Registry<>(kind, out);
  }

  /** The plugin with this name, or an error listing the known names. */
  public T get(String name) {
    T p = byName.get(name);
    if (p == null) {
      throw new NashException("unknown " + kind + " '" + name + "'; known: " + String.join(", ", names()));
    }
    return p;
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /** Names in alphabetical order. */
  public List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  /** Plugins in name order. */
  public Collection<T> all() {
    return byName.values();
  }

  public String kind() {
    return kind;
  }
}
