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
 */
public record Objective(String dataset, Map<Fidelity, String> signals, Fidelity defaultFidelity,
    String reportedKey, CostModel cost) {

  public Objective {
    signals = new LinkedHashMap<>(signals);
    if (!signals.containsKey(defaultFidelity)) {
      throw new IllegalArgumentException("default fidelity " + defaultFidelity + " has no signal column");
    }
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
