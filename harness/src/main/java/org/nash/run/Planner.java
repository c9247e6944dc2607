package org.nash.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.oracle.NoisyOracle;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.oracle.TableOracleProvider;
import org.nash.plugin.Params;
import org.nash.plugin.Registry;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;
import org.nash.table.Column;

/**
 * Checks a config against the benchmark, the searchers and the oracles before anything is written,
 * and turns it into a {@link ExperimentRunner.Plan}: one context per dataset x pool and a compact
 * trial grid.
 */
final class Planner {
  private Planner() {}

  /** Trials in one experiment at most: a bigger grid is a typo (or needs splitting), not a study. */
  static final long MAX_TRIALS = 50_000_000L;
  /**
   * Charged queries per trial at most. A larger {@code budget.queries} is refused; a time budget stops
   * a trial there ("query limit"), so no trial can run for ever on near-free queries. NAS budgets are
   * hundreds to thousands of queries; a million is beyond any protocol.
   */
  public static final int MAX_QUERIES = 1_000_000;

  static ExperimentRunner.Plan plan(ExperimentConfig given, DataCatalog catalog, ClassLoader loader) {
    return plan(given, catalog, loader, null);
  }

  /** {@code shardDir}: the folder of the shard this plan runs, for oracles' per-shard state, or null. */
  static ExperimentRunner.Plan plan(ExperimentConfig given, DataCatalog catalog, ClassLoader loader, java.nio.file.Path shardDir) {
    // The preset's values are filled in first: the plan (and so the saved config) holds them.
    ExperimentConfig cfg = Protocols.resolve(given);
    validate(cfg);
    Registry<SearcherProvider> searchers = Registry.load(SearcherProvider.class, "searcher", loader);
    Map<String, SearcherFactory> factories = new LinkedHashMap<>();
    for (ExperimentConfig.SearcherSpec s : cfg.searchers) {
      require(searchers.has(s.name), "unknown searcher '" + s.name + "'; known: " + String.join(", ", searchers.names())
          + " (add your own with --plugin your.jar; see docs/ADDING_A_SEARCHER.md)");
      // Parameters are checked here, once: a trial never meets a bad or unknown parameter.
      Params params = new Params("searcher '" + s.label() + "'", s.params);
      SearcherFactory f = searchers.get(s.name).configure(params);
      params.requireAllRead();
      require(f != null, "searcher '" + s.name + "' (" + searchers.get(s.name).getClass().getName()
          + ") returned no factory from configure()");
      factories.put(s.label(), f);
    }

    Benchmark b = Benchmarks.load(cfg.benchmark, catalog, loader);
    List<OpPool> pools = pools(cfg, b);
    TrialGrid grid = grid(cfg, b, pools);
    List<TrialRunner.Context> cells = new ArrayList<>();
    for (int i = 0; i < grid.datasets().size(); i++) {
      String ds = grid.datasets().get(i);
      Objective full = b.objective(ds);
      Objective.Signal sig = full.signal(full.fidelity(cfg.fidelity), cfg.aggregation);
      Objective obj = searchObjective(cfg, full, sig);
      Benchmark bo = obj.equals(full) ? b : withObjective(b, obj);
      Oracle oracle = oracle(cfg, bo, ds, catalog, loader, shardDir);
      require(grid.maxSeconds(i) == 0 || oracle.hasCost(), "a budget in seconds needs recorded costs, but "
          + oracle.describe() + "; use 'budget: {queries: N}'");
      Column reported = b.table().column(obj.reportedKey());
      double optimum = reported.get(reported.argmax());
      for (OpPool pool : pools) {
        SearchDomain d = b.space().domain(pool, cfg.allowDisconnected, oracle::answers);
        int bestRow = reported.argmaxOver(d);
        double poolBest = bestRow < 0 ? Double.NEGATIVE_INFINITY : reported.get(bestRow);
        TrialRunner.Context c = new TrialRunner.Context(b, d, oracle, cfg.oracle, oracleSignalKey(cfg, obj, loader),
            obj.reportedKey(), optimum, poolBest, cfg.chargeRepeats, cfg.trace, cfg.protocol,
            recordAggregation(cfg, full) ? sig.label() : null,
            cfg.protocol != null || cfg.stopRule != null ? stopRule(cfg) : null);
        cells.add(c);
      }
    }
    return new ExperimentRunner.Plan(cfg, b, grid, factories, cells, catalog, loader);
  }

  /**
   * The objective a search runs on: the signal column of the chosen aggregation at the config's
   * fidelity, and the reported column ({@code reported: signal}: the signal itself, as NASLib on NB-201).
   */
  static Objective searchObjective(ExperimentConfig cfg, Objective full, Objective.Signal sig) {
    org.nash.benchmark.Fidelity f = full.fidelity(cfg.fidelity);
    if (sig.key().equals(full.signalKey(f)) && !"signal".equals(cfg.reported)) {
      return full;
    }
    Map<org.nash.benchmark.Fidelity, String> signals = new LinkedHashMap<>(full.signals());
    signals.put(f, sig.key());
    return new Objective(full.dataset(), signals, full.defaultFidelity(),
        "signal".equals(cfg.reported) ? sig.key() : full.reportedKey(), full.cost(), full.aggregations());
  }

  private static Benchmark withObjective(Benchmark b, Objective o) {
    Map<String, Objective> objectives = new LinkedHashMap<>(b.objectives());
    objectives.put(o.dataset(), o);
    return new Benchmark(b.name(), b.version(), b.space(), b.table(), objectives, b.note());
  }

  /**
   * Whether result lines name the aggregation: always under a preset or an explicit one, and at a
   * non-default fidelity (hp200); not for default configs, whose lines stay as they were.
   */
  static boolean recordAggregation(ExperimentConfig cfg, Objective full) {
    return cfg.protocol != null || cfg.aggregation != null
        || !full.fidelity(cfg.fidelity).equals(full.defaultFidelity());
  }

  static String stopRule(ExperimentConfig cfg) {
    return cfg.stopRule == null ? "stop_before_overshoot" : cfg.stopRule;
  }

  /** The checks that need no data: required fields, ranges and the size of the grid. */
  static void validate(ExperimentConfig cfg) {
    require(cfg.benchmark != null, "config field 'benchmark' is missing; known: " + String.join(", ", Benchmarks.names()));
    require(cfg.datasets != null && !cfg.datasets.isEmpty(), "config field 'datasets' must list at least one dataset or task");
    require(cfg.pools != null && !cfg.pools.isEmpty(), "config field 'pools' must list at least one operation pool");
    require(cfg.searchers != null && !cfg.searchers.isEmpty(), "config field 'searchers' must list at least one searcher");
    require(cfg.seeds > 0, "config field 'seeds' must be a positive number of seeds, got " + cfg.seeds);
    require(cfg.firstSeed >= 0, "config field 'first_seed' must be >= 0, got " + cfg.firstSeed);
    require((long) cfg.firstSeed + cfg.seeds - 1 <= Integer.MAX_VALUE, "config fields 'first_seed' (" + cfg.firstSeed
        + ") + 'seeds' (" + cfg.seeds + ") go past the largest seed, " + Integer.MAX_VALUE);
    require(cfg.noiseSd >= 0 && Double.isFinite(cfg.noiseSd), "config field 'noise_sd' must be >= 0, got " + cfg.noiseSd);
    require(cfg.budget != null && (cfg.budget.queries == null) != (cfg.budget.seconds == null),
        "config field 'budget' needs exactly one of 'queries' or 'seconds'");
    if (cfg.budget.queries != null) {
      require(cfg.budget.queries > 0, "config field 'budget.queries' must be positive, got " + cfg.budget.queries);
      require(cfg.budget.queries <= MAX_QUERIES, "config field 'budget.queries' is " + cfg.budget.queries
          + ", above the limit of " + MAX_QUERIES + " queries per trial");
    }
    Set<String> labels = new HashSet<>();
    for (ExperimentConfig.SearcherSpec s : cfg.searchers) {
      require(s.name != null, "a searcher entry has no 'name'");
      require(labels.add(s.label()), "two searcher entries are labelled '" + s.label() + "'; give each a distinct 'label'");
    }
    int datasets = new LinkedHashSet<>(cfg.datasets).size();
    long trials = TrialGrid.count(datasets, cfg.pools.size(), cfg.searchers.size(), cfg.seeds);
    require(trials <= MAX_TRIALS, String.format(java.util.Locale.ROOT, "the config makes %,d trials (%d dataset(s) x %d"
        + " pool(s) x %d searcher(s) x %,d seeds), above the limit of %,d per experiment; use fewer seeds or split it"
        + " into several configs", trials, datasets, cfg.pools.size(), cfg.searchers.size(), cfg.seeds, MAX_TRIALS));
  }

  static List<OpPool> pools(ExperimentConfig cfg, Benchmark b) {
    List<OpPool> pools = new ArrayList<>();
    Set<String> poolLabels = new HashSet<>();
    for (String spec : cfg.pools) {
      OpPool pool = OpPool.parse(b.space(), spec);
      require(poolLabels.add(pool.label()), "pool '" + spec + "' is listed twice (as " + pool.label() + ")");
      pools.add(pool);
    }
    return pools;
  }

  /** The trial grid of a config on a benchmark, without building oracles (for checking saved records). */
  static TrialGrid grid(ExperimentConfig cfg, Benchmark b) {
    validate(cfg);
    return grid(cfg, b, pools(cfg, b));
  }

  private static TrialGrid grid(ExperimentConfig cfg, Benchmark b, List<OpPool> pools) {
    List<String> datasets = new ArrayList<>(new LinkedHashSet<>(cfg.datasets));
    double[] seconds = new double[datasets.size()];
    for (int i = 0; i < datasets.size(); i++) {
      b.objective(datasets.get(i)); // an unknown dataset is an error here, naming the known ones
      seconds[i] = secondsBudget(cfg, datasets.get(i));
    }
    return new TrialGrid(datasets, pools.stream().map(OpPool::label).toList(), cfg.searchers, cfg.firstSeed,
        cfg.seeds, cfg.budget.queries == null ? 0 : cfg.budget.queries, seconds);
  }

  /**
   * The signal a result line names: the column, wrapped in the oracle's name unless it is the table;
   * the oracle's provider may rename the column (a training at other epochs names its epochs).
   */
  static String oracleSignalKey(ExperimentConfig cfg, Objective obj, ClassLoader loader) {
    org.nash.benchmark.Fidelity f = obj.fidelity(cfg.fidelity);
    String key = obj.signalKey(f);
    if (cfg.oracle.equals(TableOracleProvider.NAME)) {
      return key;
    }
    Registry<OracleProvider> oracles = Registry.load(OracleProvider.class, "oracle", loader);
    if (oracles.has(cfg.oracle)) {
      key = oracles.get(cfg.oracle).signalKey(key, f, cfg.oracleParams == null ? Map.of() : cfg.oracleParams);
    }
    return cfg.oracle + "(" + key + ")";
  }

  /** The config's oracle for one dataset, with the config's noise around it. */
  private static Oracle oracle(ExperimentConfig cfg, Benchmark b, String ds, DataCatalog catalog, ClassLoader loader,
      java.nio.file.Path shardDir) {
    String name = cfg.oracle == null ? TableOracleProvider.NAME : cfg.oracle;
    OracleProvider p = Registry.load(OracleProvider.class, "oracle", loader).get(name);
    Params params = new Params("oracle '" + name + "' of " + b.name(), cfg.oracleParams);
    // Providers look up their own plugins (e.g. a benchmark's table oracle) on the run's class path.
    Thread self = Thread.currentThread();
    ClassLoader previous = self.getContextClassLoader();
    self.setContextClassLoader(loader);
    try {
      Fidelity f = b.objective(ds).fidelity(cfg.fidelity);
      Oracle o = shardDir == null ? p.create(b, ds, f, params, catalog) : p.create(b, ds, f, params, catalog, shardDir);
      params.requireAllRead();
      return NoisyOracle.wrap(o, cfg.noiseSd);
    } finally {
      self.setContextClassLoader(previous);
    }
  }

  private static double secondsBudget(ExperimentConfig cfg, String ds) {
    Object s = cfg.budget.seconds;
    if (s == null) {
      return 0;
    }
    Object v = s instanceof Map<?, ?> m ? m.get(ds) : s;
    if (v == null) {
      throw new NashException("config field 'budget.seconds' gives no budget for dataset '" + ds + "'");
    }
    if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
      throw new NashException("config field 'budget.seconds' must be a positive number (or one per dataset), got '"
          + v + "'" + (s instanceof Map ? " for " + ds : ""));
    }
    return n.doubleValue();
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new NashException(message);
    }
  }
}
