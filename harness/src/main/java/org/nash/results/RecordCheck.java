package org.nash.results;

import java.util.Objects;
import org.nash.benchmark.Benchmark;
import org.nash.config.Experiment;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.RecordFields;
import org.nash.plan.TrialGrid;

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
  private final RecordFields fields;
  private final int seedLimit;
  private final boolean checkVersion;

  /**
   * @param seedLimit seeds accepted past {@code first_seed} (more than the grid's for a study whose seeds grew)
   * @param checkVersion whether a record of other benchmark data is refused here (else the caller advises)
   */
  public RecordCheck(TrialGrid grid, Benchmark b, RecordFields fields, int seedLimit, boolean checkVersion) {
    this.grid = grid;
    this.benchmark = b.name();
    this.version = b.version();
    this.fields = fields;
    this.seedLimit = Math.max(seedLimit, grid.seeds());
    this.checkVersion = checkVersion;
  }

  /**
   * The check for a saved experiment (e.g. a results folder's config.yaml). The data version is left to
   * the caller, which may know better what to advise (e.g. report with the data the run used).
   */
  public static RecordCheck of(Experiment cfg, Benchmark b, ClassLoader loader) {
    TrialGrid grid = Planner.grid(cfg, b);
    return new RecordCheck(grid, b, RecordFields.of(cfg, b, grid.datasets(), loader), cfg.seeds(), false);
  }

  /** The check for a plan, accepting seeds up to {@code seedLimit} (the folder's, if it holds more). */
  public static RecordCheck of(Plan plan, int seedLimit) {
    return new RecordCheck(plan.trials(), plan.benchmark(), RecordFields.of(plan), seedLimit, true);
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
      problem = differs("oracle", r.oracle(), fields.oracle());
      problem = problem != null ? problem : differs("signal", r.signal(), fields.signals().get(d));
      problem = problem != null ? problem : differs("reported", r.reported(), fields.reported().get(d));
      problem = problem != null ? problem : differs("protocol", r.protocol(), fields.protocol());
      problem = problem != null ? problem : differs("aggregation", r.aggregation(), fields.aggregations().get(d));
      problem = problem != null ? problem : differs("stop_rule", r.stopRule(), fields.stopRule());
      problem = problem != null ? problem : differs("charge_repeats", r.chargeRepeats(), fields.chargeRepeats());
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
