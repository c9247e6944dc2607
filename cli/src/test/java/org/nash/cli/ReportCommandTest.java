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
import org.nash.results.TrialsFile;

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
    // tables, 8 curve figures, reliability (5, then the agreement and pair tables per seed block); paper exports:
    // 2 LaTeX tables, 2 pools x 2 widths of panels, the CD diagram
    assertEquals(4 + 2 * 2 * 2 + 5 + 2 + 2 + 2 * 2 + 1, entries.size(), entries.toString());
    for (Artifacts.Entry e : entries) {
      assertTrue(html.contains("data-path=\"" + e.path() + "\""), e.path());
      String t = e.title().replace("&", "&amp;");
      assertTrue(html.contains("<h3>" + t + "</h3>") || html.contains("<summary><b>" + t + "</b>"), e.title());
    }
    assertTrue(html.indexOf("<h2>Findings</h2>") < html.indexOf("<article"), "findings first");
    assertTrue(html.contains("Re-queries"), "re-queries per searcher on the page");
    List<String[]> fin = Table.readCsv(dir.resolve("compare/final.csv"));
    assertTrue(List.of(fin.get(0)).contains("repeats_share"));
    // The searcher labelled 'rea' is RE for the reliability analysis (its name comes from config.yaml).
    List<String[]> rel = Table.readCsv(dir.resolve("reliability/reliability.csv"));
    List<String> header = List.of(rel.get(0));
    assertEquals("8", rel.get(1)[header.indexOf("max_seeds")]);
    assertTrue(!rel.get(1)[header.indexOf("pair_p")].isEmpty(), Arrays.toString(rel.get(1)));
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
  void baselinePairsAndReferenceDriveTheReliabilityAnalysis(@TempDir Path tmp) throws Exception {
    Path dir = copy(tmp.resolve("pairs"));
    CliRunner.Result r = CliRunner.run("report", dir.toString(), "--baseline", "rea", "--pair", "rs,rea",
        "--reference", "ImageNet16-120", "--title", "Mine");
    assertEquals(0, r.exit(), r.err());
    List<String[]> pairs = Table.readCsv(dir.resolve("reliability/pairs.csv"));
    // Per dataset: the explicit pair first, then every other searcher against the baseline (the same pair once).
    assertEquals(List.of("dataset", "pool", "a", "b", "p", "cliffs_delta", "seeds_to_p05", "max_seeds"),
        List.of(pairs.get(0)));
    assertEquals(2, pairs.size() - 1, "one pair per dataset: rs vs rea");
    assertEquals("rs", pairs.get(1)[2]);
    assertEquals("rea", pairs.get(1)[3]);
    List<String[]> rel = Table.readCsv(dir.resolve("reliability/reliability.csv"));
    assertEquals("rs vs rea", rel.get(1)[List.of(rel.get(0)).indexOf("pair")]);
    List<String[]> transfer = Table.readCsv(dir.resolve("reliability/transfer.csv"));
    assertTrue(transfer.stream().skip(1).allMatch(x -> x[0].equals("ImageNet16-120")));
    assertTrue(transfer.stream().skip(1).anyMatch(x -> x[1].equals("cifar10")));
    String html = Files.readString(dir.resolve(Report.PAGE));
    assertTrue(html.contains("<title>Mine</title>"));
    assertTrue(html.contains("rs vs rea"), "the page names the pair");

    CliRunner.Result bad = CliRunner.run("report", dir.toString(), "--baseline", "bananas");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("no searcher labelled or named 'bananas'") && bad.err().contains("rea"), bad.err());
    bad = CliRunner.run("report", dir.toString(), "--pair", "rs");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("--pair rs: expected two different searchers"), bad.err());
    bad = CliRunner.run("report", dir.toString(), "--reference", "mnist");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("--reference mnist: no such dataset"), bad.err());
  }

  @Test
  void reportOutReadsTheTrialsWhereTheyAreAndChecksEveryOptionFirst(@TempDir Path tmp) throws Exception {
    Path dir = copy(tmp.resolve("results"));
    TreeMap<String, byte[]> before = snapshot(dir);
    Path out = tmp.resolve("page");
    CliRunner.Result bad = CliRunner.run("report", dir.toString(), "--out", out.toString(), "--baseline", "typo");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("no searcher labelled or named 'typo'"), bad.err());
    assertTrue(!Files.exists(out), "a refused report writes nothing");
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    bad = CliRunner.run("report", dir.toString(), "--out", file.toString());
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("is a file, not a folder"), bad.err());

    CliRunner.Result r = CliRunner.run("report", dir.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(!Files.exists(out.resolve(TrialsFile.NAME)), "the trials are not copied");
    assertTrue(Files.exists(out.resolve("config.yaml")) && Files.exists(out.resolve("compare/final.csv")));
    assertTrue(Files.readString(out.resolve(Report.PAGE)).contains("trials read from " + dir.resolve(TrialsFile.NAME)));
    TreeMap<String, byte[]> after = snapshot(dir);
    assertEquals(before.keySet(), after.keySet(), "RESULTS_DIR untouched");
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
