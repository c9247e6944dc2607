package org.nash.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment config exactly as written in YAML, before any check: the binding target of the
 * parser and nothing else. {@link ConfigLoader} turns it into a checked {@link Experiment}. Field
 * names in YAML are snake_case; unknown fields are errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "title", "protocol", "benchmark", "oracle", "datasets", "signal_dataset", "fidelity", "aggregation", "pools",
    "allow_disconnected", "searchers", "budget", "stop_rule", "reported", "charge_repeats", "noise_sd", "seeds",
    "first_seed", "trace"})
final class RawConfig {
  public String name;
  /** Optional title of the report page (nash report); the results folder's name when absent. */
  public String title;
  /**
   * A protocol preset ({@code nb201}, {@code nats}, {@code naslib}; see {@link Presets}) that fills
   * every detail below the config leaves unset; null = nash's own defaults. The saved config holds the
   * resolved values.
   */
  public String protocol;
  public String benchmark;
  /** Which oracle answers queries: {@code table} (default) or one added by a module. */
  public String oracle = "table";
  /** Extra settings for the oracle (e.g. a surrogate's training size). */
  @JsonProperty("oracle_params")
  public Map<String, Object> oracleParams;
  public List<String> datasets;
  /**
   * The dataset whose signal the search sees on every dataset ({@code own}, the default: each its own).
   * NB-201 (2020) searched on cifar10-valid and evaluated those searches on all three datasets.
   */
  @JsonProperty("signal_dataset")
  public String signalDataset;
  /** Fidelity of the search signal (NB201: hp12 or hp200); the objective's default when absent. */
  public String fidelity;
  /**
   * How the search signal aggregates the training seeds: {@code seed_mean}, {@code single_run} or
   * {@code sampled_seed} (one recorded seed per query); null = the one every dataset has at the
   * fidelity (hp12: seed mean, hp200: single run). What the data lacks falls back, recorded.
   */
  public String aggregation;
  public List<String> pools = new ArrayList<>(List.of("full"));
  @JsonProperty("allow_disconnected")
  public boolean allowDisconnected = true;
  public List<SearcherSpec> searchers;
  public Budget budget;
  /**
   * Time budgets: {@code stop_before_overshoot} (default, NB-201 2020: the query that would exceed the
   * budget is not made) or {@code keep_overshoot} (NATS-Bench 2021: loop while spent &lt; budget).
   */
  @JsonProperty("stop_rule")
  public String stopRule;
  /**
   * The value reported for the incumbent: {@code test} (default: the benchmark's reported column, NB-201:
   * 200-epoch test accuracy, seed mean) or {@code signal} (the search signal itself, as NASLib on NB-201).
   */
  public String reported;
  /** Whether re-querying an already evaluated architecture costs budget (NB201's REA: yes). */
  @JsonProperty("charge_repeats")
  public boolean chargeRepeats = true;
  /** Standard deviation of Gaussian noise added to the search signal (0 = none). */
  @JsonProperty("noise_sd")
  public double noiseSd = 0;
  public int seeds;
  @JsonProperty("first_seed")
  public int firstSeed = 0;
  /** Also record every query (arch, signal, cost), not only incumbent changes. */
  public boolean trace = false;
  /** Default thread count; the command line overrides it. Never affects results. */
  @JsonProperty("threads")
  public Integer threads;

  /** One searcher entry; {@code label} names it in results (default: its name). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "label", "params"})
  static final class SearcherSpec {
    public String name;
    public String label;
    public Map<String, Object> params = new LinkedHashMap<>();

    public String label() {
      return label != null ? label : name;
    }
  }

  /**
   * Either a number of queries or simulated seconds; seconds may be one number or one per dataset.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  static final class Budget {
    public Integer queries;
    public Object seconds;
  }
}
