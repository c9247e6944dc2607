package org.nash.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;

/**
 * Whether a record of {@code trials.jsonl} belongs to an experiment: its key must be in the config's
 * grid (a seed past the last is accepted up to {@code seedLimit}, for a study whose seeds grew) and it
 * must have been run with the config's settings (benchmark, data version, oracle, signal, reported
 * column, budget, repeat charging). Anything else is a foreign record and is refused, never adopted.
 */
public final class RecordCheck {
  private final TrialGrid grid;
  private final String benchmark;
  private final String version;
  private final String oracle;
  private final boolean chargeRepeats;
  private final List<String> signals = new ArrayList<>();
  private final List<String> reported = new ArrayList<>();
  private final List<String> aggregations = new ArrayList<>();
  private final String protocol;
  private final String stopRule;
  private final int seedLimit;
  private final boolean checkVersion;

  /** A check deriving the signal names from the config (e.g. of a results folder's saved config). */
  RecordCheck(ExperimentConfig cfg, Benchmark b, TrialGrid grid, int seedLimit, boolean checkVersion) {
    this(cfg, b, grid, seedLimit, checkVersion, null);
  }

  /** {@code planned}: the plan's signal names per dataset, or null to derive them from the config. */
  private RecordCheck(ExperimentConfig cfg, Benchmark b, TrialGrid grid, int seedLimit, boolean checkVersion,
      List<String> planned) {
    this.checkVersion = checkVersion;
    this.grid = grid;
    this.benchmark = b.name();
    this.version = b.version();
    this.oracle = cfg.oracle;
    this.chargeRepeats = cfg.chargeRepeats;
    this.seedLimit = Math.max(seedLimit, grid.seeds());
    this.protocol = cfg.protocol;
    this.stopRule = cfg.protocol != null || cfg.stopRule != null ? Planner.stopRule(cfg) : null;
    for (String ds : grid.datasets()) {
      Objective full = b.objective(ds);
      Objective.Signal sig = full.signal(full.fidelity(cfg.fidelity), cfg.aggregation);
      Objective obj = Planner.searchObjective(cfg, full, sig);
      signals.add(planned != null ? planned.get(signals.size())
          : Planner.oracleSignalKey(cfg, obj, RecordCheck.class.getClassLoader()));
      reported.add(obj.reportedKey());
      aggregations.add(Planner.recordAggregation(cfg, full) ? sig.label() : null);
    }
  }

  /**
   * The check for a saved config (e.g. a results folder's config.yaml). The data version is left to
   * the caller, which may know better what to advise (e.g. report with the data the run used).
   */
  public static RecordCheck of(ExperimentConfig cfg, Benchmark b) {
    ExperimentConfig resolved = Protocols.resolve(cfg);
    return new RecordCheck(resolved, b, Planner.grid(resolved, b), resolved.seeds, false, null);
  }

  /** The check for a plan, accepting seeds up to {@code seedLimit} (the folder's, if it holds more). */
  static RecordCheck of(ExperimentRunner.Plan plan, int seedLimit) {
    List<String> planned = new ArrayList<>();
    for (String ds : plan.trials().datasets()) {
      planned.add(plan.context(ds, plan.trials().pools().get(0)).signalKey());
    }
    return new RecordCheck(plan.config(), plan.benchmark(), plan.trials(), seedLimit, true, planned);
  }

  /**
   * The record's index in the grid (>= the grid size for a later seed), or a NashException naming the
   * line and what differs.
   */
  public long index(String where, TrialResult r) {
    String problem = null;
    long i = grid.indexOf(r.dataset(), r.pool(), r.searcher(), r.seed());
    if (!r.benchmark().equals(benchmark)) {
      problem = "was run on benchmark " + r.benchmark() + ", this experiment is on " + benchmark;
    } else if (checkVersion && !r.version().equals(version)) {
      problem = "was run on benchmark data version " + r.version() + ", this nash has " + version
          + " (results of different data cannot be mixed)";
    } else if (i < 0 || (long) r.seed() - grid.firstSeed() >= seedLimit) {
      problem = "is not in this experiment's grid (" + outside(r) + ")";
    } else {
      int d = grid.datasets().indexOf(r.dataset());
      double seconds = grid.maxSeconds(d);
      Integer queries = grid.maxQueries() > 0 ? grid.maxQueries() : null;
      problem = differs("oracle", r.oracle(), oracle);
      problem = problem != null ? problem : differs("signal", r.signal(), signals.get(d));
      problem = problem != null ? problem : differs("reported", r.reported(), reported.get(d));
      problem = problem != null ? problem : differs("protocol", r.protocol(), protocol);
      problem = problem != null ? problem : differs("aggregation", r.aggregation(), aggregations.get(d));
      problem = problem != null ? problem : differs("stop_rule", r.stopRule(), stopRule);
      problem = problem != null ? problem : differs("charge_repeats", r.chargeRepeats(), chargeRepeats);
      problem = problem != null ? problem : differs("budget_queries", r.budgetQueries(), queries);
      problem = problem != null ? problem : differs("budget_seconds", r.budgetSeconds(), seconds > 0 ? seconds : null);
    }
    if (problem != null) {
      throw new org.nash.NashException(where + ": trial " + r.key() + " " + problem
          + "; it belongs to another experiment. Use another --out, or remove that line");
    }
    return i;
  }

  private String outside(TrialResult r) {
    if (!grid.datasets().contains(r.dataset())) {
      return "dataset '" + r.dataset() + "' is not among " + grid.datasets();
    }
    if (!grid.pools().contains(r.pool())) {
      return "pool '" + r.pool() + "' is not among " + grid.pools();
    }
    if (grid.indexOf(r.dataset(), r.pool(), r.searcher(), grid.firstSeed()) < 0) {
      return "searcher '" + r.searcher() + "' is not among its searcher labels";
    }
    return "seed " + r.seed() + " is outside " + grid.firstSeed() + ".." + ((long) grid.firstSeed() + seedLimit - 1);
  }

  private static String differs(String field, Object recorded, Object expected) {
    return Objects.equals(recorded, expected) ? null
        : "was run with " + field + " " + recorded + ", this experiment has " + expected;
  }
}
