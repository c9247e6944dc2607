package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input: one clear message, a non-zero exit, and nothing in the results folder. */
class BadConfigTest {
  @TempDir
  Path dir;

  private static final String GOOD = """
      benchmark: nb201
      datasets: [cifar10]
      pools: [full]
      searchers: [{name: rs}]
      budget: {queries: 10}
      seeds: 2
      """;

  private CliRunner.Result run(String yaml) throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, yaml);
    return CliRunner.run("run", cfg.toString(), "--out", dir.resolve("out").toString(), "--quiet");
  }

  private void assertRefused(String yaml, String... fragments) throws Exception {
    CliRunner.Result r = run(yaml);
    assertEquals(2, r.exit(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing may be written on bad input");
  }

  @Test
  void goodConfigRuns() throws Exception {
    CliRunner.Result r = run(GOOD);
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.exists(dir.resolve("out").resolve("summary.csv")));
  }

  @Test
  void unknownSearcherListsTheKnownOnes() throws Exception {
    assertRefused(GOOD.replace("name: rs", "name: bananas-x"), "unknown searcher 'bananas-x'", "known: bananas, external, list, ls, re, rs");
  }

  @Test
  void oracleWithInlineParametersPointsToOracleParams() throws Exception {
    assertRefused(GOOD + "oracle: {name: retrain, params: {epochs: 1}}\n", "line 7", "config field 'oracle' must be a name",
        "'oracle_params'");
  }

  @Test
  void unknownDataset() throws Exception {
    assertRefused(GOOD.replace("[cifar10]", "[cifar11]"), "unknown dataset or task 'cifar11'", "ImageNet16-120");
  }

  @Test
  void emptyPool() throws Exception {
    assertRefused(GOOD.replace("[full]", "[\"\"]"), "pool", "empty");
  }

  @Test
  void zeroAndNegativeBudgets() throws Exception {
    assertRefused(GOOD.replace("queries: 10", "queries: 0"), "budget.queries", "positive");
    assertRefused(GOOD.replace("{queries: 10}", "{seconds: -5}"), "budget.seconds", "positive");
  }

  @Test
  void malformedYamlNamesLineAndColumn() throws Exception {
    assertRefused(GOOD.replace("pools: [full]", "pools: [full"), "c.yaml line ", "column ");
    assertRefused(GOOD + "budgett: 3\n", "line 7", "unknown field 'budgett'");
  }

  @Test
  void unknownSearcherParameter() throws Exception {
    assertRefused(GOOD.replace("{name: rs}", "{name: re, params: {populaton: 5}}"), "unknown parameter", "populaton");
  }

  @Test
  void timeBudgetOnABenchmarkWithoutTimes() throws Exception {
    assertRefused("""
        benchmark: tnb-micro
        datasets: [jigsaw]
        searchers: [{name: rs}]
        budget: {seconds: 1000}
        seeds: 1
        """, "needs recorded costs");
  }

  @Test
  void missingConfigFile() {
    CliRunner.Result r = CliRunner.run("run", dir.resolve("nope.yaml").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void emptyFieldsAreNamedWithTheirLine() throws Exception {
    assertRefused(GOOD + "oracle:\n", "c.yaml line 7", "config field 'oracle' is empty");
    assertRefused(GOOD.replace("budget: {queries: 10}", "budget:"), "line 5", "config field 'budget' needs exactly one");
    assertRefused(GOOD.replace("searchers: [{name: rs}]", "searchers: []"), "line 4",
        "config field 'searchers' must list at least one searcher");
    assertRefused(GOOD.replace("[full]", "[\"\"]"), "line 3", "config field 'pools[0]' is empty");
    assertRefused(GOOD.replace("{name: rs}", "{label: mine}"), "config field 'searchers[0].name' is missing");
    assertRefused(GOOD.replace("datasets: [cifar10]", "datasets:"), "line 2", "config field 'datasets' must list");
    assertRefused(GOOD + "stop_rule: never\n", "line 7", "config field 'stop_rule' is 'never'", "keep_overshoot");
    assertRefused(GOOD + "protocol: nb2001\n", "config field 'protocol' is 'nb2001'", "known: nb201, nats, naslib");
  }

  @Test
  void aFailingPluginIsAnInternalErrorThatNamesIt() throws Exception {
    Path jar = PluginJars.build(dir, "buggy", java.util.Map.of("org/x/Buggy.java", """
        package org.x;
        import java.util.Optional;
        import org.nash.plugin.Params;
        import org.nash.search.*;
        import org.nash.space.Arch;
        public final class Buggy implements SearcherProvider {
          public String name() { return "buggy"; }
          public String description() { return "fails on its third ask"; }
          public SearcherFactory configure(Params p) {
            return (domain, rng, budget) -> new Searcher() {
              int asked;
              public Optional<Arch> ask() {
                if (++asked == 3) {
                  throw new IllegalStateException("off by one");
                }
                return Optional.of(domain.sample(rng));
              }
              public void tell(Arch a, double signal, double cost) {}
            };
          }
        }
        """), java.util.Map.of("org.nash.search.SearcherProvider", "org.x.Buggy"));
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, GOOD.replace("name: rs", "name: buggy"));
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", dir.resolve("out").toString(), "--quiet",
        "--plugin", jar.toString());
    assertEquals(3, r.exit(), r.err());
    assertTrue(r.err().contains("internal error in a plugin: searcher 'buggy' (org.x.Buggy"), r.err());
    assertTrue(r.err().contains("buggy.jar"), "names the jar: " + r.err());
    assertTrue(r.err().contains("off by one") && r.err().contains("in ask() (trial cifar10/full/buggy/0)"), r.err());
    assertTrue(r.err().contains("--debug"), r.err());
    assertFalse(r.err().contains("\tat "), "the stack trace only with --debug: " + r.err());
    // the run failed in its first trial: the folder is left as it was (no config.yaml, no run.json)
    assertFalse(Files.exists(dir.resolve("out").resolve("run.json")) || Files.exists(dir.resolve("out").resolve("config.yaml")));
  }
}
