package org.nash.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;

/**
 * What a search on one dataset (or task) sees and what is reported, following the benchmark's
 * protocol: the searcher is told the search signal at a fidelity (NB201: 12-epoch validation
 * accuracy by default); the result is the reported column of the incumbent (NB201: 200-epoch test
 * accuracy, seed mean).
 *
 * @param dataset dataset or task name
 * @param signals the table column of the search signal at each fidelity, in preference order
 * @param defaultFidelity fidelity used when a config names none
 * @param reportedKey table column reported for the incumbent
 * @param cost simulated cost of a query, or null when the benchmark records no times
 * @param aggregations per fidelity, the signal column of each seed aggregation the data holds
 *     ({@code seed_mean}, {@code single_run}); empty where the table has one unnamed value per cell
 */
public record Objective(String dataset, Map<Fidelity, String> signals, Fidelity defaultFidelity,
    String reportedKey, CostModel cost, Map<Fidelity, Map<String, String>> aggregations) {

  public Objective {
    signals = new LinkedHashMap<>(signals);
    aggregations = new LinkedHashMap<>(aggregations);
    if (!signals.containsKey(defaultFidelity)) {
      throw new IllegalArgumentException("default fidelity " + defaultFidelity + " has no signal column");
    }
  }

  public Objective(String dataset, Map<Fidelity, String> signals, Fidelity defaultFidelity, String reportedKey,
      CostModel cost) {
    this(dataset, signals, defaultFidelity, reportedKey, cost, Map.of());
  }

  /**
   * The search signal at a fidelity under a seed aggregation.
   *
   * @param key table column
   * @param aggregation the aggregation used (null when the table names none and none was asked for)
   * @param note why it differs from the one asked for, or null
   */
  public record Signal(String key, String aggregation, String note) {
    /** The aggregation as a result line records it: the one used, and what was asked if it differs. */
    public String label() {
      return note == null ? aggregation : aggregation + " (" + note + ")";
    }
  }

  /**
   * The signal column for an aggregation ({@code null}: the one in {@link #signals}). An aggregation
   * the data lacks falls back to one it has (sampled_seed -> seed_mean -> single_run), with a note.
   */
  public Signal signal(Fidelity fidelity, String aggregation) {
    String key = signalKey(fidelity);
    Map<String, String> byName = aggregations.get(fidelity);
    if (byName == null || byName.isEmpty()) {
      return new Signal(key, aggregation, aggregation == null ? null
          : "the table holds one value per cell for " + dataset + " at " + fidelity);
    }
    if (aggregation == null) {
      for (Map.Entry<String, String> e : byName.entrySet()) {
        if (e.getValue().equals(key)) {
          return new Signal(key, e.getKey(), null);
        }
      }
      return new Signal(key, null, null);
    }
    if (byName.containsKey(aggregation)) {
      return new Signal(byName.get(aggregation), aggregation, null);
    }
    for (String fallback : List.of("seed_mean", "single_run")) {
      if (byName.containsKey(fallback)) {
        String why = aggregation.equals("sampled_seed") ? "per-seed values" : aggregation + " values";
        return new Signal(byName.get(fallback), fallback, aggregation + " asked; no " + why + " of " + dataset
            + " at " + fidelity + " in the data");
      }
    }
    throw new NashException("no signal column for aggregation " + aggregation + " of " + dataset);
  }

  /** The fidelity a config names ({@code null}: the default), or an error listing the known ones. */
  public Fidelity fidelity(String name) {
    if (name == null) {
      return defaultFidelity;
    }
    for (Fidelity f : signals.keySet()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new NashException("unknown fidelity '" + name + "' for " + dataset + "; known: "
        + String.join(", ", fidelityNames()));
  }

  public List<String> fidelityNames() {
    List<String> out = new ArrayList<>();
    signals.keySet().forEach(f -> out.add(f.name()));
    return out;
  }

  /** The table column of the search signal at a fidelity of this objective. */
  public String signalKey(Fidelity fidelity) {
    String key = signals.get(fidelity);
    if (key == null) {
      throw new NashException("fidelity " + fidelity + " is not one of " + dataset + "'s: "
          + String.join(", ", fidelityNames()));
    }
    return key;
  }
}
