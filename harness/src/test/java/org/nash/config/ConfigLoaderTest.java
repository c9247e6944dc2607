package org.nash.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.testing.Synthetic;

/**
 * Config loading: every refusal names the file, the line and the field; presets fill in only what a
 * config leaves unset; {@code differences} ignores what does not decide results; the saved YAML reads
 * back as the same experiment. Needs no benchmark data.
 */
class ConfigLoaderTest {
  @TempDir
  Path dir;

  private static final String GOOD = """
      benchmark: synthetic
      datasets: [smooth]
      pools: [full]
      searchers: [{name: test-random}]
      budget: {queries: 10}
      seeds: 2
      """;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** The refusal of a config: the file, then the line (0: none can be named), the field quoted, the fragment. */
  private void assertRefused(String yaml, int line, String field, String fragment) throws Exception {
    Path f = file(yaml);
    NashException e = assertThrows(NashException.class, () -> ConfigLoader.load(f), yaml);
    String m = e.getMessage();
    assertTrue(m.startsWith(f + (line > 0 ? " line " + line + ":" : ": ")) || m.startsWith(f + " line " + line + ", column "),
        "file and line " + line + ": " + m);
    assertTrue(m.contains("'" + field + "'"), "field " + field + ": " + m);
    assertTrue(m.contains(fragment), "'" + fragment + "' in: " + m);
    assertEquals(1, m.lines().count(), "one line: " + m);
  }

  @Test
  void theGoodConfigLoads() throws Exception {
    Experiment e = ConfigLoader.load(file(GOOD));
    assertEquals("synthetic", e.benchmark());
    assertEquals(List.of("smooth"), e.datasets());
    assertEquals(new Experiment.Budget.Queries(10), e.budget());
    assertEquals(List.of(new Experiment.SearcherSpec("test-random")), e.searchers());
    assertTrue(e.oracle().isTable());
    assertEquals(2, e.trialCount());
  }

  @Test
  void eachRefusalNamesFileLineAndField() throws Exception {
    Object[][] cases = {
        {GOOD.replace("benchmark: synthetic\n", ""), 0, "benchmark", "is missing"},
        {GOOD + "oracle:\n", 7, "oracle", "is empty"},
        {GOOD + "name: \"\"\n", 7, "name", "is empty, and an empty name cannot be a results folder name"},
        {GOOD + "oracle: {name: retrain, params: {epochs: 1}}\n", 7, "oracle", "must be a name, not a mapping; give its"
            + " parameters in 'oracle_params'"},
        {GOOD.replace("datasets: [smooth]", "datasets:"), 2, "datasets", "must list at least one dataset or task"},
        {GOOD.replace("[smooth]", "[smooth, \" \"]"), 2, "datasets[1]", "is empty"},
        {GOOD.replace("[full]", "[\"\"]"), 3, "pools[0]", "is empty"},
        {GOOD.replace("[full]", "[full, full]"), 3, "pools", "lists 'full' twice"},
        {GOOD.replace("[{name: test-random}]", "[]"), 4, "searchers", "must list at least one searcher"},
        {GOOD.replace("{name: test-random}", "{label: mine}"), 4, "searchers[0].name", "is missing"},
        {GOOD.replace("{name: test-random}", "{name: test-random, label: \"\"}"), 4, "searchers[0].label", "is empty"},
        {GOOD.replace("{name: test-random}", "{name: test-random}, {name: test-random}"), 4, "searchers[1].label",
            "'test-random' is used twice"},
        {GOOD.replace("budget: {queries: 10}", "budget:"), 5, "budget", "needs exactly one of 'queries' or 'seconds'"},
        {GOOD.replace("{queries: 10}", "{queries: 10, seconds: 5}"), 5, "budget", "needs exactly one"},
        {GOOD.replace("queries: 10", "queries: 0"), 5, "budget.queries", "must be positive, got 0"},
        {GOOD.replace("queries: 10", "queries: 1000001"), 5, "budget.queries", "above the limit of 1000000"},
        {GOOD.replace("{queries: 10}", "{seconds: -5}"), 5, "budget.seconds", "must be a positive number"},
        {GOOD.replace("{queries: 10}", "{seconds: {smooth: lots}}"), 5, "budget.seconds", "got 'lots' for smooth"},
        {GOOD.replace("seeds: 2", "seeds: 0"), 6, "seeds", "must be a positive number of seeds, got 0"},
        {GOOD.replace("seeds: 2", "seeds: 2.5"), 6, "seeds", "must be a whole number, got 2.5"},
        {GOOD.replace("seeds: 2", "seeds: 50000001"), 6, "seeds", "above the limit of 50,000,000 per experiment"},
        {GOOD + "first_seed: -1\n", 7, "first_seed", "must be >= 0, got -1"},
        {GOOD + "first_seed: 2147483647\n", 7, "first_seed", "go past the largest seed, 2147483647"},
        {GOOD + "noise_sd: -0.5\n", 7, "noise_sd", "must be >= 0"},
        {GOOD + "threads: 0\n", 7, "threads", "must be at least 1, got 0"},
        {GOOD + "stop_rule: never\n", 7, "stop_rule", "is 'never'; known: stop_before_overshoot, keep_overshoot"},
        {GOOD + "reported: best\n", 7, "reported", "known: test, signal"},
        {GOOD + "aggregation: median\n", 7, "aggregation", "known: seed_mean, single_run, sampled_seed"},
        {GOOD + "protocol: nb2001\n", 7, "protocol", "is 'nb2001'; known: nb201, nats, naslib"},
        {GOOD + "budgett: 3\n", 7, "budgett", "unknown field"},
    };
    for (Object[] c : cases) {
      assertRefused((String) c[0], (Integer) c[1], (String) c[2], (String) c[3]);
    }
  }

  @Test
  void unreadableFilesAreNamed() throws Exception {
    Path f = file(GOOD.replace("pools: [full]", "pools: [full"));
    NashException bad = assertThrows(NashException.class, () -> ConfigLoader.load(f));
    assertTrue(bad.getMessage().startsWith(f + " line ") && bad.getMessage().contains(", column "), bad.getMessage());
    NashException none = assertThrows(NashException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
    assertTrue(none.getMessage().contains("nope.yaml does not exist"), none.getMessage());
    for (String nothing : List.of("", "# only a comment\n")) {
      Path f2 = file(nothing);
      NashException empty = assertThrows(NashException.class, () -> ConfigLoader.load(f2));
      assertEquals(f2 + ": the config is empty", empty.getMessage());
    }
    // a config inside another file (a study) is named by its place there
    NashException tree = assertThrows(NashException.class, () -> ConfigLoader.fromTree(Map.of("benchmark", "synthetic",
        "datasets", List.of("smooth"), "searchers", List.of(Map.of("name", "test-random")), "budget", Map.of("queries", 0),
        "seeds", 1), "study.yaml: parts[1].experiment"));
    assertTrue(tree.getMessage().startsWith("study.yaml: parts[1].experiment: config field 'budget.queries' must be"
        + " positive"), tree.getMessage());
  }

  /** Moved from the searchers module's ResultsFolderTest: limits are refused before anything is planned. */
  @Test
  void limitsAreCheckedBeforeAnyWork() {
    String config = """
        benchmark: synthetic
        datasets: [smooth, rugged]
        pools: [full, "skip,c3x3"]
        searchers:
          - {name: test-random}
          - {name: test-sweep, params: {from: 10}}
        budget: {queries: 30}
        seeds: 3
        """;
    String[][] cases = {
        {config.replace("seeds: 3", "seeds: 2.5"), "config field 'seeds' must be a whole number, got 2.5"},
        {config.replace("seeds: 3", "seeds: 3\nfirst_seed: 2147483646"), "go past the largest seed, 2147483647"},
        {config.replace("seeds: 3", "seeds: 1000000000"), "'seeds' makes 8,000,000,000 trials"},
        {config.replace("seeds: 3", "seeds: 6250001"), "above the limit of 50,000,000 per experiment"},
        {config.replace("queries: 30", "queries: 1000000000"), "'budget.queries' is 1000000000, above the limit of 1000000"},
    };
    for (String[] c : cases) {
      long t0 = System.nanoTime();
      NashException e = assertThrows(NashException.class, () -> Synthetic.plan(c[0]));
      assertTrue(e.getMessage().contains(c[1]), c[1] + " <- " + e.getMessage());
      assertTrue(System.nanoTime() - t0 < 5e9, "refused at once: " + c[1]);
    }
    assertEquals(6_250_000L * 8, ConfigLoader.parse("""
        benchmark: nb201
        datasets: [a, b]
        pools: [full, skip]
        searchers: [{name: rs}, {name: re}]
        budget: {queries: 1}
        seeds: 6250000
        """, "max").trialCount());
  }

  @Test
  void presetsFillOnlyWhatTheConfigLeavesUnset() {
    Experiment nats = ConfigLoader.parse("""
        protocol: nats
        benchmark: nb201
        datasets: [cifar10, cifar100]
        searchers: [{name: re, params: {population: 20}}, {name: rs}]
        """, "nats.yaml");
    assertEquals(Optional.of("nats"), nats.protocol());
    assertEquals(500, nats.seeds());
    // per-dataset seconds: only the config's datasets
    assertEquals(new Experiment.Budget.Seconds(java.util.OptionalDouble.empty(), Map.of("cifar10", 20000.0,
        "cifar100", 40000.0)), nats.budget());
    assertEquals(Optional.of(Experiment.StopRule.KEEP_OVERSHOOT), nats.stopRule());
    assertEquals(Optional.of(Experiment.Aggregation.SAMPLED_SEED), nats.aggregation());
    assertEquals(Optional.of(Experiment.Reported.TEST), nats.reported());
    assertEquals(Optional.of("hp12"), nats.fidelity());
    assertEquals(Map.of("population", 20, "sample", 3, "mutation", "node_then_edge", "sampler", "uniform"),
        nats.searchers().get(0).params(), "the config's population wins, the rest is filled in");
    assertEquals(Map.of("sampler", "uniform"), nats.searchers().get(1).params());

    Experiment mine = ConfigLoader.parse("""
        protocol: nats
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: rs}]
        budget: {seconds: 5000}
        stop_rule: stop_before_overshoot
        fidelity: hp200
        seeds: 7
        """, "mine.yaml");
    assertEquals(7, mine.seeds());
    assertEquals(5000, ((Experiment.Budget.Seconds) mine.budget()).of("cifar10"));
    assertEquals(Optional.of(Experiment.StopRule.STOP_BEFORE_OVERSHOOT), mine.stopRule());
    assertEquals(Optional.of("hp200"), mine.fidelity());

    // benchmark-specific values (fidelity, NB-201's budget) fill in only for their benchmark
    Experiment naslib = ConfigLoader.parse("""
        protocol: naslib
        benchmark: synthetic
        datasets: [smooth]
        searchers: [{name: test-random}]
        """, "naslib.yaml");
    assertEquals(new Experiment.Budget.Queries(150), naslib.budget());
    assertEquals(Optional.empty(), naslib.fidelity());
    assertEquals(Optional.of(Experiment.Reported.SIGNAL), naslib.reported());
    assertEquals(Map.of(), naslib.searchers().get(0).params(), "no preset parameters for test-random");
    NashException noBudget = assertThrows(NashException.class, () -> ConfigLoader.parse("""
        protocol: nb201
        benchmark: synthetic
        datasets: [smooth]
        searchers: [{name: test-random}]
        """, "nb201.yaml"));
    assertTrue(noBudget.getMessage().contains("config field 'budget' needs exactly one"), noBudget.getMessage());
  }

  @Test
  void differencesIgnoreNameTitleSeedsAndThreads() {
    Experiment a = ConfigLoader.parse(GOOD + "name: a\ntitle: First\n", "a.yaml");
    Experiment b = ConfigLoader.parse(GOOD.replace("seeds: 2", "seeds: 9") + "name: b\ntitle: Second\nthreads: 3\n",
        "b.yaml");
    assertNotEquals(a, b);
    assertEquals(List.of(), ConfigLoader.differences(a, b));
    assertEquals(a.identity(), b.identity());

    Experiment c = ConfigLoader.parse(GOOD.replace("[smooth]", "[smooth, rugged]") + "noise_sd: 0.5\n", "c.yaml");
    assertEquals(List.of("datasets (folder: [smooth], this config: [smooth, rugged])",
        "noise_sd (folder: 0.0, this config: 0.5)"), ConfigLoader.differences(a, c));
    // a whole number of seconds is one budget however it is written
    Experiment s1 = ConfigLoader.parse(GOOD.replace("{queries: 10}", "{seconds: 12000}"), "s1.yaml");
    Experiment s2 = ConfigLoader.parse(GOOD.replace("{queries: 10}", "{seconds: 12000.0}"), "s2.yaml");
    assertEquals(List.of(), ConfigLoader.differences(s1, s2));
    assertEquals(List.of("budget.queries (folder: 10, this config: none)", "budget.seconds (folder: none, this config:"
        + " 12000)"), ConfigLoader.differences(a, s1));
  }

  @Test
  void theSavedYamlReadsBackAsTheSameExperiment() {
    List<String> configs = List.of(GOOD, GOOD + "name: full\ntitle: Every field\noracle: table\noracle_params: {x: 1}\n"
        + "fidelity: high\naggregation: seed_mean\nallow_disconnected: false\nstop_rule: keep_overshoot\n"
        + "reported: signal\ncharge_repeats: false\nnoise_sd: 0.25\nfirst_seed: 5\ntrace: true\n",
        GOOD.replace("{queries: 10}", "{seconds: {smooth: 1500, rugged: 2500.5}}").replace("[smooth]", "[smooth, rugged]")
            .replace("{name: test-random}", "{name: test-random, label: r, params: {distinct: true}},"
                + " {name: test-sweep, params: {from: 3}}"),
        """
        protocol: nats
        benchmark: nb201
        datasets: [cifar10, cifar100]
        pools: [full, "skip,c3x3"]
        searchers: [{name: re, params: {population: 20}}, {name: rs}]
        """);
    for (String yaml : configs) {
      Experiment e = ConfigLoader.parse(yaml, "in.yaml");
      String saved = ConfigLoader.toYaml(e);
      assertEquals(e, ConfigLoader.parse(saved, "saved.yaml"), saved);
      assertEquals(saved, ConfigLoader.toYaml(ConfigLoader.parse(saved, "saved.yaml")), "a fixed point");
    }
    // threads never decide results and are not saved
    Experiment threaded = ConfigLoader.parse(GOOD + "threads: 4\n", "t.yaml");
    assertEquals(OptionalInt.of(4), threaded.threads());
    Experiment back = ConfigLoader.parse(ConfigLoader.toYaml(threaded), "saved.yaml");
    assertEquals(OptionalInt.empty(), back.threads());
    assertEquals(threaded.identity(), back.identity());
  }
}
