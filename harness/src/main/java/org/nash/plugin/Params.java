package org.nash.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nash.NashException;

/** A searcher's parameters from a config, with typed getters that record which were read. */
public final class Params {
  private final String owner;
  private final Map<String, Object> values;
  private final Set<String> read = new TreeSet<>();

  public Params(String owner, Map<String, Object> values) {
    this.owner = owner;
    this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
  }

  public int getInt(String name, int def) {
    read.add(name);
    Object v = values.get(name);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new NashException(owner + ": parameter '" + name + "' must be an integer, got '" + v + "'");
  }

  public double getDouble(String name, double def) {
    read.add(name);
    Object v = values.get(name);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new NashException(owner + ": parameter '" + name + "' must be a number, got '" + v + "'");
  }

  public String getString(String name, String def) {
    read.add(name);
    Object v = values.get(name);
    return v == null ? def : v.toString();
  }

  public boolean getBoolean(String name, boolean def) {
    read.add(name);
    Object v = values.get(name);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new NashException(owner + ": parameter '" + name + "' must be true or false, got '" + v + "'");
  }

  /** The raw value as parsed from YAML (a list, a map, a string, a number ...), or null. */
  public Object getRaw(String name) {
    read.add(name);
    return values.get(name);
  }

  /** The names the config gave, in config order. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /** A positive integer parameter. */
  public int getPositiveInt(String name, int def) {
    int v = getInt(name, def);
    if (v <= 0) {
      throw new NashException(owner + ": parameter '" + name + "' must be a positive integer, got " + v);
    }
    return v;
  }

  /** Fails if the config gave a parameter the searcher never read (a typo, usually). */
  public void requireAllRead() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new NashException(owner + ": unknown parameter(s) " + unknown + "; known: " + read);
    }
  }
}
