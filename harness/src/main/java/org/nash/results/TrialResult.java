package org.nash.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One finished trial: one line of {@code trials.jsonl}. The trajectory is stored as the incumbent's
 * change points ({@code steps}); the incumbent at any query count or simulated time is the last step
 * at or before it. With {@code trace: true} every query is kept as well.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "benchmark", "version", "dataset", "pool", "searcher", "seed", "oracle", "source",
    "protocol", "sources", "signal", "aggregation", "reported", "cost_estimated", "charge_repeats", "budget_queries",
    "budget_seconds", "queries", "repeats", "seconds", "stop_rule", "stop", "optimum", "optimum_pool", "final", "steps",
    "trace"})
public record TrialResult(
    String key,
    String benchmark,
    String version,
    String dataset,
    String pool,
    String searcher,
    int seed,
    String oracle,
    /**
     * table, predicted or trained (cached trainings included): where the values come from; mixed when
     * both table and trained values were charged.
     */
    String source,
    /** The protocol preset, when the config names one (absent otherwise). */
    String protocol,
    /**
     * Charged queries per origin (table, predicted, trained, cached), present only for oracles that
     * train ({@code Oracle.countsSources}), so table results keep their bytes.
     */
    java.util.Map<String, Integer> sources,
    /** Column (or model) of the search signal. */
    String signal,
    /** Seed aggregation of the signal (and any fallback), under a preset or explicit setting or at hp200. */
    String aggregation,
    /** Column reported for the incumbent. */
    String reported,
    @JsonProperty("cost_estimated") boolean costEstimated,
    @JsonProperty("charge_repeats") boolean chargeRepeats,
    @JsonProperty("budget_queries") Integer budgetQueries,
    @JsonProperty("budget_seconds") Double budgetSeconds,
    /** Charged queries. */
    int queries,
    /** Queries of an already evaluated architecture (charged or not, per charge_repeats). */
    int repeats,
    /** Simulated seconds spent. */
    double seconds,
    /** Time-budget stop rule, under a preset or an explicit setting (absent: stop_before_overshoot). */
    @JsonProperty("stop_rule") String stopRule,
    /** Why the trial ended: budget, or a searcher that only repeated itself. */
    String stop,
    /** Best reported value in the full space and in the trial's search domain. */
    double optimum,
    @JsonProperty("optimum_pool") double optimumPool,
    @JsonProperty("final") Step last,
    /** Incumbent change points. */
    List<Step> steps,
    /** Every query: [architecture index, signal, cost], when tracing; the index is written as an integer. */
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(contentUsing = TraceQuerySerializer.class)
    List<double[]> trace) {

  /** A result without protocol fields or per-origin counts (as every default config writes). */
  public TrialResult(String key, String benchmark, String version, String dataset, String pool, String searcher,
      int seed, String oracle, String source, String signal, String reported, boolean costEstimated,
      boolean chargeRepeats, Integer budgetQueries, Double budgetSeconds, int queries, int repeats, double seconds,
      String stop, double optimum, double optimumPool, Step last, List<Step> steps, List<double[]> trace) {
    this(key, benchmark, version, dataset, pool, searcher, seed, oracle, source, null, null, signal, null, reported,
        costEstimated, chargeRepeats, budgetQueries, budgetSeconds, queries, repeats, seconds, null, stop, optimum,
        optimumPool, last, steps, trace);
  }

  /**
   * The incumbent from query {@code query} on (count of charged queries, simulated seconds at that
   * point), with its search signal, reported value and regrets (optimum minus reported).
   */
  @JsonPropertyOrder({"query", "seconds", "arch", "signal", "reported", "regret", "regret_pool"})
  public record Step(int query, double seconds, int arch, double signal, double reported, double regret,
      @JsonProperty("regret_pool") double regretPool) {}
}
