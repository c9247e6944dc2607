package org.nash.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.search.Params;
import org.nash.search.RunScoped;
import org.nash.search.SearcherProvider;
import org.nash.search.Searchers;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;
import org.nash.table.Column;

/**
 * Runs an experiment: validates the whole config before writing anything, expands it into trials
 * with stable keys, runs them in parallel and appends each finished trial to {@code trials.jsonl}
 * in the grid order (a finished trial waits for its predecessors), so the file is the same bytes
 * whatever the thread count and an interrupted run resumes by skipping the keys already there.
 */
public final class ExperimentRunner {
  public static final String CONFIG_NAME = "config.yaml";

  private ExperimentRunner() {}

  /** A validated experiment, ready to run. */
  public record Plan(ExperimentConfig config, Benchmark benchmark, List<TrialSpec> trials,
      Map<String, TrialRunner.Context> contexts, Map<String, SearcherProvider> providers) {

    TrialRunner.Context context(TrialSpec t) {
      return contexts.get(t.dataset() + "|" + t.pool());
    }
  }

  /** What a run did. */
  public record Outcome(int total, int skipped, int ran, String repaired, Path trials) {}

  /** Checks the config against the benchmark and the searchers on the classpath; builds oracles. */
  public static Plan plan(ExperimentConfig cfg, DataCatalog catalog, ClassLoader loader) {
    require(cfg.benchmark != null, "config field 'benchmark' is missing; known: " + String.join(", ", Benchmarks.NAMES));
    require(cfg.datasets != null && !cfg.datasets.isEmpty(), "config field 'datasets' must list at least one dataset or task");
    require(cfg.pools != null && !cfg.pools.isEmpty(), "config field 'pools' must list at least one operation pool");
    require(cfg.searchers != null && !cfg.searchers.isEmpty(), "config field 'searchers' must list at least one searcher");
    require(cfg.seeds > 0, "config field 'seeds' must be a positive number of seeds, got " + cfg.seeds);
    require(cfg.firstSeed >= 0, "config field 'first_seed' must be >= 0, got " + cfg.firstSeed);
    require(cfg.noiseSd >= 0 && Double.isFinite(cfg.noiseSd), "config field 'noise_sd' must be >= 0, got " + cfg.noiseSd);
    require(cfg.budget != null && (cfg.budget.queries == null) != (cfg.budget.seconds == null),
        "config field 'budget' needs exactly one of 'queries' or 'seconds'");
    if (cfg.budget.queries != null) {
      require(cfg.budget.queries > 0, "config field 'budget.queries' must be positive, got " + cfg.budget.queries);
    }

    Map<String, SearcherProvider> providers = new LinkedHashMap<>();
    Set<String> labels = new HashSet<>();
    for (ExperimentConfig.SearcherSpec s : cfg.searchers) {
      require(s.name != null, "a searcher entry has no 'name'");
      SearcherProvider p = Searchers.find(s.name, loader);
      require(labels.add(s.label()), "two searcher entries are labelled '" + s.label() + "'; give each a distinct 'label'");
      Params params = new Params("searcher '" + s.label() + "'", s.params);
      p.create(params);
      params.requireAllRead();
      providers.put(s.label(), p);
    }

    Benchmark b = Benchmarks.load(cfg.benchmark, catalog);
    List<String> datasets = new ArrayList<>(new LinkedHashSet<>(cfg.datasets));
    Map<String, TrialRunner.Context> contexts = new LinkedHashMap<>();
    List<OpPool> pools = new ArrayList<>();
    Set<String> poolLabels = new HashSet<>();
    for (String spec : cfg.pools) {
      OpPool pool = OpPool.parse(b.space(), spec);
      require(poolLabels.add(pool.label()), "pool '" + spec + "' is listed twice (as " + pool.label() + ")");
      pools.add(pool);
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String ds : datasets) {
      Objective obj = b.objective(ds);
      Oracle oracle = oracle(cfg, b, ds, catalog, loader);
      seconds.put(ds, secondsBudget(cfg, ds));
      require(seconds.get(ds) == 0 || oracle.hasCost(), "a budget in seconds needs recorded costs, but "
          + oracle.describe() + "; use 'budget: {queries: N}'");
      Column reported = b.table().column(obj.reportedKey());
      double optimum = reported.get(reported.argmax());
      for (OpPool pool : pools) {
        SearchDomain d = b.space().domain(pool, cfg.allowDisconnected, oracle::answers);
        int bestRow = reported.argmaxOver(d);
        double poolBest = bestRow < 0 ? Double.NEGATIVE_INFINITY : reported.get(bestRow);
        contexts.put(ds + "|" + pool.label(), new TrialRunner.Context(b, d, oracle, cfg.oracle,
            oracleSignalKey(cfg, obj), obj.reportedKey(), optimum, poolBest, cfg.chargeRepeats, cfg.trace));
      }
    }

    List<TrialSpec> trials = new ArrayList<>();
    for (String ds : datasets) {
      for (OpPool pool : pools) {
        for (ExperimentConfig.SearcherSpec s : cfg.searchers) {
          for (int seed = cfg.firstSeed; seed < cfg.firstSeed + cfg.seeds; seed++) {
            trials.add(new TrialSpec(ds, pool.label(), s.label(), s.name, s.params, seed,
                cfg.budget.queries == null ? 0 : cfg.budget.queries, seconds.get(ds)));
          }
        }
      }
    }
    return new Plan(cfg, b, trials, contexts, providers);
  }

  private static String oracleSignalKey(ExperimentConfig cfg, Objective obj) {
    String key = obj.signalKey(cfg.fidelity);
    return cfg.oracle.equals("table") ? key : cfg.oracle + "(" + key + ")";
  }

  private static Oracle oracle(ExperimentConfig cfg, Benchmark b, String ds, DataCatalog catalog, ClassLoader loader) {
    if (cfg.oracle == null || cfg.oracle.equals("table")) {
      Params params = new Params("oracle 'table' of " + b.name(), cfg.oracleParams);
      Oracle o = b.oracle(ds, cfg.fidelity, cfg.noiseSd, params);
      params.requireAllRead();
      return o;
    }
    List<String> known = new ArrayList<>(List.of("table"));
    for (OracleProvider p : ServiceLoader.load(OracleProvider.class, loader)) {
      if (p.name().equals(cfg.oracle)) {
        Params params = new Params("oracle '" + cfg.oracle + "'", cfg.oracleParams);
        Oracle o = p.create(b, ds, cfg.fidelity, cfg.noiseSd, params, catalog);
        params.requireAllRead();
        return o;
      }
      known.add(p.name());
    }
    throw new NashException("unknown oracle '" + cfg.oracle + "'; known: " + String.join(", ", known));
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

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new NashException(message);
    }
  }

  /**
   * Runs the plan's unfinished trials into {@code outDir}. A folder holding a different experiment is
   * refused; one holding the same experiment is resumed.
   */
  public static Outcome run(Plan plan, Path outDir, int threads, Consumer<TrialResult> onFinished) {
    if (threads < 1) {
      throw new NashException("--threads must be at least 1, got " + threads);
    }
    ExperimentConfig saved = copyWithoutThreads(plan.config());
    String yaml = ConfigLoader.toYaml(saved);
    Path trialsPath = outDir.resolve(TrialsFile.NAME);
    Path configPath = outDir.resolve(CONFIG_NAME);
    try {
      Files.createDirectories(outDir);
      if (Files.exists(configPath)) {
        if (!Files.readString(configPath).equals(yaml)) {
          throw new NashException("results folder " + outDir + " holds a different experiment (its "
              + CONFIG_NAME + " differs from this config); choose another --out or delete the folder");
        }
      } else {
        Results.writeAtomically(configPath, yaml);
      }
    } catch (IOException e) {
      throw new NashException("cannot write to " + outDir + ": " + e.getMessage(), e);
    }

    TrialsFile.Contents existing = TrialsFile.read(trialsPath);
    if (existing.problem() != null) {
      TrialsFile.truncate(trialsPath, existing.validBytes());
    }
    Set<String> done = new HashSet<>();
    for (TrialResult r : existing.trials()) {
      if (!r.version().equals(plan.benchmark().version())) {
        throw new NashException(trialsPath + ": trial " + r.key() + " was run on benchmark data version "
            + r.version() + ", this nash has " + plan.benchmark().version() + "; use another --out");
      }
      done.add(r.key());
    }
    List<TrialSpec> todo = new ArrayList<>();
    for (TrialSpec t : plan.trials()) {
      if (!done.contains(t.key())) {
        todo.add(t);
      }
    }

    List<RunScoped> scoped = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "nash-trial");
      th.setDaemon(true);
      return th;
    });
    try (Writer out = TrialsFile.append(trialsPath)) {
      for (Map.Entry<String, SearcherProvider> e : plan.providers().entrySet()) {
        if (e.getValue() instanceof RunScoped s && !todo.isEmpty()) {
          scoped.add(s);
          s.open(outDir, e.getKey());
        }
      }
      List<Future<TrialResult>> futures = new ArrayList<>(todo.size());
      for (TrialSpec t : todo) {
        futures.add(pool.submit(() -> {
          SearcherProvider p = plan.providers().get(t.searcherLabel());
          return TrialRunner.run(t, p.create(new Params("searcher '" + t.searcherLabel() + "'", t.params())),
              plan.context(t));
        }));
      }
      for (Future<TrialResult> f : futures) {
        TrialResult r = f.get();
        out.write(TrialsFile.toLine(r));
        out.flush();
        if (onFinished != null) {
          onFinished.accept(r);
        }
      }
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof NashException ne) {
        throw ne;
      }
      throw new NashException("a trial failed: " + c, c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NashException("interrupted; rerun the same command to resume");
    } catch (IOException e) {
      throw new NashException("cannot write " + trialsPath + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
      for (RunScoped s : scoped) {
        s.close();
      }
    }
    return new Outcome(plan.trials().size(), done.size(), todo.size(), existing.problem(), trialsPath);
  }

  private static ExperimentConfig copyWithoutThreads(ExperimentConfig cfg) {
    ExperimentConfig c = ConfigLoader.parse(ConfigLoader.toYaml(cfg), "config");
    c.threads = null;
    return c;
  }
}
