package org.nash.results;

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
import org.nash.config.Experiment;
import org.nash.plan.TrialGrid;
import org.nash.plan.TrialSpec;

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
    // architecture indices are written as the integers they are; signal and cost as numbers
    assertTrue(Files.readString(f).contains("\"trace\":[[0,90.0,12.5],[1,90.001,12.5],"), "trace indices as integers");
    assertEquals(19_999.0, TrialsFile.read(f).trials().get(1).trace().get(19_999)[0]);
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
    Experiment.SearcherSpec rs = new Experiment.SearcherSpec("rs");
    Experiment.SearcherSpec re = new Experiment.SearcherSpec("re", "rea", Map.of("population", 10));
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

  @Test
  void theStreamingReaderFollowsDatabindOnOddButValidLines() throws Exception {
    // A NaN written by Jackson (as a string), unknown fields, nulls, reordered fields, a trace.
    String line = "{\"zzz\":{\"a\":[1,2]},\"seed\":3,\"key\":\"d/full/rs/3\",\"benchmark\":\"nb201\",\"version\":\"v\","
        + "\"dataset\":\"d\",\"pool\":\"full\",\"searcher\":\"rs\",\"oracle\":\"table\",\"source\":null,"
        + "\"sources\":{\"table\":3,\"trained\":1},\"signal\":\"s\",\"reported\":\"r\",\"stop\":\"budget\","
        + "\"budget_queries\":null,\"budget_seconds\":12,\"queries\":4,\"repeats\":1,\"seconds\":\"NaN\","
        + "\"optimum\":1e2,\"optimum_pool\":99.5,\"final\":{\"query\":2,\"seconds\":1.5,\"arch\":7,\"signal\":\"NaN\","
        + "\"reported\":-1.25E-3,\"regret\":0,\"regret_pool\":0.5},\"steps\":[{\"query\":1,\"seconds\":0.5,\"arch\":3,"
        + "\"signal\":1,\"reported\":2,\"regret\":3,\"regret_pool\":4,\"new\":[]},{\"regret_pool\":0.5,\"query\":2,"
        + "\"seconds\":1.5,\"arch\":7,\"reported\":-1.25E-3,\"regret\":0}],\"trace\":[[1,2,3],[4,5,6]]}\n";
    Path f = dir.resolve(TrialsFile.NAME);
    Files.writeString(f, line + line, StandardCharsets.UTF_8);
    TrialResult full = TrialsFile.read(f).trials().get(0);
    List<TrialResult> heads = new ArrayList<>();
    List<Double> regrets = new ArrayList<>();
    TrialsFile.stream(f, true, null, (l, head, steps) -> {
      heads.add(head);
      for (int k = 0; k < steps.size(); k++) {
        regrets.add(steps.regretPool(k));
      }
    });
    assertEquals(2, heads.size());
    TrialResult h = heads.get(0);
    assertEquals(new TrialResult(full.key(), full.benchmark(), full.version(), full.dataset(), full.pool(),
        full.searcher(), full.seed(), full.oracle(), full.source(), full.protocol(), full.sources(), full.signal(),
        full.aggregation(), full.reported(), full.costEstimated(), full.chargeRepeats(), full.budgetQueries(),
        full.budgetSeconds(), full.queries(), full.repeats(), full.seconds(), full.stopRule(), full.stop(),
        full.optimum(), full.optimumPool(), full.last(), null, null), h);
    assertTrue(Double.isNaN(h.seconds()) && Double.isNaN(h.last().signal()));
    assertEquals(Map.of("table", 3, "trained", 1), h.sources());
    assertEquals(List.of(4.0, 0.5, 4.0, 0.5), regrets);
  }

  @Test
  void theStreamingReaderNamesTheLineOfABadRecord() throws Exception {
    String good = TrialsFile.toLine(trial(0, 0));
    Path f = dir.resolve(TrialsFile.NAME);
    Files.writeString(f, good + good.replace("\"queries\":1", "\"queries\":\"many\"") + good, StandardCharsets.UTF_8);
    NashException e = assertThrows(NashException.class, () -> TrialsFile.stream(f, true, null, (l, h, s) -> { }));
    assertTrue(e.getMessage().contains(TrialsFile.NAME + ":2: not a valid trial record")
        && e.getMessage().contains("'queries'"), e.getMessage());
    Files.writeString(f, good + good.replace("\"steps\"", "\"stepz\"") + good, StandardCharsets.UTF_8);
    e = assertThrows(NashException.class, () -> TrialsFile.stream(f, false, null, (l, h, s) -> { }));
    assertTrue(e.getMessage().contains(":2: not a trial record: missing field(s) steps"), e.getMessage());
    // A cut last line is skipped and reported, as by the databind reader.
    Files.writeString(f, good + good.substring(0, 40), StandardCharsets.UTF_8);
    int[] n = {0};
    TrialsFile.Tail t = TrialsFile.stream(f, true, null, (l, h, s) -> n[0]++);
    assertEquals(1, n[0]);
    assertTrue(t.problem().contains(":2: last line is incomplete"), t.problem());
  }

  /**
   * A huge tail without a newline (a run killed mid-line, or garbage) in a JVM whose heap is far
   * smaller than the tail: the resume cuts it off, reading it in bounded chunks, and completes the run.
   * The line cap is lowered to 1 MiB and the heap to 48 MB; the tail is 200 MB, so holding it (as the
   * reader did before) fails with an OutOfMemoryError.
   */
  @Test
  void aTailFarLargerThanTheHeapIsCutOffByAResume() throws Exception {
    Path cfg = dir.resolve("tail.yaml");
    Files.writeString(cfg, """
        name: tail
        benchmark: synthetic
        datasets: [smooth]
        pools: [full]
        searchers: [{name: test-random}]
        budget: {queries: 20}
        seeds: 6
        """);
    Path out = dir.resolve("out");
    Path log = dir.resolve("log.txt");
    List<String> cmd = new ArrayList<>(org.nash.testing.RunMain.command(cfg, out, 1, null));
    assertEquals(0, new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor(),
        Files.readString(log));
    Path f = out.resolve(TrialsFile.NAME);
    byte[] whole = Files.readAllBytes(f);
    List<String> lines = Files.readAllLines(f);
    // Keep 4 trials, then 200 MB without a newline.
    Files.writeString(f, String.join("\n", lines.subList(0, 4)) + "\n");
    byte[] junk = new byte[1 << 20];
    java.util.Arrays.fill(junk, (byte) 'x');
    try (var o = Files.newOutputStream(f, java.nio.file.StandardOpenOption.APPEND)) {
      o.write("{\"key\":\"smooth/full/test-random/4\",".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 200; i++) {
        o.write(junk);
      }
    }
    cmd.addAll(1, List.of("-Xmx48m", "-Dnash.trials.max-line-bytes=" + (1 << 20)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertEquals(0, p.waitFor(), Files.readString(log));
    assertTrue(Files.readString(log).contains("6 trials (4 already done, 2 run now)"), Files.readString(log));
    assertEquals(new String(whole, StandardCharsets.UTF_8), Files.readString(f), "repaired: the file of one run");

    // A complete line over the cap is an error naming the file, not a record.
    Files.writeString(f, "y".repeat(3 << 20) + "\n");
    p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor() != 0);
    assertTrue(Files.readString(log).contains(f + ": the line at byte 0 is 3145728 bytes long, more than the 1 MiB"),
        Files.readString(log));
  }
}
