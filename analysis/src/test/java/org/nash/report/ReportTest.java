package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.analysis.compare.Trials;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.benchmark.Benchmarks;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** The report on hand-made trials of the real NB201 data version: bad input, completeness, determinism. */
class ReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static String version() {
    return Benchmarks.load("nb201", TestData.catalog()).version();
  }

  private static List<TrialResult> trials(String version, int seeds) {
    List<TrialResult> out = new ArrayList<>();
    for (String s : List.of("rs", "re")) {
      for (int i = 0; i < seeds; i++) {
        double v = 90 + (s.equals("re") ? 1 : 0) + (i % 5) * 0.2;
        out.add(Trials.trial(version, "cifar10", "full", s, i, new double[] {1, 100, v - 2, 7},
            new double[] {3 + i % 4, 300 + i, v, 6111}));
      }
    }
    return out;
  }

  private static void write(Path file, List<TrialResult> ts, String tail) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (TrialResult t : ts) {
      sb.append(JSON.writeValueAsString(t)).append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb + tail);
  }

  private static TreeMap<String, byte[]> snapshot(Path dir) throws Exception {
    TreeMap<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** A retraining run's trial: charged queries by origin as the runner records them for training oracles. */
  private static TrialResult trained(String version, String searcher, int seed, int table, int trained, int cached) {
    double v = 90 + seed * 0.1;
    TrialResult.Step first = new TrialResult.Step(1, 50, 7, v - 2, v - 2, 100 - v + 2, 100 - v + 2);
    TrialResult.Step last = new TrialResult.Step(table + trained + cached, 900, 6111, v, v, 100 - v, 100 - v);
    java.util.Map<String, Integer> sources = new java.util.LinkedHashMap<>();
    sources.put("table", table);
    sources.put("predicted", 0);
    sources.put("trained", trained);
    sources.put("cached", cached);
    return new TrialResult("cifar10/full/" + searcher + "/" + seed, "nb201", version, "cifar10", "full", searcher, seed,
        "retrain", table > 0 ? "mixed" : "trained", null, sources, "retrain(cifar10-valid/valid-acc@1)", null,
        "cifar10/test-acc@200", false, true, table + trained + cached, null, table + trained + cached, 0, 900, null,
        "budget", 100, 100, last, List.of(first, last), null);
  }

  @Test
  void aTrainingRunSaysWhereItsValuesCameFromAndThatItsSecondsAreReal() throws Exception {
    List<TrialResult> ts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ts.add(trained(version(), "rs", i, 0, 7, 3));
      ts.add(trained(version(), "re", i, 4, 5, 1));
    }
    write(dir.resolve(TrialsFile.NAME), ts, "");
    Report.write(dir, TestData.catalog());
    List<String[]> rows = Table.readCsv(dir.resolve("compare/sources.csv"));
    assertEquals(List.of("dataset", "pool", "searcher", "trials", "oracle", "table", "trained", "cached", "predicted",
        "seconds"), List.of(rows.get(0)));
    java.util.Map<String, List<String>> bySearcher = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(r -> bySearcher.put(r[2], List.of(r).subList(3, 10)));
    assertEquals(List.of("10", "retrain", "0", "70", "30", "0", "mixed"), bySearcher.get("rs"));
    assertEquals(List.of("10", "retrain", "40", "50", "10", "0", "mixed"), bySearcher.get("re"));
    String page = Files.readString(dir.resolve(Report.PAGE));
    assertTrue(page.contains("Where the values came from (oracle retrain)"), page);
    assertTrue(page.contains("<b>rs</b> 70 trained, 30 cached, 0 table") && page.contains("<b>re</b> 50 trained, 10"
        + " cached, 40 table"), page);
    assertTrue(page.contains("seconds are real (timed trainings) for trained and cached values and simulated for"
        + " table values"), page);
  }

  @Test
  void truncatedLastLineIsReportedAndTheCompleteLinesAreAnalysed() throws Exception {
    List<TrialResult> ts = trials(version(), 10);
    String cut = JSON.writeValueAsString(ts.get(0)).substring(0, 50);
    write(dir.resolve(TrialsFile.NAME), ts, cut);
    Report.Outcome o = Report.write(dir, TestData.catalog());
    assertEquals(1, o.warnings().size());
    assertTrue(o.warnings().get(0).contains(TrialsFile.NAME + ":21: last line is incomplete"), o.warnings().get(0));
    assertEquals(20, o.experiments().get(0).trialCount());
    List<String[]> fin = Table.readCsv(dir.resolve("compare/final.csv"));
    assertEquals("10", fin.get(1)[3]);
    String html = Files.readString(dir.resolve(Report.PAGE));
    assertTrue(html.contains(":21: last line is incomplete"));
  }

  @Test
  void everyAnalysisIsRegisteredAndShownAndARerunGivesTheSameBytes() throws Exception {
    write(dir.resolve("exp").resolve(TrialsFile.NAME), trials(version(), 12), "");
    Report.Outcome o = Report.write(dir, TestData.catalog());
    List<Artifacts.Entry> entries = Artifacts.read(dir.resolve("exp"));
    assertEquals(o.entries(), entries.size());
    String html = Files.readString(dir.resolve(Report.PAGE));
    for (Artifacts.Entry e : entries) {
      assertTrue(Files.exists(dir.resolve("exp").resolve(e.path())), e.path());
      assertTrue(html.contains("data-path=\"exp/" + e.path() + "\""), e.path());
      assertTrue(html.contains(HtmlPage.esc(e.caption())), e.path());
      if (e.kind().equals("figure")) {
        assertTrue(Files.exists(dir.resolve("exp").resolve(e.path().replace(".png", ".svg"))), e.path());
      }
    }
    List<String> paths = entries.stream().map(Artifacts.Entry::path).toList();
    assertTrue(paths.containsAll(List.of("compare/final.csv", "compare/curves.csv", "compare/searchers-mwu.csv",
        "compare/pools-mwu.csv", "compare/curve-cifar10-queries-regret.png", "compare/curve-cifar10-seconds-reported.png",
        "reliability/reliability.csv", "reliability/power.png", "reliability/transfer.csv")), paths.toString());
    TreeMap<String, byte[]> first = snapshot(dir);
    Report.write(dir, TestData.catalog());
    TreeMap<String, byte[]> second = snapshot(dir);
    assertEquals(first.keySet(), second.keySet());
    for (String k : first.keySet()) {
      assertArrayEquals(first.get(k), second.get(k), k);
    }
  }

  @Test
  void anotherDataVersionIsRefusedAndNothingIsWritten() throws Exception {
    write(dir.resolve("a").resolve(TrialsFile.NAME), trials(version(), 3), "");
    write(dir.resolve("b").resolve(TrialsFile.NAME), trials("0123456789ab", 3), "");
    TreeMap<String, byte[]> before = snapshot(dir);
    NashException e = assertThrows(NashException.class, () -> Report.write(dir, TestData.catalog()));
    assertTrue(e.getMessage().contains("data version 0123456789ab") && e.getMessage().contains(version()),
        e.getMessage());
    assertEquals(before.keySet(), snapshot(dir).keySet());
  }

  @Test
  void mixedVersionsAreRefused() throws Exception {
    List<TrialResult> ts = trials(version(), 3);
    ts.addAll(trials("0123456789ab", 1));
    write(dir.resolve(TrialsFile.NAME), ts, "");
    NashException e = assertThrows(NashException.class, () -> Report.write(dir, TestData.catalog()));
    assertTrue(e.getMessage().contains("mixes trials of benchmark data versions"), e.getMessage());
    assertEquals(1, snapshot(dir).size());
  }

  @Test
  void anEmptyFolderIsRefused() {
    NashException e = assertThrows(NashException.class, () -> Report.write(dir, TestData.catalog()));
    assertTrue(e.getMessage().contains("nothing to report"), e.getMessage());
  }
}
