package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method's code is part of its results: run.json records each external searcher's files, hello and
 * interpreter; resuming, rerunning or extending with changed code is refused naming the file and both
 * hashes, unless the change is accepted explicitly (then run.json records it); and a run that fails
 * at the handshake leaves a folder the corrected config runs in.
 */
class SearcherIdentityTest {
  @TempDir
  Path dir;
  Path script;
  Path helper;
  Path out;

  @BeforeEach
  void method() throws Exception {
    Files.createDirectories(dir.resolve("method"));
    script = dir.resolve("method/rs.py");
    Files.copy(ExternalSearcherAcceptanceTest.repo().resolve("clients/python/examples/random_search.py"), script);
    helper = dir.resolve("method/helper.py");
    Files.writeString(helper, "STEP = 1\n");
    out = dir.resolve("out");
  }

  private Path config(int seeds, String extra) throws Exception {
    Path cfg = dir.resolve("study-" + seeds + ".yaml");
    Files.writeString(cfg, """
        benchmark: nb201
        datasets: [cifar10]
        fidelity: hp12
        pools: [full]
        searchers:
          - {name: external, label: py, params: {command: [python3, method/rs.py], files: ["method/*.py"]%s}}
        budget: {queries: 10}
        seeds: %d
        """.formatted(extra, seeds));
    return cfg;
  }

  private CliRunner.Result run(Path cfg, String... more) {
    String[] args = new String[5 + more.length];
    System.arraycopy(new String[] {"run", cfg.toString(), "--out", out.toString(), "--quiet"}, 0, args, 0, 5);
    System.arraycopy(more, 0, args, 5, more.length);
    return CliRunner.run(args);
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  private JsonNode runJson() throws Exception {
    return new ObjectMapper().readTree(out.resolve("run.json").toFile());
  }

  @Test
  void changedCodeIsRefusedUnlessAccepted() throws Exception {
    CliRunner.Result r = run(config(2, ""));
    assertEquals(0, r.exit(), r.err());
    String before = sha256(script);
    JsonNode id = runJson().path("searchers").path("py").path("details");
    assertEquals(before, id.path("file:method/rs.py").asText());
    assertEquals(sha256(helper), id.path("file:method/helper.py").asText());
    assertEquals("random_search.py", id.path("hello.name").asText());
    assertEquals("1", id.path("hello.version").asText());
    assertTrue(id.path("interpreter").asText().startsWith("Python 3"), id.toString());

    // one byte more in the method's script
    Files.writeString(script, "#", StandardOpenOption.APPEND);
    String after = sha256(script);
    byte[] trials = Files.readAllBytes(out.resolve("trials.jsonl"));
    byte[] record = Files.readAllBytes(out.resolve("run.json"));
    for (int seeds : new int[] {2, 3}) { // rerunning the finished study, and extending it
      r = run(config(seeds, ""));
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("searcher 'py'") && r.err().contains("method/rs.py") && r.err().contains(before)
          && r.err().contains(after) && r.err().contains("--accept-changed-searcher py"), r.err());
      assertArrayEquals(trials, Files.readAllBytes(out.resolve("trials.jsonl")));
      assertArrayEquals(record, Files.readAllBytes(out.resolve("run.json")));
    }

    r = run(config(3, ""), "--accept-changed-searcher", "nope");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("no searcher labelled 'nope'"), r.err());

    r = run(config(3, ""), "--accept-changed-searcher", "py");
    assertEquals(0, r.exit(), r.err());
    assertEquals(3, Files.readAllLines(out.resolve("trials.jsonl")).size());
    JsonNode change = runJson().path("searcher_changes").get(0);
    assertEquals("py", change.path("searcher").asText());
    assertEquals(2, change.path("records_before").asInt());
    assertEquals(before, change.path("before").path("details").path("file:method/rs.py").asText());
    assertEquals(after, change.path("after").path("details").path("file:method/rs.py").asText());
    assertEquals(after, runJson().path("searchers").path("py").path("details").path("file:method/rs.py").asText());

    // the rest of the method's code, named by files:, counts as much as the script
    Files.writeString(helper, "STEP = 2\n");
    r = run(config(4, ""));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("method/helper.py"), r.err());

    // the report names the code and the accepted change
    Files.writeString(helper, "STEP = 1\n");
    Path report = dir.resolve("report");
    r = CliRunner.run("report", out.toString(), "--out", report.toString());
    assertEquals(0, r.exit(), r.err());
    String page = Files.readString(report.resolve("index.html"));
    assertTrue(page.contains("hello random_search.py 1") && page.contains("CHANGED CODE: searcher py"), page);
  }

  @Test
  void aRunThatFailsAtTheHandshakeLeavesAFolderTheFixedConfigRunsIn() throws Exception {
    CliRunner.Result r = run(config(2, ", btach: 3"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("refused the handshake") && r.err().contains("btach"), r.err());
    for (String f : new String[] {"config.yaml", "run.json", "trials.jsonl"}) {
      assertFalse(Files.exists(out.resolve(f)), f + " was written by a run that ran no trial");
    }
    r = run(config(2, ", batch: 3"));
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, Files.readAllLines(out.resolve("trials.jsonl")).size());
  }

  @Test
  void recordsWithoutTheirConfigAreNotAdopted() throws Exception {
    assertEquals(0, run(config(2, "")).exit());
    Files.delete(out.resolve("config.yaml"));
    Files.delete(out.resolve("run.json"));
    CliRunner.Result r = run(config(2, ", distinct: true"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("no config.yaml") && r.err().contains("searcher parameters"), r.err());
  }
}
