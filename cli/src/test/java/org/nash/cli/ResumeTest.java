package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** A run killed with SIGKILL half way and rerun ends equal to an uninterrupted run. */
class ResumeTest {
  @TempDir
  Path dir;

  private static final String CONFIG = """
      name: resume
      benchmark: nb201
      datasets: [cifar10, ImageNet16-120]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, params: {population: 10, sample: 3}}
        - {name: ls}
      budget: {queries: 300}
      trace: true
      seeds: 40
      """;

  private Process start(Path cfg, Path out) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dnash.data=" + dir.resolve("cache"), Nash.class.getName(), "run", cfg.toString(), "--out", out.toString(),
        "--threads", "2", "--quiet"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
  }

  @Test
  void killedRunResumesToTheSameBytes() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, CONFIG);
    Path ref = dir.resolve("ref");
    assertEquals(0, CliRunner.run("run", cfg.toString(), "--out", ref.toString(), "--quiet").exit());
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

    CliRunner.Result again = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, again.exit(), again.err());
    assertArrayEquals(expected, Files.readAllBytes(trials));
    List<TrialResult> all = TrialsFile.read(trials).trials();
    assertEquals(total, all.size());
    assertEquals(total, new HashSet<>(all.stream().map(TrialResult::key).toList()).size());

    CliRunner.Result third = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, third.exit());
    assertTrue(third.out().contains(total + " already done, 0 run now"), third.out());
    assertArrayEquals(expected, Files.readAllBytes(trials));
  }

  @Test
  void truncatedLastLineIsRepairedOnResume() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, CONFIG.replace("seeds: 40", "seeds: 3"));
    Path out = dir.resolve("cut");
    assertEquals(0, CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet").exit());
    Path trials = out.resolve(TrialsFile.NAME);
    byte[] full = Files.readAllBytes(trials);
    Files.write(trials, java.util.Arrays.copyOf(full, full.length - 40));
    TrialsFile.Contents c = TrialsFile.read(trials);
    assertTrue(c.problem().contains(":36: last line is incomplete"), c.problem());
    assertEquals(35, c.trials().size());
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("repaired"), r.err());
    assertArrayEquals(full, Files.readAllBytes(trials));
  }

  @Test
  void aDifferentExperimentInTheSameFolderIsRefused() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, CONFIG.replace("seeds: 40", "seeds: 2"));
    Path out = dir.resolve("x");
    assertEquals(0, CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet").exit());
    Files.writeString(cfg, CONFIG.replace("seeds: 40", "seeds: 2").replace("queries: 300", "queries: 301"));
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("holds a different experiment"), r.err());
  }
}
