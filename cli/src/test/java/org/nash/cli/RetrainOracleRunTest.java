package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** {@code oracle: retrain} is reachable from {@code nash run}: a tiny network really trains on CPU. */
class RetrainOracleRunTest {
  @TempDir
  Path dir;

  @Test
  void runTrainsEveryQueriedCell() throws Exception {
    Path cfg = dir.resolve("retrain.yaml");
    Files.writeString(cfg, """
        name: retrain-tiny
        benchmark: nb201
        oracle: retrain
        oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 64, threads: 1}
        datasets: [cifar10]
        pools: ["skip,c3x3"]
        searchers: [{name: rs}]
        budget: {queries: 2}
        seeds: 1
        """);
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("TRAINED") || r.err().contains("TRAINED"), r.out() + r.err());
    List<TrialResult> trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(1, trials.size());
    TrialResult t = trials.get(0);
    assertEquals("retrain", t.oracle());
    assertEquals("trained", t.source());
    assertEquals(2, t.queries());
    assertTrue(t.seconds() > 0, "real training seconds are charged: " + t.seconds());
    double signal = t.last().signal();
    assertTrue(signal >= 0 && signal <= 100, "an accuracy in %: " + signal);
  }
}
