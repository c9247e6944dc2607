package org.nash.searchers.external;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Python client's own unit tests, so that {@code ./mvnw verify} runs them too. */
class PythonClientTest {
  @Test
  void pythonUnitTestsPass() throws Exception {
    Path repo = ExternalFixtures.repo();
    Process p = new ProcessBuilder("python3", "-m", "unittest", "discover", "-v", "clients/python")
        .directory(repo.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    System.out.println(out);
    assertEquals(0, p.exitValue(), out);
  }
}
