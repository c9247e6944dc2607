package org.nash.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A checked, immutable experiment: benchmark, datasets (or tasks), operation pools, searchers with
 * their parameters, oracle, budget and seeds, with its protocol preset's values already filled in. It
 * expands into one trial per dataset x pool x searcher x seed. Made only by {@link ConfigLoader}, which
 * performs every check that needs no benchmark data and names the file, line and field of a mistake;
 * nothing here is null (an unset option is an empty {@link Optional}).
 *
 * <p>Which settings decide the results is {@link #identity()}: name, title, seeds (a study may grow)
 * and threads do not.
 *
 * @param protocol the preset ({@link Presets}) whose values were filled in, if the config named one
 * @param signalDataset the dataset whose search signal (and query cost) every trial sees, whatever its
 *     own dataset (NB-201 2020: cifar10-valid); empty or {@link #OWN_SIGNAL} = each dataset its own
 * @param fidelity the search signal's fidelity (NB-201: hp12 or hp200); empty = the objective's default
 * @param aggregation how the signal aggregates training seeds; empty = what every dataset has at the fidelity
 * @param stopRule the time-budget stop rule; empty = {@link StopRule#STOP_BEFORE_OVERSHOOT}, not recorded
 * @param reported the value reported for the incumbent; empty = {@link Reported#TEST}, not recorded
 * @param chargeRepeats whether re-querying an already evaluated architecture costs budget (NB-201's REA: yes)
 * @param noiseSd standard deviation of Gaussian noise added to the search signal (0 = none)
 * @param trace also record every query (arch, signal, cost), not only incumbent changes
 * @param threads the default thread count (the command line overrides it); never affects results
 */
public record Experiment(Optional<String> name, Optional<String> title, Optional<String> protocol, String benchmark,
    OracleSpec oracle, List<String> datasets, Optional<String> signalDataset, Optional<String> fidelity,
    Optional<Aggregation> aggregation,
    List<String> pools, boolean allowDisconnected, List<SearcherSpec> searchers, Budget budget,
    Optional<StopRule> stopRule, Optional<Reported> reported, boolean chargeRepeats, double noiseSd, int seeds,
    int firstSeed, boolean trace, OptionalInt threads) {
  /** Trials in one experiment at most: a bigger grid is a typo (or needs splitting), not a study. */
  public static final long MAX_TRIALS = 50_000_000L;
  /**
   * Charged queries per trial at most. A larger {@code budget.queries} is refused; a time budget stops
   * a trial there ("query limit"), so no trial can run for ever on near-free queries. NAS budgets are
   * hundreds to thousands of queries; a million is beyond any protocol.
   */
  public static final int MAX_QUERIES = 1_000_000;
  /** {@code signal_dataset: own}: each dataset's search sees its own signal (overrides a preset's). */
  public static final String OWN_SIGNAL = "own";

  public Experiment {
    datasets = List.copyOf(datasets);
    pools = List.copyOf(pools);
    searchers = List.copyOf(searchers);
  }

  /** The same experiment with another number of seeds (a study extended or a prefix of it). */
  public Experiment withSeeds(int n) {
    return new Experiment(name, title, protocol, benchmark, oracle, datasets, signalDataset, fidelity, aggregation, pools,
        allowDisconnected, searchers, budget, stopRule, reported, chargeRepeats, noiseSd, n, firstSeed, trace, threads);
  }

  /** The same experiment starting at another seed (e.g. another block of seeds). */
  public Experiment withFirstSeed(int first) {
    return new Experiment(name, title, protocol, benchmark, oracle, datasets, signalDataset, fidelity, aggregation, pools,
        allowDisconnected, searchers, budget, stopRule, reported, chargeRepeats, noiseSd, seeds, first, trace, threads);
  }

  /**
   * What decides the results, as a comparable value: everything but name, title, seeds and threads.
   * Two experiments with equal identities write the same record for the same trial key.
   */
  public Experiment identity() {
    return new Experiment(Optional.empty(), Optional.empty(), protocol, benchmark, oracle, datasets, signalDataset,
        fidelity,
        aggregation, pools, allowDisconnected, searchers, budget, stopRule, reported, chargeRepeats, noiseSd, 0,
        firstSeed, trace, OptionalInt.empty());
  }

  /** The dataset whose signal a search on {@code dataset} sees. */
  public String signalDatasetOf(String dataset) {
    return signalDataset.filter(s -> !s.equals(OWN_SIGNAL)).orElse(dataset);
  }

  /** The stop rule in force (the default when the config sets none). */
  public StopRule stopRuleOrDefault() {
    return stopRule.orElse(StopRule.STOP_BEFORE_OVERSHOOT);
  }

  /** Whether the incumbent's reported value is the search signal itself (NASLib on NB-201). */
  public boolean reportsSignal() {
    return reported.orElse(Reported.TEST) == Reported.SIGNAL;
  }

  /** The number of trials: datasets x pools x searchers x seeds. */
  public long trialCount() {
    return (long) datasets.size() * pools.size() * searchers.size() * seeds;
  }

  /**
   * One searcher entry: the plugin's name, the label results call it by (distinct in an experiment),
   * and its parameters as written (checked by the plugin when the experiment is planned).
   */
  public record SearcherSpec(String name, String label, Map<String, Object> params) {
    public SearcherSpec {
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    public SearcherSpec(String name) {
      this(name, name, Map.of());
    }
  }

  /** Which oracle answers queries ({@code table} by default, or one added by a module) and its parameters. */
  public record OracleSpec(String name, Map<String, Object> params) {
    public static final String TABLE = "table";

    public OracleSpec {
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    public boolean isTable() {
      return name.equals(TABLE);
    }
  }

  /** A trial's budget: a number of charged queries, or simulated seconds (one number or one per dataset). */
  public sealed interface Budget {
    /** The query limit, 0 for a time budget. */
    int queries();

    /** @param n charged queries per trial, at least 1 */
    record Queries(int n) implements Budget {
      @Override
      public int queries() {
        return n;
      }
    }

    /**
     * @param all the budget of every dataset, or empty when given per dataset
     * @param perDataset the budget of each dataset that has its own (empty when {@code all} is given)
     */
    record Seconds(java.util.OptionalDouble all, Map<String, Double> perDataset) implements Budget {
      public Seconds {
        perDataset = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perDataset));
      }

      @Override
      public int queries() {
        return 0;
      }

      /** The budget of one dataset; a dataset without one is an error naming the field. */
      public double of(String dataset) {
        if (all.isPresent()) {
          return all.getAsDouble();
        }
        Double v = perDataset.get(dataset);
        if (v == null) {
          throw new org.nash.NashException("config field 'budget.seconds' gives no budget for dataset '" + dataset
              + "'; it has " + perDataset.keySet());
        }
        return v;
      }
    }
  }

  /** How the search signal aggregates the training seeds of the table. */
  public enum Aggregation {
    SEED_MEAN, SINGLE_RUN, SAMPLED_SEED;

    /** The name used in configs and result lines, e.g. {@code seed_mean}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Time budgets: stop before the query that would exceed the budget (NB-201 2020), or keep it (NATS-Bench
   * 2021: loop while spent &lt; budget).
   */
  public enum StopRule {
    STOP_BEFORE_OVERSHOOT, KEEP_OVERSHOOT;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The incumbent's reported value: the benchmark's reported column (NB-201: 200-epoch test accuracy,
   * seed mean), or the search signal itself (NASLib on NB-201).
   */
  public enum Reported {
    TEST, SIGNAL;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
