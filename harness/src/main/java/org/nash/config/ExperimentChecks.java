package org.nash.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.nash.config.ConfigLoader.Fields;

/**
 * Every check of a config that needs no benchmark data, in one place: required fields, names from
 * closed lists, ranges, the size of the grid. What needs the data (dataset, pool and fidelity names)
 * is checked when the experiment is planned.
 */
final class ExperimentChecks {
  private ExperimentChecks() {}

  static Experiment check(RawConfig c, Fields at) {
    if (c.benchmark == null || c.benchmark.isBlank()) {
      throw at.error("benchmark", "is missing (e.g. nb201; 'nash benchmarks' lists them)");
    }
    if (c.name != null && c.name.isBlank()) {
      // the name is the default results folder: an empty one must not silently become the file's name
      throw at.error("name", "is empty, and an empty name cannot be a results folder name; leave it out to name the"
          + " results after the config file");
    }
    if (c.oracle == null || c.oracle.isBlank()) {
      throw at.error("oracle", "is empty; leave it out for the table, or name one ('nash oracles' lists them)");
    }
    List<String> datasets = names(c.datasets, "datasets", "dataset or task", at);
    List<String> pools = names(c.pools, "pools", "operation pool", at);
    Set<String> seenPools = new HashSet<>();
    for (String p : pools) {
      if (!seenPools.add(p)) {
        throw at.error("pools", "lists '" + p + "' twice");
      }
    }
    List<Experiment.SearcherSpec> searchers = searchers(c.searchers, at);
    if (c.seeds <= 0) {
      throw at.error("seeds", "must be a positive number of seeds, got " + c.seeds);
    }
    if (c.firstSeed < 0) {
      throw at.error("first_seed", "must be >= 0, got " + c.firstSeed);
    }
    if ((long) c.firstSeed + c.seeds - 1 > Integer.MAX_VALUE) {
      throw at.error("first_seed", "(" + c.firstSeed + ") + 'seeds' (" + c.seeds + ") go past the largest seed, "
          + Integer.MAX_VALUE);
    }
    if (!(c.noiseSd >= 0) || !Double.isFinite(c.noiseSd)) {
      throw at.error("noise_sd", "must be >= 0, got " + c.noiseSd);
    }
    if (c.threads != null && c.threads < 1) {
      throw at.error("threads", "must be at least 1, got " + c.threads);
    }
    Experiment e = new Experiment(text(c.name), text(c.title), text(c.protocol), c.benchmark.trim(),
        new Experiment.OracleSpec(c.oracle.trim(), c.oracleParams == null ? Map.of() : c.oracleParams),
        new ArrayList<>(new LinkedHashSet<>(datasets)), text(c.signalDataset), text(c.fidelity),
        choice(c.aggregation, "aggregation", Experiment.Aggregation.class, at), pools, c.allowDisconnected, searchers,
        budget(c.budget, at), choice(c.stopRule, "stop_rule", Experiment.StopRule.class, at),
        choice(c.reported, "reported", Experiment.Reported.class, at), c.chargeRepeats, c.noiseSd, c.seeds,
        c.firstSeed, c.trace, c.threads == null ? OptionalInt.empty() : OptionalInt.of(c.threads));
    if (e.trialCount() > Experiment.MAX_TRIALS) {
      throw at.error("seeds", String.format(Locale.ROOT, "makes %,d trials (%d dataset(s) x %d pool(s) x %d searcher(s)"
          + " x %,d seeds), above the limit of %,d per experiment; use fewer seeds or split it into several configs",
          e.trialCount(), e.datasets().size(), pools.size(), searchers.size(), c.seeds, Experiment.MAX_TRIALS));
    }
    return e;
  }

  private static Optional<String> text(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  private static List<String> names(List<String> given, String field, String what, Fields at) {
    if (given == null || given.isEmpty()) {
      throw at.error(field, "must list at least one " + what);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String v = given.get(i);
      if (v == null || v.isBlank()) {
        throw at.error(field + "[" + i + "]", "is empty; each entry names one " + what);
      }
      out.add(v.trim());
    }
    return out;
  }

  private static List<Experiment.SearcherSpec> searchers(List<RawConfig.SearcherSpec> given, Fields at) {
    if (given == null || given.isEmpty()) {
      throw at.error("searchers", "must list at least one searcher");
    }
    List<Experiment.SearcherSpec> out = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      RawConfig.SearcherSpec s = given.get(i);
      if (s == null || s.name == null || s.name.isBlank()) {
        throw at.error("searchers[" + i + "].name", "is missing: each searcher entry names a searcher ('nash searchers'"
            + " lists them)");
      }
      String label = s.label == null ? s.name : s.label;
      if (label.isBlank()) {
        throw at.error("searchers[" + i + "].label", "is empty");
      }
      if (!labels.add(label)) {
        throw at.error("searchers[" + i + "].label", "'" + label + "' is used twice; give each entry a distinct 'label'");
      }
      out.add(new Experiment.SearcherSpec(s.name, label, s.params == null ? Map.of() : s.params));
    }
    return out;
  }

  private static Experiment.Budget budget(RawConfig.Budget b, Fields at) {
    if (b == null || (b.queries == null) == (b.seconds == null)) {
      throw at.error("budget", "needs exactly one of 'queries' or 'seconds', e.g. 'budget: {queries: 200}'");
    }
    if (b.queries != null) {
      if (b.queries <= 0) {
        throw at.error("budget.queries", "must be positive, got " + b.queries);
      }
      if (b.queries > Experiment.MAX_QUERIES) {
        throw at.error("budget.queries", "is " + b.queries + ", above the limit of " + Experiment.MAX_QUERIES
            + " queries per trial");
      }
      return new Experiment.Budget.Queries(b.queries);
    }
    if (b.seconds instanceof Map<?, ?> m) {
      Map<String, Double> per = new LinkedHashMap<>();
      for (Map.Entry<?, ?> en : m.entrySet()) {
        per.put(String.valueOf(en.getKey()), seconds(en.getValue(), " for " + en.getKey(), at));
      }
      return new Experiment.Budget.Seconds(OptionalDouble.empty(), per);
    }
    return new Experiment.Budget.Seconds(OptionalDouble.of(seconds(b.seconds, "", at)), Map.of());
  }

  private static double seconds(Object v, String where, Fields at) {
    if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
      throw at.error("budget.seconds", "must be a positive number (or one per dataset), got '" + v + "'" + where);
    }
    return n.doubleValue();
  }

  private static <E extends Enum<E>> Optional<E> choice(String v, String field, Class<E> type, Fields at) {
    if (v == null) {
      return Optional.empty();
    }
    for (E c : type.getEnumConstants()) {
      if (c.name().toLowerCase(Locale.ROOT).equals(v)) {
        return Optional.of(c);
      }
    }
    List<String> known = new ArrayList<>();
    for (E c : type.getEnumConstants()) {
      known.add(c.name().toLowerCase(Locale.ROOT));
    }
    throw at.error(field, "is '" + v + "'; known: " + String.join(", ", known));
  }
}
