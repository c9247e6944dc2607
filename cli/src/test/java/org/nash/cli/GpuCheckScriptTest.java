package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.testing.Releases;

/**
 * {@code scripts/gpu-check.sh} on this CPU machine (issue 25): bad arguments and a missing GPU stop with
 * exit 2 (the latter with the doctor's fix); {@code --device cpu --tiny} runs end to end through this
 * build's nash and writes its JSON summary.
 */
class GpuCheckScriptTest {
  @TempDir
  Path dir;

  private static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("scripts/gpu-check.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find scripts/gpu-check.sh above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  private static String q(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private record Run(int exit, String out) {}

  private Run script(String... args) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path cache = TestCaches.sharing(dir.resolve("cache"), false);
    String cmd = String.join(" ", List.of(q(java.toString()), "-Xmx1g", "-Dai.djl.offline=true",
        q("-Dnash.data.mirror=" + TestData.mirror()), q("-Dnash.data=" + cache), "-cp",
        q(System.getProperty("java.class.path")), "org.nash.cli.Nash"));
    List<String> c = new ArrayList<>(List.of("bash", repo().resolve("scripts/gpu-check.sh").toString()));
    c.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("NASH_CMD", cmd);
    pb.environment().put("OPT_OUT_TRACKING", "true");
    pb.environment().put("DJL_OFFLINE", "true");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), out);
    return new Run(p.exitValue(), out);
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    Run r = script("--device", "tpu");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.out().contains("--device must be gpu or cpu, got 'tpu'") && r.out().contains("--tiny"), r.out());
    Run w = script("--workers", "0");
    assertEquals(2, w.exit(), w.out());
    assertTrue(w.out().contains("--workers must be a positive number"), w.out());
    Run u = script("--frobnicate");
    assertEquals(2, u.exit(), u.out());
    assertTrue(u.out().contains("unknown argument '--frobnicate'"), u.out());
    Run h = script("--help");
    assertEquals(0, h.exit(), h.out());
    assertTrue(h.out().contains("gpu-check.sh") && h.out().contains("--device gpu|cpu"), h.out());
  }

  @Test
  void withoutAGpuItStopsAtTheDoctorsFix() throws Exception {
    Run r = script("--out", dir.resolve("g").toString());
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.out().contains("problem") && r.out().contains("fix"), "the doctor's message: " + r.out());
    assertTrue(r.out().contains("--device cpu --tiny"), r.out());
    assertFalse(Files.exists(dir.resolve("g/gpu-check.json")));
  }

  @Test
  void onTheCpuTinyRunsEndToEndAndWritesItsSummary() throws Exception {
    Path data = dir.resolve("data");
    Releases.cifar100Binary(data, 200, 10_000);
    Path out = dir.resolve("check");
    Run r = script("--device", "cpu", "--tiny", "--out", out.toString(), "--arch", "0,11,1835", "--workers", "2",
        "--dataset", "cifar100", "--data", data.toString());
    assertEquals(0, r.exit(), r.out());
    JsonNode s = new ObjectMapper().readTree(out.resolve("gpu-check.json").toFile());
    assertEquals("nash-gpu-check/1", s.path("format").asText());
    assertEquals("cpu", s.path("device").asText());
    assertEquals(2, s.path("setups").size());
    JsonNode one = s.path("setups").get(0);
    JsonNode two = s.path("setups").get(1);
    assertEquals(1, one.path("workers").asInt());
    assertEquals(2, two.path("workers").asInt());
    for (JsonNode setup : List.of(one, two)) {
      assertEquals(3, setup.path("trainings").asInt(), setup.toString());
      assertTrue(setup.path("imagesPerSecondWall").asDouble() > 0, setup.toString());
      assertTrue(setup.path("imagesPerSecondPerTraining").asDouble() > 0, setup.toString());
      assertTrue(setup.path("gpuMemoryMiBPerWorker").isNull(), "no GPU memory on the CPU: " + setup);
      assertEquals("cifar100/valid-acc@12", setup.path("table").asText());
      assertEquals(3, setup.path("cells").size());
      JsonNode arch0 = setup.path("cells").get(0);
      assertEquals(0, arch0.path("arch").asInt());
      // arch 0 has per-seed values in the official records: the seed range is in the summary
      assertTrue(arch0.path("tableSeeds").asInt() >= 1 && arch0.path("seedMin").isNumber(), arch0.toString());
    }
    assertTrue(r.out().contains("img/s (wall)") && r.out().contains("wrote " + out.resolve("gpu-check.json")), r.out());
  }
}
