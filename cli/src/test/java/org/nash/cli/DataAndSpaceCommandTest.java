package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;

class DataAndSpaceCommandTest {
  @TempDir
  Path dir;

  @Test
  void spaceInfoPrintsPoolSizeAndBestPerDataset() {
    CliRunner.Result r = CliRunner.run("space", "info", "--benchmark", "nb201", "--pool", "skip,c3x3");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("pool skip+c3x3: 64 architectures"), r.out());
    assertTrue(r.out().matches("(?s).*cifar100 .*73\\.513 +73\\.513 +0\\.000 .*\\(9930\\).*"), r.out());
    CliRunner.Result micro = CliRunner.run("space", "info", "--benchmark", "tnb-micro", "--pool", "c1x1,c3x3");
    assertEquals(0, micro.exit(), micro.err());
    assertTrue(micro.out().contains("64 architectures"), micro.out());
  }

  @Test
  void badPoolAndBenchmarkAreClearErrors() {
    CliRunner.Result r = CliRunner.run("space", "info", "--benchmark", "nb201", "--pool", "skip,conv9");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown operation 'conv9'"), r.err());
    r = CliRunner.run("space", "info", "--benchmark", "nb999");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown benchmark 'nb999'"), r.err());
  }

  @Test
  void corruptCachedFileIsReportedByTheCli() throws Exception {
    String path = TestData.catalog().entry("nb201-test200").path();
    Path cache = dir.resolve("cache");
    Path bad = cache.resolve(path);
    Files.createDirectories(bad.getParent());
    byte[] real = Files.readAllBytes(TestData.file("nb201-test200"));
    Files.write(bad, java.util.Arrays.copyOf(real, real.length / 2));
    String old = System.getProperty("nash.data");
    System.setProperty("nash.data", cache.toString());
    try {
      CliRunner.Result r = CliRunner.run("space", "info", "--benchmark", "nb201");
      assertEquals(2, r.exit());
      assertTrue(r.err().contains("sha256 mismatch for nb201-test200"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      CliRunner.Result v = CliRunner.run("data", "verify", "--local");
      assertEquals(2, v.exit());
      assertTrue(v.out().contains("nb201-test200") && v.out().contains("FAILED"), v.out());
    } finally {
      if (old == null) {
        System.clearProperty("nash.data");
      } else {
        System.setProperty("nash.data", old);
      }
    }
  }

  @Test
  void dataListShowsEveryEntry() {
    CliRunner.Result r = CliRunner.run("data", "list");
    assertEquals(0, r.exit(), r.err());
    for (var e : TestData.catalog().entries()) {
      assertTrue(r.out().contains(e.id()), e.id());
    }
    assertTrue(r.out().contains("nb101-official-108"), r.out());
  }
}
