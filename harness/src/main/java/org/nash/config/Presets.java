package org.nash.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Protocol presets ({@code protocol:} in a config): each fills every detail the config leaves unset with
 * the value of an official protocol; explicit config values win, and the saved config holds the filled-in
 * values. The presets are data, one YAML file each under {@code org/nash/config/presets/}
 * ({@code nb201}, {@code nats}, {@code naslib}); docs/PROTOCOLS.md gives the official source of every
 * value. A preset file may set, for any benchmark: {@code aggregation}, {@code stop_rule},
 * {@code reported}, {@code seeds}, {@code budget}; per benchmark ({@code benchmarks: {NAME: ...}}):
 * {@code fidelity}, {@code signal_dataset} and {@code budget} (seconds per dataset fill in only the config's datasets); per
 * searcher name ({@code searcher_params}): default parameters.
 */
public final class Presets {
  public static final List<String> NAMES = List.of("nb201", "nats", "naslib");

  private Presets() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String name) {
    try (InputStream in = Presets.class.getResourceAsStream("presets/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("preset resource missing: " + name);
      }
      return new ObjectMapper(new YAMLFactory()).readValue(in, LinkedHashMap.class);
    } catch (IOException e) {
      throw new IllegalStateException("preset " + name + " is unreadable", e);
    }
  }

  /** Fills the preset's values into the fields the config left unset. */
  @SuppressWarnings("unchecked")
  static void apply(RawConfig c, ConfigLoader.Fields at) {
    if (c.protocol == null) {
      return;
    }
    if (!NAMES.contains(c.protocol)) {
      throw at.error("protocol", "is '" + c.protocol + "'; known: " + String.join(", ", NAMES));
    }
    Map<String, Object> p = load(c.protocol);
    Map<String, Object> own = c.benchmark == null ? Map.of()
        : (Map<String, Object>) ((Map<String, Object>) p.getOrDefault("benchmarks", Map.of())).getOrDefault(c.benchmark,
            Map.of());
    c.aggregation = or(c.aggregation, (String) p.get("aggregation"));
    c.stopRule = or(c.stopRule, (String) p.get("stop_rule"));
    c.reported = or(c.reported, (String) p.get("reported"));
    c.fidelity = or(c.fidelity, (String) own.get("fidelity"));
    c.signalDataset = or(c.signalDataset, (String) own.get("signal_dataset"));
    if (c.seeds == 0 && p.get("seeds") != null) {
      c.seeds = (Integer) p.get("seeds");
    }
    Map<String, Object> budget = (Map<String, Object>) own.getOrDefault("budget", p.get("budget"));
    if (c.budget == null && budget != null) {
      c.budget = new RawConfig.Budget();
      c.budget.queries = (Integer) budget.get("queries");
      Object s = budget.get("seconds");
      if (s instanceof Map<?, ?> perDataset) {
        Map<String, Object> mine = new LinkedHashMap<>();
        for (String ds : c.datasets == null ? List.<String>of() : c.datasets) {
          if (perDataset.containsKey(ds)) {
            mine.put(ds, perDataset.get(ds));
          }
        }
        c.budget.seconds = mine;
      } else {
        c.budget.seconds = s;
      }
    }
    Map<String, Map<String, Object>> params = (Map<String, Map<String, Object>>) p.getOrDefault("searcher_params", Map.of());
    for (RawConfig.SearcherSpec s : c.searchers == null ? List.<RawConfig.SearcherSpec>of() : c.searchers) {
      if (s == null || s.name == null || !params.containsKey(s.name)) {
        continue;
      }
      if (s.params == null) {
        s.params = new LinkedHashMap<>();
      }
      params.get(s.name).forEach(s.params::putIfAbsent);
    }
  }

  private static String or(String v, String def) {
    return v != null ? v : def;
  }
}
