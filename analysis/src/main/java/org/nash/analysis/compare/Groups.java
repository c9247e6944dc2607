package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nash.run.TrialResult;

/**
 * Trials grouped by dataset, pool and searcher, each level in the order it first appears in the
 * trials file (the config's grid order), so tables and figures list things as the config does.
 */
public final class Groups {
  private final Map<String, List<TrialResult>> byKey = new LinkedHashMap<>();
  private final LinkedHashSet<String> datasets = new LinkedHashSet<>();
  private final Map<String, LinkedHashSet<String>> pools = new LinkedHashMap<>();
  private final Map<String, LinkedHashSet<String>> searchers = new LinkedHashMap<>();

  public Groups(List<TrialResult> trials) {
    for (TrialResult t : trials) {
      byKey.computeIfAbsent(key(t.dataset(), t.pool(), t.searcher()), k -> new ArrayList<>()).add(t);
      datasets.add(t.dataset());
      pools.computeIfAbsent(t.dataset(), k -> new LinkedHashSet<>()).add(t.pool());
      searchers.computeIfAbsent(t.dataset() + "|" + t.pool(), k -> new LinkedHashSet<>()).add(t.searcher());
    }
  }

  private static String key(String dataset, String pool, String searcher) {
    return dataset + "|" + pool + "|" + searcher;
  }

  public List<String> datasets() {
    return new ArrayList<>(datasets);
  }

  public List<String> pools(String dataset) {
    return new ArrayList<>(pools.getOrDefault(dataset, new LinkedHashSet<>()));
  }

  public List<String> searchers(String dataset, String pool) {
    return new ArrayList<>(searchers.getOrDefault(dataset + "|" + pool, new LinkedHashSet<>()));
  }

  /** Every searcher of a dataset over all its pools, in order of first appearance. */
  public List<String> searchers(String dataset) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String p : pools(dataset)) {
      out.addAll(searchers(dataset, p));
    }
    return new ArrayList<>(out);
  }

  public List<TrialResult> trials(String dataset, String pool, String searcher) {
    return byKey.getOrDefault(key(dataset, pool, searcher), List.of());
  }

  /** Trials of a dataset, any pool and searcher. */
  public List<TrialResult> trials(String dataset) {
    List<TrialResult> out = new ArrayList<>();
    for (String p : pools(dataset)) {
      for (String s : searchers(dataset, p)) {
        out.addAll(trials(dataset, p, s));
      }
    }
    return out;
  }

  /** The final reported value of each trial (NaN for a trial that never had an incumbent). */
  public static double[] finalReported(List<TrialResult> trials) {
    double[] v = new double[trials.size()];
    for (int i = 0; i < v.length; i++) {
      TrialResult.Step f = trials.get(i).last();
      v[i] = f == null ? Double.NaN : f.reported();
    }
    return v;
  }

  /** The pool used as the reference: {@code full} when present, else the first. */
  public String referencePool(String dataset) {
    List<String> ps = pools(dataset);
    return ps.contains("full") ? "full" : ps.get(0);
  }
}
