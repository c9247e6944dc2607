package org.nash.plan;

import java.util.ArrayList;
import java.util.List;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;
import org.nash.config.Experiment;
import org.nash.oracle.OracleProvider;

/**
 * What every result line of an experiment must say besides its key, so that a saved record can be
 * told apart from one of another experiment: the oracle, the protocol fields, and per dataset (grid
 * order) the signal column, the reported column and the seed aggregation (null where lines omit it).
 */
public record RecordFields(String oracle, String protocol, String stopRule, boolean chargeRepeats,
    List<String> signals, List<String> reported, List<String> aggregations) {

  /** The fields of an experiment's records, derived from its config (no oracle is built). */
  public static RecordFields of(Experiment cfg, Benchmark b, List<String> datasets, ClassLoader loader) {
    return of(cfg, b, datasets, loader, null);
  }

  /** The fields of a plan's records: its signal names are those its oracles gave. */
  public static RecordFields of(Plan plan) {
    List<String> planned = new ArrayList<>();
    for (String ds : plan.trials().datasets()) {
      planned.add(plan.context(ds, plan.trials().pools().get(0)).signalKey());
    }
    return of(plan.experiment(), plan.benchmark(), plan.trials().datasets(), plan.loader(), planned);
  }

  private static RecordFields of(Experiment cfg, Benchmark b, List<String> datasets, ClassLoader loader,
      List<String> planned) {
    List<String> signals = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    List<String> aggregations = new ArrayList<>();
    OracleProvider provider = planned != null ? null : Planner.oracleProvider(cfg, loader);
    for (String ds : datasets) {
      Objective full = Planner.searchedObjective(cfg, b, ds);
      Objective.Signal sig = Planner.signal(cfg, full);
      Objective obj = Planner.searchObjective(cfg, full, sig);
      signals.add(planned != null ? planned.get(signals.size()) : Planner.oracleSignalKey(cfg, obj, provider));
      reported.add(obj.reportedKey());
      aggregations.add(Planner.recordAggregation(cfg, full) ? sig.label() : null);
    }
    return new RecordFields(cfg.oracle().name(), cfg.protocol().orElse(null), Planner.recordedStopRule(cfg),
        cfg.chargeRepeats(), signals, reported, aggregations);
  }
}
