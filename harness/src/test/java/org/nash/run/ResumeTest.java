package org.nash.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.config.ConfigLoader;
import org.nash.plan.Plan;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.testing.RunMain;
import org.nash.testing.Synthetic;

/** A run killed with SIGKILL half way and rerun ends equal to an uninterrupted run (synthetic benchmark). */
class ResumeTest {
  @TempDir
  Path dir;

  private static final String CONFIG = """
      name: resume
      benchmark: synthetic
      datasets: [smooth, rugged]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-random, label: distinct, params: {distinct: true}}
        - {name: test-sweep}
      budget: {queries: 300}
      trace: true
      seeds: 40
      """;

  private Process start(Path cfg, Path out) throws Exception {
    return new ProcessBuilder(RunMain.command(cfg, out, 2, null)).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log.txt").toFile()).start();
  }

  /** {@code nash run CONFIG --out OUT} without the command line: plan the file, run into the folder. */
  private static ExperimentRunner.Outcome run(Path cfg, Path out) {
    try (Plan plan = Synthetic.plan(ConfigLoader.load(cfg))) {
      return ExperimentRunner.run(plan, out, 2, null);
    }
  }

  @Test
  void killedRunResumesToTheSameBytes() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, CONFIG);
    Path ref = dir.resolve("ref");
    run(cfg, ref);
    byte[] expected = Files.readAllBytes(ref.resolve(TrialsFile.NAME));
    int total = 2 * 2 * 3 * 40;

    Path out = dir.resolve("killed");
    Path trials = out.resolve(TrialsFile.NAME);
    Process p = start(cfg, out);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && System.nanoTime() < deadline
        && (!Files.exists(trials) || Files.size(trials) < expected.length / 3)) {
      Thread.sleep(5);
    }
    assertTrue(p.isAlive(), "the run finished before it could be killed; log: " + Files.readString(dir.resolve("log.txt")));
    p.destroyForcibly(); // SIGKILL on Linux
    p.waitFor(30, TimeUnit.SECONDS);
    long partial = Files.size(trials);
    assertTrue(partial > 0 && partial < expected.length, "killed half way: " + partial + " of " + expected.length);

    run(cfg, out);
    assertArrayEquals(expected, Files.readAllBytes(trials));
    List<TrialResult> all = TrialsFile.read(trials).trials();
    assertEquals(total, all.size());
    assertEquals(total, new HashSet<>(all.stream().map(TrialResult::key).toList()).size());

    ExperimentRunner.Outcome third = run(cfg, out);
    assertEquals(total, third.skipped(), "all already done");
    assertEquals(0, third.ran(), "none run now");
    assertArrayEquals(expected, Files.readAllBytes(trials));
  }

  @Test
  void truncatedLastLineIsRepairedOnResume() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, CONFIG.replace("seeds: 40", "seeds: 3"));
    Path out = dir.resolve("cut");
    run(cfg, out);
    Path trials = out.resolve(TrialsFile.NAME);
    byte[] full = Files.readAllBytes(trials);
    Files.write(trials, java.util.Arrays.copyOf(full, full.length - 40));
    TrialsFile.Contents c = TrialsFile.read(trials);
    assertTrue(c.problem().contains(":36: last line is incomplete"), c.problem());
    assertEquals(35, c.trials().size());
    ExperimentRunner.Outcome r = run(cfg, out);
    // the command line prints this note as "repaired: ..."
    assertTrue(r.repaired() != null && r.repaired().contains(":36: last line is incomplete"), r.repaired());
    assertArrayEquals(full, Files.readAllBytes(trials));
  }

  @Test
  void aDifferentExperimentInTheSameFolderIsRefused() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, CONFIG.replace("seeds: 40", "seeds: 2"));
    Path out = dir.resolve("x");
    run(cfg, out);
    Files.writeString(cfg, CONFIG.replace("seeds: 40", "seeds: 2").replace("queries: 300", "queries: 301"));
    NashException e = assertThrows(NashException.class, () -> run(cfg, out));
    assertTrue(e.getMessage().contains("holds a different experiment"), e.getMessage());
  }
}
