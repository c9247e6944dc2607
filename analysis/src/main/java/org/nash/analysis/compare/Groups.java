package org.nash.analysis.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * The trials of an experiment grouped by dataset, pool and searcher, each level in the order it first
 * appears in the trials file (the config's grid order), so tables and figures list things as the
 * config does. Memory is bounded by the number of groups, not of trials: a group keeps a few numbers
 * per trial (its final values, in trial order: what the statistics over seeds need) and never the
 * trials or their steps. Analyses that need the trajectories (the anytime curves) stream them again
 * from the {@link Source}, which replays the same trials in the same order.
 */
public final class Groups {
  /**
   * The accepted trials of an experiment, replayable: every replay visits the same records in the
   * same order (for a file: the same lines, after the same record check and duplicate removal).
   */
  public interface Source {
    /**
     * Streams every trial to {@code visitor}; {@code task} names the pass for progress output, and
     * with {@code allSteps} false only the first step need be present.
     */
    void replay(String task, boolean allSteps, TrialsFile.StepsVisitor visitor);
  }

  /** One dataset x pool x searcher: the final values of its trials, in trial order. */
  public static final class Group {
    public final String dataset;
    public final String pool;
    public final String searcher;
    private int n;
    private double[] reported = new double[16];
    private double[] regret = new double[16];
    private double[] regretPool = new double[16];
    private double[] queries = new double[16];
    private double[] seconds = new double[16];
    private double[] repeats = new double[16];
    private int[] arch = new int[16];
    private int[] seed = new int[16];
    /** Charged queries per origin (table, predicted, trained, cached) summed over trials that record them. */
    private final Map<String, Long> sources = new java.util.TreeMap<>();
    private final java.util.TreeSet<String> oracles = new java.util.TreeSet<>();

    Group(String dataset, String pool, String searcher) {
      this.dataset = dataset;
      this.pool = pool;
      this.searcher = searcher;
    }

    void add(TrialResult t) {
      if (n == reported.length) {
        int m = n * 2;
        reported = Arrays.copyOf(reported, m);
        regret = Arrays.copyOf(regret, m);
        regretPool = Arrays.copyOf(regretPool, m);
        queries = Arrays.copyOf(queries, m);
        seconds = Arrays.copyOf(seconds, m);
        repeats = Arrays.copyOf(repeats, m);
        arch = Arrays.copyOf(arch, m);
        seed = Arrays.copyOf(seed, m);
      }
      TrialResult.Step f = t.last();
      reported[n] = f == null ? Double.NaN : f.reported();
      regret[n] = f == null ? Double.NaN : f.regret();
      regretPool[n] = f == null ? Double.NaN : f.regretPool();
      arch[n] = f == null ? -1 : f.arch();
      seed[n] = t.seed();
      queries[n] = t.queries();
      seconds[n] = t.seconds();
      repeats[n] = t.repeats();
      n++;
      if (t.oracle() != null) {
        oracles.add(t.oracle());
      }
      if (t.sources() != null) {
        t.sources().forEach((k, v) -> sources.merge(k, (long) v, Long::sum));
      } else if (t.source() != null) {
        // Oracles that do not count origins answer every query from one source.
        sources.merge(t.source(), (long) t.queries(), Long::sum);
      }
    }

    /** Charged queries per origin over the group's trials (table, predicted, trained, cached; mixed when unknown). */
    public Map<String, Long> sources() {
      return java.util.Collections.unmodifiableMap(sources);
    }

    /** The oracles that answered the group's trials. */
    public List<String> oracles() {
      return new ArrayList<>(oracles);
    }

    /** Trials in the group. */
    public int size() {
      return n;
    }

    /** Final reported value of each trial (NaN for a trial that never had an incumbent). */
    public double[] reported() {
      return Arrays.copyOf(reported, n);
    }

    /** Final regret against the full space's optimum (NaN without an incumbent). */
    public double[] regret() {
      return Arrays.copyOf(regret, n);
    }

    /** Final regret against the pool's optimum (NaN without an incumbent). */
    public double[] regretPool() {
      return Arrays.copyOf(regretPool, n);
    }

    /** Architecture index of each final incumbent (-1 without one). */
    public int[] arch() {
      return Arrays.copyOf(arch, n);
    }

    /** The seed of each trial (disjoint seed blocks split on it). */
    public int[] seeds() {
      return Arrays.copyOf(seed, n);
    }

    /** Charged queries of each trial. */
    public double[] queries() {
      return Arrays.copyOf(queries, n);
    }

    /** Simulated seconds spent by each trial. */
    public double[] seconds() {
      return Arrays.copyOf(seconds, n);
    }

    /** Re-queries (queries of an already evaluated architecture) of each trial. */
    public double[] repeats() {
      return Arrays.copyOf(repeats, n);
    }
  }

  /** What the trials of one dataset say about themselves, for captions and the curves' grids. */
  private static final class DatasetInfo {
    final LinkedHashSet<String> signals = new LinkedHashSet<>();
    final LinkedHashSet<String> reported = new LinkedHashSet<>();
    boolean costEstimated;
    /** Whether any query was trained (real seconds) or answered from a table (simulated seconds). */
    boolean realSeconds;
    boolean simulatedSeconds;
    /** Whether any trial had a budget in seconds (else the budget is in queries). */
    boolean secondsBudget;
    /** First incumbent (earliest), budget or spend (largest) on each axis: the curves' grid range. */
    double loQueries = Double.POSITIVE_INFINITY;
    double hiQueries;
    double loSeconds = Double.POSITIVE_INFINITY;
    double hiSeconds;
  }

  private final Map<String, Group> byKey = new LinkedHashMap<>();
  private final LinkedHashSet<String> datasets = new LinkedHashSet<>();
  private final Map<String, LinkedHashSet<String>> pools = new LinkedHashMap<>();
  private final Map<String, LinkedHashSet<String>> searchers = new LinkedHashMap<>();
  private final Map<String, DatasetInfo> info = new LinkedHashMap<>();
  private final LinkedHashSet<String> allSignals = new LinkedHashSet<>();
  private final LinkedHashSet<String> allReported = new LinkedHashSet<>();
  private final Source source;
  private int size;

  /** Groups of trials held in memory (tests, small tools); the list is their source. */
  public Groups(List<TrialResult> trials) {
    this(inMemory(trials));
  }

  /** Groups built by one pass over {@code source} (first steps only); later passes replay it. */
  public Groups(Source source) {
    this.source = source;
    source.replay("reading trials", false, (line, t, steps) -> add(t, steps));
  }

  private static Source inMemory(List<TrialResult> trials) {
    return (task, allSteps, visitor) -> {
      long line = 1;
      for (TrialResult t : trials) {
        visitor.accept(line++, t, TrialsFile.Steps.of(t.steps()));
      }
    };
  }

  private void add(TrialResult t, TrialsFile.Steps steps) {
    String ds = t.dataset();
    byKey.computeIfAbsent(key(ds, t.pool(), t.searcher()), k -> new Group(ds, t.pool(), t.searcher())).add(t);
    datasets.add(ds);
    pools.computeIfAbsent(ds, k -> new LinkedHashSet<>()).add(t.pool());
    searchers.computeIfAbsent(ds + "|" + t.pool(), k -> new LinkedHashSet<>()).add(t.searcher());
    DatasetInfo d = info.computeIfAbsent(ds, k -> new DatasetInfo());
    d.signals.add(t.signal());
    d.reported.add(t.reported());
    allSignals.add(t.signal());
    allReported.add(t.reported());
    d.costEstimated |= t.costEstimated();
    d.secondsBudget |= t.budgetSeconds() != null;
    boolean trained = t.sources() != null ? t.sources().getOrDefault("trained", 0) + t.sources().getOrDefault("cached", 0) > 0
        : "trained".equals(t.source()) || "cached".equals(t.source()) || "mixed".equals(t.source());
    d.realSeconds |= trained;
    d.simulatedSeconds |= !trained || t.sources() != null && t.sources().getOrDefault("table", 0) > 0;
    if (steps.size() > 0) {
      d.loQueries = Math.min(d.loQueries, steps.query(0));
      d.loSeconds = Math.min(d.loSeconds, steps.seconds(0));
    }
    d.hiQueries = Math.max(d.hiQueries, Math.max(t.queries(), t.budgetQueries() == null ? 0 : t.budgetQueries()));
    d.hiSeconds = Math.max(d.hiSeconds, Math.max(t.seconds(), t.budgetSeconds() == null ? 0 : t.budgetSeconds()));
    size++;
  }

  private static String key(String dataset, String pool, String searcher) {
    return dataset + "|" + pool + "|" + searcher;
  }

  /** The trials again, with their steps (for analyses of trajectories). */
  public Source source() {
    return source;
  }

  /** Trials in all groups. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
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

  /** The group of a dataset, pool and searcher, or null when it has no trials. */
  public Group group(String dataset, String pool, String searcher) {
    return byKey.get(key(dataset, pool, searcher));
  }

  /** Every group, datasets, pools and searchers in order of first appearance. */
  public List<Group> groups() {
    List<Group> out = new ArrayList<>();
    for (String ds : datasets()) {
      for (String p : pools(ds)) {
        for (String s : searchers(ds, p)) {
          out.add(group(ds, p, s));
        }
      }
    }
    return out;
  }

  /** Final reported values of a group's trials (NaN for a trial without an incumbent); empty without trials. */
  public double[] finalReported(String dataset, String pool, String searcher) {
    Group g = group(dataset, pool, searcher);
    return g == null ? new double[0] : g.reported();
  }

  /** Search signals of all trials, in order of first appearance. */
  public List<String> signals() {
    return new ArrayList<>(allSignals);
  }

  /** Reported columns of all trials, in order of first appearance. */
  public List<String> reportedKeys() {
    return new ArrayList<>(allReported);
  }

  /** The reported column of a dataset's first trial ("" for an unknown dataset). */
  public String reportedKey(String dataset) {
    DatasetInfo d = info.get(dataset);
    return d == null || d.reported.isEmpty() ? "" : d.reported.iterator().next();
  }

  /** Whether any trial's simulated costs were estimated. */
  public boolean anyCostEstimated() {
    return info.values().stream().anyMatch(d -> d.costEstimated);
  }

  /**
   * What a dataset's seconds are: "simulated" (table values: the recorded training time), "real"
   * (trained by the oracle, or read back from its store of trainings) or "mixed" (both, e.g.
   * table-or-retrain).
   */
  public String secondsKind(String dataset) {
    DatasetInfo d = info.get(dataset);
    if (d == null || !d.realSeconds) {
      return "simulated";
    }
    return d.simulatedSeconds ? "mixed" : "real";
  }

  /** Whether a dataset's budget is in seconds (any trial with a time budget) rather than queries. */
  public boolean secondsBudget(String dataset) {
    DatasetInfo d = info.get(dataset);
    return d != null && d.secondsBudget;
  }

  /** The grid range of a dataset's curves on an axis: {earliest first incumbent, largest budget or spend}. */
  public double[] range(String dataset, Curves.Axis axis) {
    DatasetInfo d = info.get(dataset);
    return axis == Curves.Axis.QUERIES ? new double[] {d.loQueries, d.hiQueries}
        : new double[] {d.loSeconds, d.hiSeconds};
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
