package org.nash.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;

/** Streaming reads of trials.jsonl: lines longer than the read buffer, cut tails, bad lines. */
class TrialsFileTest {
  @TempDir
  Path dir;

  static TrialResult trial(int seed, int traceLength) {
    List<double[]> trace = new ArrayList<>();
    for (int i = 0; i < traceLength; i++) {
      trace.add(new double[] {i, 90.0 + i * 1e-3, 12.5});
    }
    TrialResult.Step s = new TrialResult.Step(1, 12.5, 7, 90, 93, 1.37, 0.5);
    return new TrialResult("cifar10/full/rs/" + seed, "nb201", "v1", "cifar10", "full", "rs", seed, "table", "table",
        "cifar10-valid/valid-acc@12", "cifar10/test-acc@200", false, true, 100, null, 1, 0, 12.5, "budget",
        94.37, 94.37, s, List.of(s), traceLength == 0 ? null : trace);
  }

  private Path write(String tail, TrialResult... ts) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (TrialResult t : ts) {
      sb.append(TrialsFile.toLine(t));
    }
    Path f = dir.resolve(TrialsFile.NAME);
    Files.writeString(f, sb + tail, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void linesLongerThanTheBufferAreReadWhole() throws Exception {
    // 20,000 trace entries make a line of several hundred KB, far above the 64 KB read buffer.
    Path f = write("", trial(0, 3), trial(1, 20_000), trial(2, 0), trial(3, 20_000));
    List<Long> lines = new ArrayList<>();
    List<Integer> seeds = new ArrayList<>();
    TrialsFile.Tail t = TrialsFile.scan(f, (line, r) -> {
      lines.add(line);
      seeds.add(r.seed());
    });
    assertNull(t.problem());
    assertEquals(Files.size(f), t.validBytes());
    assertEquals(List.of(1L, 2L, 3L, 4L), lines);
    assertEquals(List.of(0, 1, 2, 3), seeds);
    assertEquals(20_000, TrialsFile.read(f).trials().get(1).trace().size());
  }

  @Test
  void aCutLastLineIsReportedWithItsLineNumberAndTheValidLength() throws Exception {
    String cut = TrialsFile.toLine(trial(9, 20_000));
    Path f = write(cut.substring(0, cut.length() / 2), trial(0, 0), trial(1, 20_000));
    long whole = TrialsFile.toLine(trial(0, 0)).length() + TrialsFile.toLine(trial(1, 20_000)).length();
    TrialsFile.Contents c = TrialsFile.read(f);
    assertEquals(2, c.trials().size());
    assertEquals(whole, c.validBytes());
    assertTrue(c.problem().contains(":3: last line is incomplete"), c.problem());
  }

  @Test
  void anUnparsableLineBeforeTheLastIsAnError() throws Exception {
    Path f = write("{\"key\": oops\n" + TrialsFile.toLine(trial(5, 0)), trial(0, 0));
    NashException e = assertThrows(NashException.class, () -> TrialsFile.read(f));
    assertTrue(e.getMessage().contains(TrialsFile.NAME + ":2: not a valid trial record"), e.getMessage());
  }

  @Test
  void aMissingFileIsEmpty() {
    TrialsFile.Tail t = TrialsFile.scan(dir.resolve("none.jsonl"), (l, r) -> {
      throw new AssertionError();
    });
    assertEquals(0, t.validBytes());
  }

  @Test
  void gridIndicesRoundTripWithoutMaterialisingTrials() {
    ExperimentConfig.SearcherSpec rs = new ExperimentConfig.SearcherSpec();
    rs.name = "rs";
    ExperimentConfig.SearcherSpec re = new ExperimentConfig.SearcherSpec();
    re.name = "re";
    re.label = "rea";
    re.params = Map.of("population", 10);
    TrialGrid g = new TrialGrid(List.of("a", "b"), List.of("full", "skip+c3x3", "c1x1"), List.of(rs, re), 5, 7, 0,
        new double[] {10, 20});
    assertEquals(2 * 3 * 2 * 7, g.size());
    for (int i = 0; i < g.size(); i++) {
      TrialSpec t = g.get(i);
      assertEquals(i, g.indexOf(t.dataset(), t.pool(), t.searcherLabel(), t.seed()));
      assertEquals(t.dataset().equals("a") ? 10 : 20, t.maxSeconds());
      assertEquals(g.cell(i), (t.dataset().equals("a") ? 0 : 3) + List.of("full", "skip+c3x3", "c1x1").indexOf(t.pool()));
    }
    assertEquals("a/full/rs/5", g.get(0).key());
    assertEquals(-1, g.indexOf("a", "full", "rs", 4));
    assertEquals(-1, g.indexOf("c", "full", "rs", 5));
    assertTrue(g.indexOf("a", "full", "rs", 12) >= g.size(), "a later seed is past the grid");
  }
}
