package org.nash.plugin;

/**
 * Anything nash finds by name: a benchmark, an oracle, a searcher or a command. Each kind is a
 * sub-interface (e.g. {@code SearcherProvider}) listed in a jar's {@code META-INF/services/<kind>}.
 */
public interface Plugin {
  /** The name used in configs and on the command line, e.g. {@code re} or {@code nb201}. */
  String name();

  /** One line for listings: what it is (its parameters are {@link #params()}). */
  String description();

  /**
   * The parameters a config may give it, declared once (type, default, meaning); empty for a plugin
   * that takes none or declares none (then only parameters it never reads are refused).
   */
  default java.util.List<ParamSpec<?>> params() {
    return java.util.List.of();
  }
}
