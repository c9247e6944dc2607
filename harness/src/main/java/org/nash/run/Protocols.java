package org.nash.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;

/**
 * Protocol presets ({@code protocol:} in a config): each fills every detail the config leaves unset
 * with the value of an official protocol; explicit config values win. docs/PROTOCOLS.md gives the
 * official file and line of every value.
 *
 * <ul>
 *   <li>{@code nb201} (NB-201 paper, 2020): hp12 signal, one recorded seed per query, 12,000 s on every
 *       dataset, stop before the overshooting query, REA 10 / 3 with node-then-edge mutation, uniform
 *       sampler, 200-epoch test accuracy (seed mean) reported, 500 runs.
 *   <li>{@code nats} (NATS-Bench 2021): as nb201 but 20,000 / 40,000 / 120,000 s and the overshooting
 *       query kept.
 *   <li>{@code naslib} (NASLib {@code nb201_defaults.yaml}): hp200 single-run signal, 150 queries, RE
 *       30 / 10 with uniform-edge mutation, NASLib's sampler (rejects cells whose input or output
 *       edges are all none), LS best-improvement from 10 starts, the signal itself reported, 10 runs.
 * </ul>
 */
public final class Protocols {
  public static final List<String> NAMES = List.of("nb201", "nats", "naslib");
  public static final List<String> AGGREGATIONS = List.of("seed_mean", "single_run", "sampled_seed");
  public static final List<String> STOP_RULES = List.of("stop_before_overshoot", "keep_overshoot");
  public static final List<String> REPORTED = List.of("test", "signal");

  private Protocols() {}

  /** The config with its preset's values filled in (a copy), or the config itself when it names none. */
  static ExperimentConfig resolve(ExperimentConfig given) {
    check("aggregation", given.aggregation, AGGREGATIONS);
    check("stop_rule", given.stopRule, STOP_RULES);
    check("reported", given.reported, REPORTED);
    if (given.protocol == null) {
      return given;
    }
    check("protocol", given.protocol, NAMES);
    ExperimentConfig c = ConfigLoader.parse(ConfigLoader.toYaml(given), "config");
    boolean nb201 = "nb201".equals(c.benchmark);
    switch (c.protocol) {
      case "nb201", "nats" -> {
        if (c.fidelity == null && nb201) {
          c.fidelity = "hp12";
        }
        c.aggregation = or(c.aggregation, "sampled_seed");
        c.stopRule = or(c.stopRule, c.protocol.equals("nats") ? "keep_overshoot" : "stop_before_overshoot");
        c.reported = or(c.reported, "test");
        if (c.budget == null && nb201) {
          c.budget = new ExperimentConfig.Budget();
          if (c.protocol.equals("nb201")) {
            c.budget.seconds = 12000;
          } else {
            Map<String, Object> s = new LinkedHashMap<>();
            for (String ds : c.datasets == null ? List.<String>of() : c.datasets) {
              Integer v = switch (ds) {
                case "cifar10", "cifar10-valid" -> 20000;
                case "cifar100" -> 40000;
                case "ImageNet16-120" -> 120000;
                default -> null;
              };
              if (v != null) {
                s.put(ds, v);
              }
            }
            c.budget.seconds = s;
          }
        }
        if (c.seeds == 0) {
          c.seeds = 500;
        }
        for (ExperimentConfig.SearcherSpec s : searchers(c)) {
          switch (s.name) {
            case "re" -> {
              s.params.putIfAbsent("population", 10);
              s.params.putIfAbsent("sample", 3);
              s.params.putIfAbsent("mutation", "node_then_edge");
              s.params.putIfAbsent("sampler", "uniform");
            }
            case "rs", "ls" -> s.params.putIfAbsent("sampler", "uniform");
            default -> { }
          }
        }
      }
      case "naslib" -> {
        if (c.fidelity == null && nb201) {
          c.fidelity = "hp200";
        }
        c.aggregation = or(c.aggregation, "single_run");
        c.stopRule = or(c.stopRule, "stop_before_overshoot");
        c.reported = or(c.reported, "signal");
        if (c.budget == null) {
          c.budget = new ExperimentConfig.Budget();
          c.budget.queries = 150;
        }
        if (c.seeds == 0) {
          c.seeds = 10;
        }
        for (ExperimentConfig.SearcherSpec s : searchers(c)) {
          switch (s.name) {
            case "re" -> {
              s.params.putIfAbsent("population", 30);
              s.params.putIfAbsent("sample", 10);
              s.params.putIfAbsent("mutation", "uniform_edge");
              s.params.putIfAbsent("sampler", "naslib");
            }
            case "rs" -> s.params.putIfAbsent("sampler", "naslib");
            case "ls" -> {
              s.params.putIfAbsent("variant", "best");
              s.params.putIfAbsent("num_init", 10);
              s.params.putIfAbsent("sampler", "naslib");
            }
            default -> { }
          }
        }
      }
      default -> throw new IllegalStateException(c.protocol);
    }
    return c;
  }

  private static List<ExperimentConfig.SearcherSpec> searchers(ExperimentConfig c) {
    if (c.searchers == null) {
      return List.of();
    }
    for (ExperimentConfig.SearcherSpec s : c.searchers) {
      if (s.params == null) {
        s.params = new LinkedHashMap<>();
      }
    }
    return c.searchers.stream().filter(s -> s.name != null).toList();
  }

  private static String or(String v, String def) {
    return v != null ? v : def;
  }

  private static void check(String field, String value, List<String> known) {
    if (value != null && !known.contains(value)) {
      throw new NashException("config field '" + field + "' is '" + value + "'; known: " + String.join(", ", known));
    }
  }
}
