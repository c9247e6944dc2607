package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;

class ScanCommandTest {
  @TempDir
  Path dir;

  private void assertRefused(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.exit(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "expected '" + f + "' in: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing may be written on bad input");
  }

  private String out() {
    return dir.resolve("out").toString();
  }

  @Test
  void unknownBenchmark() {
    assertRefused(CliRunner.run("scan", "--benchmark", "nb999", "--out", out()), "unknown benchmark 'nb999'",
        "nb201", "tnb-micro");
  }

  @Test
  void unknownDatasetListsTheKnownOnes() {
    assertRefused(CliRunner.run("scan", "--benchmark", "nb201", "--datasets", "cifar10,cifar11", "--out", out()),
        "unknown dataset or task 'cifar11'", "ImageNet16-120");
  }

  @Test
  void repeatedDatasetAndBadReference() {
    assertRefused(CliRunner.run("scan", "--benchmark", "tnb-micro", "--datasets", "jigsaw,jigsaw", "--out", out()),
        "--datasets", "'jigsaw' is listed twice");
    assertRefused(CliRunner.run("scan", "--benchmark", "tnb-micro", "--datasets", "jigsaw", "--reference",
        "class_scene", "--out", out()), "--reference", "class_scene");
  }

  @Test
  void missingBenchmarkIsAUsageError() {
    CliRunner.Result r = CliRunner.run("scan", "--out", out());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--benchmark"), r.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void scansTnbMicroAndRegistersItsFiles() throws Exception {
    CliRunner.Result r = CliRunner.run("scan", "--benchmark", "tnb-micro", "--datasets", "class_scene,jigsaw",
        "--out", out());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("operation-subset scan of tnb-micro"), r.out());
    assertTrue(r.out().contains("skip+c1x1+c3x3"), r.out());
    assertTrue(r.out().contains("Kendall tau-b"), r.out());
    assertTrue(r.out().contains("top-50 of class_scene"), r.out());
    Path o = dir.resolve("out");
    List<Artifacts.Entry> entries = Artifacts.read(o);
    assertTrue(entries.stream().allMatch(e -> e.section().equals("Operation-subset scan (tnb-micro)")));
    for (Artifacts.Entry e : entries) {
      assertTrue(Files.size(o.resolve(e.path())) > 0, e.path());
    }
    assertTrue(Files.exists(o.resolve("scan-tnb-micro-subsets.csv")));
    assertTrue(Files.exists(o.resolve("scan-tnb-micro-occurrence-jigsaw-c3x3.svg")));
    // 15 pools x 2 tasks, plus the header.
    assertEquals(31, Files.readAllLines(o.resolve("scan-tnb-micro-subsets.csv")).size());
  }
}
