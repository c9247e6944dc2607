package org.nash.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.config.Experiment;
import org.nash.data.DataCatalog;
import org.nash.oracle.NoisyOracle;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.oracle.OracleRequest;
import org.nash.plugin.Params;
import org.nash.plugin.PluginFailure;
import org.nash.plugin.PluginIdentity;
import org.nash.plugin.Registry;
import org.nash.search.SearcherFactory;
import org.nash.search.SearcherProvider;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;
import org.nash.space.SearchSpace;
import org.nash.table.Column;

/**
 * Checks an experiment against the benchmark, the searchers and the oracles before anything is
 * written, and turns it into a {@link Plan}: one context per dataset x pool and a compact trial grid.
 */
public final class Planner {
  private Planner() {}

  /** The plan of an experiment that has no config file (a test's text): relative file parameters resolve nowhere. */
  public static Plan plan(Experiment cfg, DataCatalog catalog, ClassLoader loader) {
    return plan(cfg, catalog, loader, null, Optional.empty(), Optional.empty());
  }

  /**
   * {@code configFolder}: the config file's folder, which file parameters (an external searcher's command)
   * are relative to.
   */
  public static Plan plan(Experiment cfg, DataCatalog catalog, ClassLoader loader, Path configFolder) {
    return plan(cfg, catalog, loader, configFolder, Optional.empty(), Optional.empty());
  }

  /**
   * The plan of a whole run into {@code runDir}: oracles with per-shard state (result stores) also read
   * the state of the folder's shards, so a plain run of a sharded folder redoes nothing a shard did.
   */
  public static Plan planRun(Experiment cfg, DataCatalog catalog, ClassLoader loader, Path configFolder, Path runDir) {
    return plan(cfg, catalog, loader, configFolder, Optional.empty(), Optional.of(runDir));
  }

  /** The plan of one shard of a config without a file (tests). */
  public static Plan plan(Experiment cfg, DataCatalog catalog, ClassLoader loader, Shard shard, Path runDir) {
    return plan(cfg, catalog, loader, null, shard, runDir);
  }

  /** The plan of one shard of a sharded run: oracles are told the shard's folder for per-shard state. */
  public static Plan plan(Experiment cfg, DataCatalog catalog, ClassLoader loader, Path configFolder, Shard shard,
      Path runDir) {
    return plan(cfg, catalog, loader, configFolder, Optional.of(shard.folder(runDir)), Optional.empty());
  }

  private static Plan plan(Experiment cfg, DataCatalog catalog, ClassLoader loader, Path configFolder,
      Optional<Path> shardDir, Optional<Path> runDir) {
    Registry<SearcherProvider> searchers = Registry.load(SearcherProvider.class, "searcher", loader);
    Map<String, SearcherFactory> factories = new LinkedHashMap<>();
    Map<String, PluginIdentity> searcherIds = new LinkedHashMap<>();
    for (Experiment.SearcherSpec s : cfg.searchers()) {
      require(searchers.has(s.name()), "unknown searcher '" + s.name() + "'; known: "
          + String.join(", ", searchers.names()) + " (add your own with --plugin your.jar; see docs/ADDING_A_SEARCHER.md)");
      // Parameters are checked here, once: a trial never meets a bad or unknown parameter.
      SearcherProvider provider = searchers.get(s.name());
      Params params = new Params("searcher '" + s.label() + "'", s.params());
      params.requireDeclared(provider.params());
      SearcherFactory f = PluginFailure.guard("searcher", s.name(), provider, () -> provider.configure(params, configFolder));
      params.requireAllRead();
      if (f == null) {
        throw new PluginFailure("searcher", s.name(), provider, "configure() returned no factory", null);
      }
      factories.put(s.label(), f);
      searcherIds.put(s.label(), PluginIdentity.of(s.name(), provider, f));
    }

    Benchmark b = Benchmarks.load(cfg.benchmark(), catalog, loader);
    List<OpPool> pools = pools(cfg, b);
    TrialGrid grid = grid(cfg, b, pools);
    List<TrialContext> cells = new ArrayList<>();
    OracleProvider oracleProvider = Registry.load(OracleProvider.class, "oracle", loader).get(cfg.oracle().name());
    PluginIdentity oracleId = null;
    // A pool's domain for every dataset whose oracle answers every architecture: then the oracle's filter
    // keeps all and the domains of the datasets are the same; built once, not once per dataset (93 domains
    // of 31 pools were a sixth of a shard's start-up, issue 26).
    Map<OpPool, SearchDomain> unfiltered = new java.util.IdentityHashMap<>();
    for (int i = 0; i < grid.datasets().size(); i++) {
      String ds = grid.datasets().get(i);
      Objective full = searchedObjective(cfg, b, ds);
      Objective.Signal sig = signal(cfg, full);
      Objective obj = searchObjective(cfg, full, sig);
      // identity first: the record's equals is bootstrapped on first use, which costs a one-shot command
      Benchmark bo = obj == b.objective(ds) || obj.equals(b.objective(ds)) ? b : withObjective(b, obj);
      Oracle oracle = oracle(cfg, oracleProvider, bo, ds, catalog, loader, shardDir, runDir);
      oracleId = oracleId != null ? oracleId : PluginIdentity.of(cfg.oracle().name(), oracleProvider, oracle);
      require(grid.maxSeconds(i) == 0 || oracle.hasCost(), "a budget in seconds needs recorded costs, but "
          + oracle.describe() + "; use 'budget: {queries: N}'");
      Column reported = b.table().column(obj.reportedKey());
      double optimum = reported.get(reported.argmax());
      // (one dataset: nothing to share, so no pass over the space to find out)
      boolean answersAll = grid.datasets().size() > 1 && answersEvery(oracle, b.space());
      for (OpPool pool : pools) {
        SearchDomain d = answersAll ? unfiltered.computeIfAbsent(pool, p -> b.space().domain(p, cfg.allowDisconnected()))
            : b.space().domain(pool, cfg.allowDisconnected(), oracle::answers);
        int bestRow = reported.argmaxOver(d);
        double poolBest = bestRow < 0 ? Double.NEGATIVE_INFINITY : reported.get(bestRow);
        cells.add(new TrialContext(b, d, oracle, cfg.oracle().name(), oracleSignalKey(cfg, obj, oracleProvider),
            obj.reportedKey(), optimum, poolBest, cfg.chargeRepeats(), cfg.trace(), cfg.protocol().orElse(null),
            recordAggregation(cfg, full) ? sig.label() : null, recordedStopRule(cfg)));
      }
    }
    return new Plan(cfg, b, grid, factories, cells, catalog, loader, searcherIds, oracleId);
  }

  /** Whether the oracle answers every architecture of the space (a complete table), so its filter keeps all. */
  static boolean answersEvery(Oracle oracle, SearchSpace space) {
    for (int i = 0, n = space.size(); i < n; i++) {
      if (!oracle.answers(space.byIndex(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Dataset {@code ds}'s objective as its searches see it: its own, or, under {@code signal_dataset},
   * the signal columns and query costs of that dataset with {@code ds}'s reported column (NB-201 2020
   * searched on cifar10-valid and evaluated on every dataset). Where both name the same signal column
   * (cifar10 and cifar10-valid) the dataset's own objective is kept.
   */
  static Objective searchedObjective(Experiment cfg, Benchmark b, String ds) {
    Objective own = b.objective(ds);
    String sd = cfg.signalDatasetOf(ds);
    if (sd.equals(ds)) {
      return own;
    }
    Objective src;
    try {
      src = b.objective(sd);
    } catch (NashException e) {
      throw new NashException("config field 'signal_dataset': " + e.getMessage() + " (or 'own')");
    }
    if (signal(cfg, src).key().equals(signal(cfg, own).key())) {
      return own;
    }
    return new Objective(ds, src.signals(), src.defaultFidelity(), own.reportedKey(), src.cost(), src.aggregations());
  }

  /** The search signal of a dataset at the config's fidelity and seed aggregation. */
  static Objective.Signal signal(Experiment cfg, Objective full) {
    return full.signal(full.fidelity(cfg.fidelity().orElse(null)),
        cfg.aggregation().map(Experiment.Aggregation::id).orElse(null));
  }

  /**
   * The objective a search runs on: the signal column of the chosen aggregation at the config's
   * fidelity, and the reported column ({@code reported: signal}: the signal itself, as NASLib on NB-201).
   */
  static Objective searchObjective(Experiment cfg, Objective full, Objective.Signal sig) {
    Fidelity f = full.fidelity(cfg.fidelity().orElse(null));
    if (sig.key().equals(full.signalKey(f)) && !cfg.reportsSignal()) {
      return full;
    }
    Map<Fidelity, String> signals = new LinkedHashMap<>(full.signals());
    signals.put(f, sig.key());
    return new Objective(full.dataset(), signals, full.defaultFidelity(),
        cfg.reportsSignal() ? sig.key() : full.reportedKey(), full.cost(), full.aggregations());
  }

  private static Benchmark withObjective(Benchmark b, Objective o) {
    Map<String, Objective> objectives = new LinkedHashMap<>(b.objectives());
    objectives.put(o.dataset(), o);
    return b.withObjectives(objectives);
  }

  /**
   * Whether result lines name the aggregation: always under a preset or an explicit one, and at a
   * non-default fidelity (hp200); not for default configs, whose lines stay as they were.
   */
  static boolean recordAggregation(Experiment cfg, Objective full) {
    return cfg.protocol().isPresent() || cfg.aggregation().isPresent()
        || !full.fidelity(cfg.fidelity().orElse(null)).equals(full.defaultFidelity());
  }

  /** The stop rule result lines name: under a preset or an explicit setting; null (not named) otherwise. */
  static String recordedStopRule(Experiment cfg) {
    return cfg.protocol().isPresent() || cfg.stopRule().isPresent() ? cfg.stopRuleOrDefault().id() : null;
  }

  static List<OpPool> pools(Experiment cfg, Benchmark b) {
    List<OpPool> pools = new ArrayList<>();
    Set<String> poolLabels = new HashSet<>();
    for (String spec : cfg.pools()) {
      OpPool pool = OpPool.parse(b.space(), spec);
      require(poolLabels.add(pool.label()), "config field 'pools': '" + spec + "' is listed twice (as " + pool.label()
          + ")");
      pools.add(pool);
    }
    return pools;
  }

  /** The trial grid of an experiment on a benchmark, without building oracles (for checking saved records). */
  public static TrialGrid grid(Experiment cfg, Benchmark b) {
    return grid(cfg, b, pools(cfg, b));
  }

  private static TrialGrid grid(Experiment cfg, Benchmark b, List<OpPool> pools) {
    List<String> datasets = cfg.datasets();
    double[] seconds = new double[datasets.size()];
    for (int i = 0; i < datasets.size(); i++) {
      b.objective(datasets.get(i)); // an unknown dataset is an error here, naming the known ones
      seconds[i] = cfg.budget() instanceof Experiment.Budget.Seconds s ? s.of(datasets.get(i)) : 0;
    }
    return new TrialGrid(datasets, pools.stream().map(OpPool::label).toList(), cfg.searchers(), cfg.firstSeed(),
        cfg.seeds(), cfg.budget().queries(), seconds);
  }

  /**
   * The signal a result line names: the column, wrapped in the oracle's name unless it is the table;
   * the oracle's provider may rename the column (a training at other epochs names its epochs).
   */
  static String oracleSignalKey(Experiment cfg, Objective obj, OracleProvider provider) {
    Fidelity f = obj.fidelity(cfg.fidelity().orElse(null));
    String key = obj.signalKey(f);
    if (cfg.oracle().isTable()) {
      return key;
    }
    if (provider != null) {
      key = provider.signalKey(key, f, cfg.oracle().params());
    }
    return cfg.oracle().name() + "(" + key + ")";
  }

  /**
   * The config's oracle provider on {@code loader}, or null when no plugin there has its name (a saved
   * experiment checked without the plugin that ran it: its lines then name the table column).
   */
  static OracleProvider oracleProvider(Experiment cfg, ClassLoader loader) {
    Registry<OracleProvider> oracles = Registry.load(OracleProvider.class, "oracle", loader);
    return oracles.has(cfg.oracle().name()) ? oracles.get(cfg.oracle().name()) : null;
  }

  /** The config's oracle for one dataset, with the config's noise around it. */
  private static Oracle oracle(Experiment cfg, OracleProvider p, Benchmark b, String ds, DataCatalog catalog,
      ClassLoader loader, Optional<Path> shardDir, Optional<Path> runDir) {
    String name = cfg.oracle().name();
    Params params = new Params("oracle '" + name + "' of " + b.name(), cfg.oracle().params());
    params.requireDeclared(p.params());
    Fidelity f = b.objective(ds).fidelity(cfg.fidelity().orElse(null));
    Oracle o = PluginFailure.guard("oracle", name, p,
        () -> p.create(new OracleRequest(b, ds, f, params, catalog, loader, shardDir, runDir)));
    params.requireAllRead();
    return NoisyOracle.wrap(o, cfg.noiseSd());
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new NashException(message);
    }
  }
}
