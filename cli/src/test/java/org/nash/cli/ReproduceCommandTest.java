package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;
import org.nash.report.Report;
import org.nash.report.Study;

/** {@code nash reproduce} with a small study: scan, experiment and one report; resume; bad study files. */
class ReproduceCommandTest {
  @TempDir
  Path dir;

  private static final String STUDY = """
      name: mini
      parts:
        - folder: tnb
          scan: {benchmark: tnb-micro, datasets: [class_scene, jigsaw]}
        - folder: nb
          experiment:
            name: mini-nb201
            benchmark: nb201
            datasets: [cifar10]
            pools: [full, "skip,c1x1,c3x3"]
            searchers: [{name: rs}, {name: re}]
            budget: {queries: 40}
            seeds: 6
      """;

  @Test
  void scanExperimentAndReport() throws Exception {
    Path study = dir.resolve("mini.yaml");
    Files.writeString(study, STUDY);
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("mini reproduced in"), r.out());
    assertTrue(r.out().contains("== mini-nb201: final budget"), r.out());
    assertTrue(r.err().contains("scan tnb-micro:"), r.err());
    String html = Files.readString(out.resolve(Report.PAGE));
    List<Artifacts.Entry> scan = Artifacts.read(out.resolve("tnb"));
    List<Artifacts.Entry> nb = Artifacts.read(out.resolve("nb"));
    assertTrue(!scan.isEmpty() && !nb.isEmpty());
    for (Artifacts.Entry e : scan) {
      assertTrue(html.contains("data-path=\"tnb/" + e.path() + "\""), e.path());
    }
    for (Artifacts.Entry e : nb) {
      assertTrue(html.contains("data-path=\"nb/" + e.path() + "\""), e.path());
    }
    assertTrue(Files.exists(out.resolve("nb/summary.csv")));

    CliRunner.Result again = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out", out.toString(),
        "--quiet");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("24 trials (24 already done)"), again.err());
    assertEquals(html, Files.readString(out.resolve(Report.PAGE)));
  }

  /** Another seed range and disjoint blocks: the trials hold exactly the asked seeds, the tables each block. */
  @Test
  void firstSeedAndBlocks() throws Exception {
    Path study = dir.resolve("mini.yaml");
    Files.writeString(study, STUDY);
    Path out = dir.resolve("blocks");
    CliRunner.Result r = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out", out.toString(),
        "--quiet", "--first-seed", "100", "--blocks", "2", "--block-size", "4");
    assertEquals(0, r.exit(), r.err());
    java.util.TreeSet<Integer> seeds = new java.util.TreeSet<>();
    for (String line : Files.readAllLines(out.resolve("nb/trials.jsonl"))) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seed\":(\\d+)").matcher(line);
      assertTrue(m.find(), line);
      seeds.add(Integer.parseInt(m.group(1)));
    }
    assertEquals(List.of(100, 101, 102, 103, 104, 105, 106, 107), List.copyOf(seeds));
    String blocks = Files.readString(out.resolve("nb/reliability/blocks.csv"));
    assertTrue(blocks.contains("\npooled,100-107,cifar10,") && blocks.contains("\n1,100-103,cifar10,")
        && blocks.contains("\n2,104-107,cifar10,"), blocks);
    assertTrue(Files.exists(out.resolve("nb/reliability/block-pairs.csv")));
    CliRunner.Result bad = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out",
        dir.resolve("bad").toString(), "--quiet", "--blocks", "0");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--blocks must be at least 1"), bad.err());
  }

  @Test
  void badStudiesAreRefusedBeforeAnythingIsWritten() throws Exception {
    Path study = dir.resolve("mini.yaml");
    Path out = dir.resolve("out");
    Files.writeString(study, STUDY.replace("seeds: 6", "seeds: 6\n      sedes: 3"));
    CliRunner.Result r = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("line 14") && r.err().contains("unknown field 'sedes'"), r.err());

    Files.writeString(study, STUDY.replace("datasets: [cifar10]", "datasets: [cifar11]"));
    r = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown dataset or task 'cifar11'"), r.err());
    assertTrue(!Files.exists(out), "nothing written");

    Files.writeString(study, STUDY);
    r = CliRunner.run("reproduce", "other", "--config", study.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("is the study 'mini', not 'other'"), r.err());

    Files.writeString(study, STUDY.replace("name: mini\n", "name: mini\nclaims: [skew, skewness]\n"));
    r = CliRunner.run("reproduce", "mini", "--config", study.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("'claims' lists 'skewness'; known: small-subset, skew,"), r.err());
    assertTrue(!Files.exists(out), "nothing written");
  }

  @Test
  void theShippedStudyParses() {
    Study s = Study.load(Path.of(System.getProperty("user.dir")).getParent().resolve("configs/lopes2023.yaml"));
    assertEquals("lopes2023", s.name);
    assertEquals(List.of("nb201", "tnb-micro"), s.parts.stream().map(Study.Part::folder).toList());
    // 5 blocks of 200 seeds
    assertEquals(5, s.blocks);
    s.parts.forEach(p -> assertEquals(1000, p.experiment().seeds()));
  }
}
