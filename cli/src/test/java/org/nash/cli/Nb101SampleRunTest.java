package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** A search on the NAS-Bench-101 sample runs end to end and says it is a sample. */
class Nb101SampleRunTest {
  @TempDir
  Path dir;

  @Test
  void sampleRunWorksAndSaysSo() {
    Path cfg = Path.of(System.getProperty("user.dir")).resolve("../configs/nb101-sample.yaml").normalize();
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", dir.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("SAMPLE") && r.out().contains("SAMPLE"), r.out() + r.err());
    List<TrialResult> trials = TrialsFile.read(dir.resolve(TrialsFile.NAME)).trials();
    assertEquals(2 * 2 * 20, trials.size());
    for (TrialResult t : trials) {
      assertTrue(t.version().contains("sample"), t.version());
      assertEquals(50, t.queries());
      assertTrue(t.last().reported() > 80 && t.last().reported() <= 94.72, t.key() + " " + t.last().reported());
    }
    CliRunner.Result info = CliRunner.run("space", "info", "--benchmark", "nb101", "--pool", "c3x3,pool");
    assertEquals(0, info.exit(), info.err());
    assertTrue(info.out().contains("61,199 architectures"), info.out());
    assertTrue(info.out().contains("SAMPLE"), info.out());
  }
}
