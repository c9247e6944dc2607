package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;

/**
 * clients/python/nash_query.py against this build's {@code nash query --stdin}: the helper's live
 * tests, with NASH_CMD running these classes (the Python protocol tests run them skipped).
 */
class PythonQueryClientTest {
  @TempDir
  Path cache;

  private static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("clients/python/nash_query.py"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find clients/python/nash_query.py above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  private static String q(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  @Test
  void liveHelperTestsPass() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    TestCaches.sharing(cache, false);
    String cmd = String.join(" ", List.of(q(java.toString()), "-Xmx512m", "-Dai.djl.offline=true",
        q("-Dnash.data.mirror=" + TestData.mirror()), q("-Dnash.data=" + cache), "-cp",
        q(System.getProperty("java.class.path")), "org.nash.cli.Nash"));
    ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "-v", "tests.test_nash_query_live")
        .directory(repo().resolve("clients/python").toFile()).redirectErrorStream(true);
    pb.environment().put("NASH_QUERY_LIVE", "1");
    pb.environment().put("NASH_CMD", cmd);
    pb.environment().put("OPT_OUT_TRACKING", "true");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    System.out.println(out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("Ran 2 tests"), out);
    assertFalse(out.contains("skipped"), out);
  }
}
