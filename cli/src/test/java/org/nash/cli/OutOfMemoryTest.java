package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;

/** Running out of heap is a resource limit, not a bug: one line saying how to raise it, exit 2. */
class OutOfMemoryTest {
  @TempDir
  Path dir;

  @Test
  void aTooSmallHeapSaysHowToRaiseIt() throws Exception {
    Path cfg = Path.of(System.getProperty("user.dir")).resolve("../configs/quickstart.yaml").normalize();
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dnash.data=" + dir.resolve("cache"), Nash.class.getName(), "run", cfg.toString(), "--out",
        dir.resolve("out").toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nash did not end");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("out of memory with a heap limit of") && out.contains("NASH_JAVA_OPTS=-Xmx4g"), out);
    assertTrue(!out.contains("internal error"), out);
  }
}
