package org.nash.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C and SIGTERM: nash's JVM ends, and its workers (one that ignores end of input and SIGTERM,
 * with a grandchild) end with it, through the library's shutdown hook.
 */
// a regression here hangs (a read that never ends) rather than fails: the guard turns it into a failure
@Timeout(120)
class ShutdownHookTest {
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalToNashStopsEveryWorkerTree(String signal) throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), HoldChildren.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
    assertTrue(line != null && line.matches("\\d+ \\d+"), "pids: " + line);
    List<Long> tree = new ArrayList<>();
    for (String p : line.split(" ")) {
      tree.add(Long.parseLong(p));
    }
    assertTrue(Procs.alive(tree.get(0)) && Procs.alive(tree.get(1)));
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM ends");
    assertEquals(List.of(), Procs.survivors(tree), "no process of the worker's tree survives");
  }

  /** Workers started while the JVM shuts down (runner threads go on during the hooks) die too. */
  @Test
  void workersStartedDuringTheShutdownDieToo(@TempDir Path pids) throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), HoldChildren.class.getName(), pids.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
    assertTrue(line != null && line.matches("\\d+ \\d+"), "pids: " + line);
    Thread.sleep(500); // a few churned workers are up
    jvm.destroy(); // SIGTERM
    assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM ends");
    List<Long> tree = new ArrayList<>();
    for (String p : line.split(" ")) {
      tree.add(Long.parseLong(p));
    }
    try (Stream<Path> s = Files.list(pids)) {
      for (Path f : s.toList()) {
        for (String p : Files.readString(f).trim().split(" ")) {
          if (!p.isEmpty()) {
            tree.add(Long.parseLong(p));
          }
        }
      }
    }
    assertTrue(tree.size() > 2, "workers were churned: " + tree);
    assertEquals(List.of(), Procs.survivors(tree), "no process of any worker's tree survives");
  }
}
