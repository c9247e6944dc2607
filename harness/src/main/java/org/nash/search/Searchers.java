package org.nash.search;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.nash.NashException;

/** The searchers on the classpath, found with {@link ServiceLoader}. */
public final class Searchers {
  private Searchers() {}

  public static Map<String, SearcherProvider> available(ClassLoader loader) {
    Map<String, SearcherProvider> out = new TreeMap<>();
    for (SearcherProvider p : ServiceLoader.load(SearcherProvider.class, loader)) {
      SearcherProvider prev = out.putIfAbsent(p.name(), p);
      if (prev != null && prev.getClass() != p.getClass()) {
        throw new NashException("two searchers are named '" + p.name() + "': " + prev.getClass().getName()
            + " and " + p.getClass().getName());
      }
    }
    return out;
  }

  public static SearcherProvider find(String name, ClassLoader loader) {
    Map<String, SearcherProvider> all = available(loader);
    SearcherProvider p = all.get(name);
    if (p == null) {
      throw new NashException("unknown searcher '" + name + "'; known: " + String.join(", ", all.keySet())
          + " (add your own with --plugin your.jar; see docs/ADDING_A_SEARCHER.md)");
    }
    return p;
  }
}
