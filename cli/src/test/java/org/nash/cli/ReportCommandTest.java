package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.report.Report;
import org.nash.run.TrialsFile;

/** {@code nash report} on a real (small) NB201 run: the page, a cut trials file, another data version. */
class ReportCommandTest {
  @TempDir
  static Path shared;
  static Path run;

  private static final String CONFIG = """
      name: report-test
      benchmark: nb201
      datasets: [cifar10, ImageNet16-120]
      pools: [full, "skip,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, label: rea, params: {population: 10, sample: 3}}
      budget: {queries: 60}
      seeds: 8
      """;

  @BeforeAll
  static void runOnce() throws Exception {
    Path cfg = shared.resolve("report-test.yaml");
    Files.writeString(cfg, CONFIG);
    run = shared.resolve("run");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
  }

  private static Path copy(Path to) throws Exception {
    Files.createDirectories(to);
    for (String f : List.of(TrialsFile.NAME, "config.yaml")) {
      Files.copy(run.resolve(f), to.resolve(f));
    }
    return to;
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

  @Test
  void thePageShowsEveryRegisteredArtifact(@TempDir Path tmp) throws Exception {
    Path dir = copy(tmp.resolve("r"));
    CliRunner.Result r = CliRunner.run("report", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("report-test: 64 trials analysed"), r.out());
    String html = Files.readString(dir.resolve(Report.PAGE));
    List<Artifacts.Entry> entries = Artifacts.read(dir);
    assertEquals(4 + 2 * 2 * 2 + 4, entries.size(), entries.toString()); // tables, 8 curve figures, reliability
    for (Artifacts.Entry e : entries) {
      assertTrue(html.contains("data-path=\"" + e.path() + "\""), e.path());
      assertTrue(html.contains("<h3>" + e.title().replace("&", "&amp;") + "</h3>"), e.title());
    }
    // The searcher labelled 'rea' is RE for the reliability analysis (its name comes from config.yaml).
    List<String[]> rel = Table.readCsv(dir.resolve("reliability/reliability.csv"));
    List<String> header = List.of(rel.get(0));
    assertEquals("8", rel.get(1)[header.indexOf("max_seeds")]);
    assertTrue(!rel.get(1)[header.indexOf("re_vs_rs_p")].isEmpty(), Arrays.toString(rel.get(1)));
  }

  @Test
  void aCutLastLineIsReportedWithItsNumberAndTheRestIsAnalysed(@TempDir Path tmp) throws Exception {
    Path dir = copy(tmp.resolve("cut"));
    Path trials = dir.resolve(TrialsFile.NAME);
    byte[] full = Files.readAllBytes(trials);
    Files.write(trials, Arrays.copyOf(full, full.length - 25));
    CliRunner.Result r = CliRunner.run("report", dir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("warning: ") && r.err().contains(TrialsFile.NAME + ":64: last line is incomplete"), r.err());
    assertTrue(r.out().contains("63 trials analysed"), r.out());
    List<String[]> fin = Table.readCsv(dir.resolve("compare/final.csv"));
    String[] last = fin.get(fin.size() - 1);
    assertEquals("ImageNet16-120", last[0]);
    assertEquals("7", last[3]);
    assertTrue(Files.readString(dir.resolve(Report.PAGE)).contains(":64: last line is incomplete"));
  }

  @Test
  void resultsOfAnotherDataVersionAreRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
    Path dir = copy(tmp.resolve("old"));
    Path trials = dir.resolve(TrialsFile.NAME);
    String text = Files.readString(trials).replaceAll("\"version\":\"[0-9a-f]+\"", "\"version\":\"feedbeef0000\"");
    Files.writeString(trials, text);
    TreeMap<String, byte[]> before = snapshot(dir);
    CliRunner.Result r = CliRunner.run("report", dir.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("data version feedbeef0000") && r.err().contains("different data cannot be"), r.err());
    TreeMap<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet());
    for (String k : before.keySet()) {
      assertArrayEquals(before.get(k), after.get(k), k);
    }
  }

  @Test
  void aMissingFolderIsAnError(@TempDir Path tmp) {
    CliRunner.Result r = CliRunner.run("report", tmp.resolve("nope").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("does not exist"), r.err());
  }
}
