package org.nash.plugin;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of a plugin, declared once: its name, type, default and meaning. The plugin reads it
 * with {@link Params#get(ParamSpec)} and lists it in {@link Plugin#params()}, so the check of a config,
 * {@code nash searchers|oracles} and docs/CONFIG.md all come from this declaration.
 *
 * @param type {@code int}, {@code positive int}, {@code number}, {@code boolean}, {@code string},
 *     {@code one of a|b|c} or {@code any} (a list or mapping the plugin checks itself)
 * @param defaultValue the value when the config gives none; null = none (the plugin decides, as described)
 * @param choices the allowed values of a {@code one of} parameter, else empty
 */
public record ParamSpec<T>(String name, Class<T> javaType, String type, T defaultValue, List<String> choices,
    String description) {

  public ParamSpec {
    choices = List.copyOf(choices);
  }

  public static ParamSpec<Integer> integer(String name, Integer def, String description) {
    return new ParamSpec<>(name, Integer.class, "int", def, List.of(), description);
  }

  public static ParamSpec<Integer> positive(String name, Integer def, String description) {
    return new ParamSpec<>(name, Integer.class, "positive int", def, List.of(), description);
  }

  public static ParamSpec<Double> number(String name, Double def, String description) {
    return new ParamSpec<>(name, Double.class, "number", def, List.of(), description);
  }

  public static ParamSpec<Boolean> flag(String name, boolean def, String description) {
    return new ParamSpec<>(name, Boolean.class, "boolean", def, List.of(), description);
  }

  public static ParamSpec<String> text(String name, String def, String description) {
    return new ParamSpec<>(name, String.class, "string", def, List.of(), description);
  }

  /** A string from a closed list; the first choice is the default unless {@code def} says otherwise. */
  public static ParamSpec<String> oneOf(String name, String def, List<String> choices, String description) {
    return new ParamSpec<>(name, String.class, "one of " + String.join("|", choices), def, choices, description);
  }

  /** A list or mapping the plugin checks itself. */
  public static ParamSpec<Object> raw(String name, String type, String description) {
    return new ParamSpec<>(name, Object.class, type, null, List.of(), description);
  }

  /** One line for listings, e.g. {@code population (positive int, default 50): population size}. */
  public String line() {
    return name + " (" + type + (defaultValue != null ? ", default " + format(defaultValue) : "") + "): " + description;
  }

  private static String format(Object v) {
    return v instanceof Double d && d == Math.rint(d) ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(v);
  }
}
