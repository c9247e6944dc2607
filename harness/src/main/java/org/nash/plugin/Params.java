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

  /** Who these parameters belong to, as errors name it (e.g. {@code searcher 'py-rea'}). */
  public String owner() {
    return owner;
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

  /** A declared parameter, typed and checked as its declaration says; its default when the config gives none. */
  public <T> T get(ParamSpec<T> spec) {
    String n = spec.name();
    Object v;
    if (spec.javaType() == Integer.class) {
      Integer def = (Integer) spec.defaultValue();
      if (values.get(n) == null && def == null) {
        read.add(n);
        return null;
      }
      v = spec.type().equals("positive int") ? getPositiveInt(n, def == null ? 1 : def) : getInt(n, def == null ? 0 : def);
    } else if (spec.javaType() == Double.class) {
      Double def = (Double) spec.defaultValue();
      if (values.get(n) == null && def == null) {
        read.add(n);
        return null;
      }
      v = getDouble(n, def == null ? 0 : def);
    } else if (spec.javaType() == Boolean.class) {
      v = getBoolean(n, (Boolean) spec.defaultValue());
    } else if (spec.javaType() == String.class) {
      String got = getString(n, (String) spec.defaultValue());
      if (got != null && !spec.choices().isEmpty() && !spec.choices().contains(got)) {
        throw new NashException(owner + ": parameter '" + n + "' must be one of " + String.join(", ", spec.choices())
            + ", got '" + got + "'");
      }
      v = got;
    } else {
      v = getRaw(n);
    }
    return spec.javaType().cast(v);
  }

  /**
   * Fails on a parameter the plugin does not declare, naming the declared ones with their meaning; a
   * plugin that declares none is checked by {@link #requireAllRead()} alone.
   */
  public void requireDeclared(List<ParamSpec<?>> declared) {
    if (declared.isEmpty()) {
      return;
    }
    Set<String> known = new TreeSet<>();
    declared.forEach(d -> known.add(d.name()));
    for (String n : values.keySet()) {
      if (!known.contains(n)) {
        StringBuilder b = new StringBuilder(owner + ": unknown parameter '" + n + "'; known:");
        declared.forEach(d -> b.append("\n  ").append(d.line()));
        throw new NashException(b.toString());
      }
    }
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
