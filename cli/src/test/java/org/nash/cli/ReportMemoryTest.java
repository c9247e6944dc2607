package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.benchmark.Benchmarks;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * {@code nash report} holds a few numbers per trial, never the trials: 24,000 trials with 40 steps
 * each (a 165 MB trials.jsonl) are analysed in a 48 MB heap, where reading them into memory (as the
 * report did before it streamed) runs out of it.
 */
class ReportMemoryTest {
  @TempDir
  Path dir;

  @Test
  void aLargeStudyIsReportedInASmallHeap() throws Exception {
    String version = Benchmarks.load("nb201", TestData.catalog()).version();
    Path out = dir.resolve("study");
    Files.createDirectories(out);
    SplittableRandom rng = new SplittableRandom(3);
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve(TrialsFile.NAME), StandardCharsets.UTF_8)) {
      for (String s : new String[] {"rs", "re"}) {
        for (int seed = 0; seed < 12_000; seed++) {
          List<TrialResult.Step> steps = new ArrayList<>();
          double best = 85;
          for (int k = 0; k < 40; k++) {
            best += rng.nextDouble() * (s.equals("re") ? 0.25 : 0.2);
            steps.add(new TrialResult.Step(1 + 4 * k, 120.5 * (1 + 4 * k), rng.nextInt(15625), best - 8, best,
                94.37 - best, 94.37 - best));
          }
          w.write(TrialsFile.JSON.writeValueAsString(new TrialResult("cifar10/full/" + s + "/" + seed, "nb201", version,
              "cifar10", "full", s, seed, "table", "table", "cifar10-valid/valid-acc@12", "cifar10/test-acc@200", false,
              true, null, 20000.0, 170, 3, 19990.5, "budget", 94.37, 94.37, steps.get(39), steps, null)));
          w.write('\n');
        }
      }
    }
    assertTrue(Files.size(out.resolve(TrialsFile.NAME)) > 150_000_000L);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dnash.data=" + dir.resolve("cache"), Nash.class.getName(), "report", out.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "nash report did not end");
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("24000 trials analysed"), log);
    assertTrue(Files.exists(out.resolve("compare").resolve("curves.csv")), log);
  }
}
