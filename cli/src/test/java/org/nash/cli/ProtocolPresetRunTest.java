package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** Each protocol preset end to end through {@code nash run} on NB-201 CIFAR-10, a few seeds. */
class ProtocolPresetRunTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({
      "nb201, cifar10-valid/valid-acc@12, cifar10/test-acc@200, stop_before_overshoot, 'seed_mean (sampled_seed asked', 12000",
      "nats, cifar10-valid/valid-acc@12, cifar10/test-acc@200, keep_overshoot, 'seed_mean (sampled_seed asked', 20000",
      "naslib, cifar10-valid/valid-acc-single@200, cifar10-valid/valid-acc-single@200, stop_before_overshoot, single_run, 0"})
  void presetRunsEndToEnd(String protocol, String signal, String reported, String stopRule, String aggregation,
      int seconds) throws Exception {
    Path cfg = dir.resolve(protocol + ".yaml");
    Files.writeString(cfg, """
        name: preset
        protocol: %s
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: rs}, {name: re}, {name: ls}]
        seeds: 4
        """.formatted(protocol));
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("aggregation " + aggregation), r.err());
    assertTrue(r.err().contains("(protocol " + protocol + ")"), r.err());
    String saved = Files.readString(out.resolve("config.yaml"));
    assertTrue(saved.contains("protocol: " + protocol) && saved.contains("stop_rule: " + stopRule), saved);
    List<TrialResult> trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(12, trials.size());
    for (TrialResult t : trials) {
      assertEquals(protocol, t.protocol());
      assertEquals(signal, t.signal());
      assertEquals(reported, t.reported());
      assertEquals(stopRule, t.stopRule());
      assertTrue(t.aggregation().startsWith(aggregation), t.aggregation());
      if (seconds > 0) {
        assertEquals(seconds, t.budgetSeconds(), 0);
        assertTrue(stopRule.equals("keep_overshoot") ? t.seconds() > seconds : t.seconds() <= seconds);
      } else {
        assertEquals(150, t.budgetQueries());
        assertEquals(150, t.queries());
      }
      assertEquals(t.last().signal() == t.last().reported(), protocol.equals("naslib"));
    }
    // the resolved config resumes: nothing left to run
    CliRunner.Result again = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("12 already done, 0 run now") || again.err().contains("12 already done, 0 run now"),
        again.out() + again.err());
  }
}
