package org.nash.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.plan.Shard;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.testing.Synthetic;

/**
 * The summary a run accumulates while it reads its folder and writes its trials (issue 26) is the
 * same bytes as the summary of its trials file read again: for a fresh run, a resumed one (a cut
 * last line), one extended with seeds, one asking for fewer seeds than the folder holds and a file
 * with a repeated record. A shard collects nothing (its merge summarises).
 */
class AccumulatedSummaryTest {
  @TempDir
  Path dir;

  private static String config(int seeds) {
    return """
        name: accumulated
        benchmark: synthetic
        datasets: [smooth, rugged]
        fidelity: low
        pools: [full, "skip,c3x3"]
        searchers:
          - {name: test-random}
          - {name: test-sweep, params: {from: 7}}
        budget: {seconds: {smooth: 1500, rugged: 4000}}
        seeds: %d
        """.formatted(seeds);
  }

  /** Runs into {@code out} and checks the accumulated summary against a re-read of the file. */
  private void runAndCompare(int seeds, Path out, int threads) throws Exception {
    ExperimentRunner.Outcome o = ExperimentRunner.run(Synthetic.plan(config(seeds)), out, threads, null);
    assertNotNull(o.summary());
    List<Summary.Row> accumulated = Summary.of(o.summary());
    List<Summary.Row> reread = Summary.of(out.resolve(TrialsFile.NAME));
    assertEquals(reread, accumulated, seeds + " seeds");
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Summary.write(accumulated, a);
    Summary.write(reread, b);
    for (String f : List.of("summary.csv", "summary.json")) {
      assertEquals(Files.readString(b.resolve(f)), Files.readString(a.resolve(f)), f + " after " + seeds + " seeds");
    }
  }

  @Test
  void accumulatedSummaryEqualsTheFileReadAgain() throws Exception {
    Path out = dir.resolve("run");
    runAndCompare(4, out, 2);
    // interrupted: the last line cut short (and repaired by the next run)
    Path trials = out.resolve(TrialsFile.NAME);
    byte[] bytes = Files.readAllBytes(trials);
    Files.write(trials, java.util.Arrays.copyOf(bytes, bytes.length - 25));
    runAndCompare(4, out, 1);
    runAndCompare(9, out, 2); // extended
    runAndCompare(3, out, 2); // the folder holds more seeds than asked for: the summary has them all
    // a repeated record counts once
    String third = Files.readAllLines(trials).get(2);
    Files.writeString(trials, third + "\n", StandardOpenOption.APPEND);
    runAndCompare(9, out, 2);
  }

  @Test
  void aShardCollectsNothing() {
    ExperimentRunner.Outcome o = ExperimentRunner.runShard(Synthetic.plan(config(4)), dir.resolve("sharded"),
        new Shard(1, 3), 1, null);
    assertNull(o.summary());
  }
}
