package org.nash.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
import org.nash.run.ExperimentRunner;
import org.nash.testing.RunMain;
import org.nash.testing.Synthetic;

/** Two real processes on one results folder: the second is refused; a killed holder's lock is taken over. */
class FolderLockTest {
  @TempDir
  Path dir;

  private static final String CONFIG = """
      name: locked
      benchmark: synthetic
      datasets: [smooth, rugged, untimed]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-random, label: distinct, params: {distinct: true}}
        - {name: test-sweep}
      budget: {queries: 1000}
      trace: true
      seeds: 150
      """;

  private static ExperimentRunner.Outcome run(Path cfg, Path out) {
    try (Plan plan = Synthetic.plan(ConfigLoader.load(cfg))) {
      return ExperimentRunner.run(plan, out, 2, null);
    }
  }

  @Test
  void aSecondRunIsRefusedAndAKilledRunsLockIsTakenOver() throws Exception {
    Path cfg = dir.resolve("locked.yaml");
    Files.writeString(cfg, CONFIG);
    Path out = dir.resolve("out");
    Path lockFile = out.resolve(".nash.lock");
    Process holder = new ProcessBuilder(RunMain.command(cfg, out, 1, null))
        .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (holder.isAlive() && System.nanoTime() < deadline && !(Files.exists(lockFile)
          && Files.readString(lockFile, StandardCharsets.UTF_8).trim().equals(Long.toString(holder.pid())))) {
        Thread.sleep(20);
      }
      assertTrue(holder.isAlive(), "the first run ended early; log: " + Files.readString(dir.resolve("log.txt")));

      NashException second = assertThrows(NashException.class, () -> run(cfg, out));
      assertTrue(holder.isAlive(), "the first run ended before the second tried; make the config longer");
      assertTrue(second.getMessage().contains("is in use by another nash run (PID " + holder.pid() + ","),
          second.getMessage());
    } finally {
      holder.destroyForcibly(); // SIGKILL: the OS drops its lock, its PID stays in the file
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(Long.toString(holder.pid()), Files.readString(lockFile).trim());

    Files.writeString(cfg, CONFIG.replace("seeds: 150", "seeds: 2"));
    ExperimentRunner.Outcome third = run(cfg, out);
    assertTrue(third.repaired() != null
        && third.repaired().contains("took over the lock of an earlier run (PID " + holder.pid() + ")"), third.repaired());
    assertEquals("", Files.readString(lockFile), "a run that ends normally leaves the lock file empty");
    List<TrialResult> all = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(all.size(), new HashSet<>(all.stream().map(TrialResult::key).toList()).size());
  }

  @Test
  void aLockFileThatIsASymbolicLinkIsRefusedAndItsTargetKept() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Path precious = dir.resolve("thesis.tex");
    Files.writeString(precious, "three years of work\n");
    Files.createSymbolicLink(out.resolve(FolderLock.NAME), precious);
    NashException e = assertThrows(NashException.class, () -> FolderLock.acquire(out));
    assertTrue(e.getMessage().contains(out.resolve(FolderLock.NAME) + " is a symbolic link -> " + precious), e.getMessage());
    assertEquals("three years of work\n", Files.readString(precious));
    assertEquals(null, FolderLock.holder(out));
    assertEquals("three years of work\n", Files.readString(precious));
    // A dangling link is refused too (creating through it would make a file elsewhere).
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.createSymbolicLink(other.resolve(FolderLock.NAME), dir.resolve("nowhere"));
    assertThrows(NashException.class, () -> FolderLock.acquire(other));
    assertTrue(Files.notExists(dir.resolve("nowhere")));
  }
}
