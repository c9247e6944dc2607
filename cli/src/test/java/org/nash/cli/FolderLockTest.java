package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** Two real processes on one results folder: the second is refused; a killed holder's lock is taken over. */
class FolderLockTest {
  @TempDir
  Path dir;

  private static final String CONFIG = """
      name: locked
      benchmark: nb201
      datasets: [cifar10, cifar100, ImageNet16-120]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, params: {population: 10, sample: 3}}
        - {name: ls}
      budget: {queries: 1000}
      trace: true
      seeds: 150
      """;

  @Test
  void aSecondRunIsRefusedAndAKilledRunsLockIsTakenOver() throws Exception {
    Path cfg = dir.resolve("locked.yaml");
    Files.writeString(cfg, CONFIG);
    Path out = dir.resolve("out");
    Path lockFile = out.resolve(".nash.lock");
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dnash.data=" + dir.resolve("cache"), Nash.class.getName(), "run", cfg.toString(), "--out", out.toString(),
        "--threads", "1", "--quiet")
        .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (holder.isAlive() && System.nanoTime() < deadline && !(Files.exists(lockFile)
          && Files.readString(lockFile, StandardCharsets.UTF_8).trim().equals(Long.toString(holder.pid())))) {
        Thread.sleep(20);
      }
      assertTrue(holder.isAlive(), "the first run ended early; log: " + Files.readString(dir.resolve("log.txt")));

      CliRunner.Result second = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
      assertTrue(holder.isAlive(), "the first run ended before the second tried; make the config longer");
      assertEquals(2, second.exit(), second.err());
      assertTrue(second.err().contains("is in use by another nash run (PID " + holder.pid() + ","), second.err());
    } finally {
      holder.destroyForcibly(); // SIGKILL: the OS drops its lock, its PID stays in the file
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(Long.toString(holder.pid()), Files.readString(lockFile).trim());

    Files.writeString(cfg, CONFIG.replace("seeds: 150", "seeds: 2"));
    CliRunner.Result third = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, third.exit(), third.err());
    assertTrue(third.err().contains("took over the lock of an earlier run (PID " + holder.pid() + ")"), third.err());
    assertEquals("", Files.readString(lockFile), "a run that ends normally leaves the lock file empty");
    List<TrialResult> all = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(all.size(), new HashSet<>(all.stream().map(TrialResult::key).toList()).size());
  }
}
