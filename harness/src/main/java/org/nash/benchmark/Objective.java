package org.nash.benchmark;

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
 * @param signalByFidelity table column of the search signal for each fidelity name
 * @param defaultFidelity fidelity used when a config names none
 * @param reportedKey table column reported for the incumbent
 * @param cost simulated cost of a query, or null when the benchmark records no times
 */
public record Objective(String dataset, Map<String, String> signalByFidelity, String defaultFidelity,
    String reportedKey, CostModel cost) {

  public String signalKey(String fidelity) {
    String f = fidelity == null ? defaultFidelity : fidelity;
    String key = signalByFidelity.get(f);
    if (key == null) {
      throw new NashException("unknown fidelity '" + f + "' for " + dataset + "; known: "
          + String.join(", ", List.copyOf(signalByFidelity.keySet())));
    }
    return key;
  }

  public String fidelity(String fidelity) {
    signalKey(fidelity);
    return fidelity == null ? defaultFidelity : fidelity;
  }
}
