package org.nash.searchers.external;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.plan.Plan;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;

/**
 * Each way a worker can misbehave fails its trial with a message naming the trial, the offending
 * line and the end of the worker's stderr; the trials before it stay written, a fresh worker serves
 * the rerun, and the resumed file is the same bytes as an undisturbed run.
 */
class ExternalFailureTest {
  @TempDir
  Path dir;

  private static final String KEY = "cifar10/skip+c1x1+c3x3/fx/2";

  private String yaml(String mode, Path marker, double timeout) {
    return """
        benchmark: nb201
        datasets: [cifar10]
        pools: ["skip,c1x1,c3x3"]
        searchers:
          - name: external
            label: fx
            params: {command: %s, timeout_s: %s}
        budget: {queries: 20}
        seeds: 4
        """.formatted(ExternalFixtures.command("python3", ExternalFixtures.resource("misbehave.py"), mode, marker), timeout);
  }

  /** Runs with the marker (fails), then without it (resumes); returns the failure's message. */
  private String failThenResume(String mode, double timeout) throws Exception {
    Path marker = Files.writeString(dir.resolve("marker"), "misbehave");
    Path out = dir.resolve("out");
    Plan plan = ExternalFixtures.plan(yaml(mode, marker, timeout));
    NashException e = assertThrows(NashException.class, () -> ExperimentRunner.run(plan, out, 1, null));
    String written = Files.readString(out.resolve(TrialsFile.NAME));
    assertEquals(2, TrialsFile.read(out.resolve(TrialsFile.NAME)).trials().size(), "trials 0 and 1 are kept");

    Files.delete(marker);
    // the marker is a file the command names, so part of the searcher's identity: its going is a change
    NashException changed = assertThrows(NashException.class,
        () -> ExperimentRunner.run(ExternalFixtures.plan(yaml(mode, marker, timeout)), out, 1, null));
    assertMentions(changed.getMessage(), "searcher 'fx' is not the code", "file " + marker + " sha256");
    ExperimentRunner.Outcome o = ExperimentRunner.run(ExternalFixtures.plan(yaml(mode, marker, timeout)), out, 1,
        java.util.Set.of("fx"), null);
    assertEquals(2, o.skipped());
    assertTrue(Files.readString(out.resolve(TrialsFile.NAME)).startsWith(written));
    Path clean = dir.resolve("clean");
    ExperimentRunner.run(ExternalFixtures.plan(yaml(mode, marker, timeout)), clean, 1, null);
    assertArrayEquals(Files.readAllBytes(clean.resolve(TrialsFile.NAME)), Files.readAllBytes(out.resolve(TrialsFile.NAME)));
    String log = Files.readString(out.resolve("external-fx.log"));
    assertTrue(log.contains("fixture: about to misbehave (" + mode + ")"), log);
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }
  }

  @Test
  void crash() throws Exception {
    String m = failThenResume("crash", 30);
    assertMentions(m, KEY, "exited (code 3)", "ZeroDivisionError: division by zero", "fixture: about to misbehave", "external-fx.log");
  }

  @Test
  void hangPastTheTimeout() throws Exception {
    long t0 = System.nanoTime();
    String m = failThenResume("hang", 3);
    assertMentions(m, KEY, "within timeout_s = 3.0 s", "fixture: about to misbehave (hang)");
    assertTrue(System.nanoTime() - t0 < 30e9, "the hung worker was killed");
  }

  @Test
  void invalidJson() throws Exception {
    assertMentions(failThenResume("badjson", 30), KEY, "invalid JSON", "offending line: {\"type\": \"arch\", \"index\": 12,,}");
  }

  @Test
  void architectureOutsideTheDomain() throws Exception {
    assertMentions(failThenResume("outside", 30), KEY, "outside the search domain", "it uses an op outside the pool",
        "offending line: {\"type\": \"arch\", \"index\": ");
  }

  @Test
  void errorReportedByTheSearcher() throws Exception {
    assertMentions(failThenResume("error", 30), KEY, "the searcher reported an error: KeyError in ask: 'population'");
  }

  @Test
  void wrongProtocolVersion() throws Exception {
    Path marker = Files.writeString(dir.resolve("marker"), "misbehave");
    Plan plan = ExternalFixtures.plan(yaml("version", marker, 30));
    NashException e = assertThrows(NashException.class, () -> ExperimentRunner.run(plan, dir.resolve("v"), 1, null));
    // the first worker says hello when the run opens, before any trial
    assertMentions(e.getMessage(), "failed before the first trial", "protocol version 99, this nash speaks 1",
        "offending line: {\"type\": \"hello\", \"protocol\": 99");
  }

  @Test
  void badParametersAreRefusedByTheWorker() {
    String y = """
        benchmark: nb201
        datasets: [cifar10]
        searchers:
          - name: external
            label: py-re
            params: {command: %s, population: 5, sample: 9}
        budget: {queries: 20}
        seeds: 1
        """.formatted(ExternalFixtures.command("python3", ExternalFixtures.example("regularized_evolution.py")));
    NashException e = assertThrows(NashException.class, () -> ExperimentRunner.run(ExternalFixtures.plan(y), dir, 1, null));
    assertMentions(e.getMessage(), "refused the handshake: ValueError: sample (9) cannot exceed population (5)");
  }

  @Test
  void missingCommandIsAConfigError() {
    String y = """
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: external, params: {population: 5}}]
        budget: {queries: 20}
        seeds: 1
        """;
    NashException e = assertThrows(NashException.class, () -> ExternalFixtures.plan(y));
    assertMentions(e.getMessage(), "'command' is required");
  }

  @Test
  void programNotFoundIsAConfigError() {
    String y = yaml("crash", dir.resolve("none"), 30).replace("\"python3\"", "\"no-such-python-xyz\"");
    NashException e = assertThrows(NashException.class, () -> ExternalFixtures.plan(y));
    assertMentions(e.getMessage(), "program 'no-such-python-xyz' is not on PATH");
    NashException f = assertThrows(NashException.class,
        () -> ExternalFixtures.plan(y.replace("\"no-such-python-xyz\"", "\"./no/such/python\"")));
    assertMentions(f.getMessage(), "program ./no/such/python is not an executable file");
  }

  @Test
  void commandThatCannotStart() throws Exception {
    // passes the plan-time check, then is gone when the run starts its first worker
    Path fake = Files.writeString(dir.resolve("fake-python"), "#!/bin/sh\n");
    fake.toFile().setExecutable(true);
    String y = yaml("crash", dir.resolve("none"), 30).replace("\"python3\"", "\"" + fake + "\"");
    Plan plan = ExternalFixtures.plan(y);
    Files.delete(fake);
    NashException e = assertThrows(NashException.class, () -> ExperimentRunner.run(plan, dir.resolve("o"), 1, null));
    assertMentions(e.getMessage(), "external searcher 'fx' cannot start [" + fake);
  }

  @Test
  void exhaustedEndsTheTrial() throws Exception {
    Path marker = Files.writeString(dir.resolve("marker"), "misbehave");
    Path out = dir.resolve("ex");
    ExperimentRunner.run(ExternalFixtures.plan(yaml("exhausted", marker, 30)), out, 1, null);
    var trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals("budget", trials.get(0).stop());
    assertEquals("searcher exhausted", trials.get(2).stop());
    assertEquals(3, trials.get(2).queries() + trials.get(2).repeats(), "the worker said exhausted at its 4th ask");
    assertEquals("budget", trials.get(3).stop());
  }
}
