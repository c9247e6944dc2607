package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.results.RunInfo;

/**
 * run.json: written for every run and shard, read back by resume, merge and report, and refused when it
 * does not belong to the folder (edited config.yaml, altered run.json, other data).
 */
class RunInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = """
      benchmark: nb201
      datasets: [cifar10]
      pools: [full, "skip,c3x3"]
      searchers: [{name: rs}, {name: re, params: {population: 5, sample: 2}}]
      budget: {queries: 15}
      seeds: 3
      """;

  @TempDir
  Path dir;

  private CliRunner.Result run(Path out, String... more) throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, CONFIG);
    String[] args = new String[4 + more.length];
    args[0] = "run";
    args[1] = cfg.toString();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRunner.run(args);
  }

  private static JsonNode read(Path folder) throws Exception {
    return JSON.readTree(folder.resolve(RunInfo.NAME).toFile());
  }

  private static void edit(Path folder, String field, String value) throws Exception {
    ObjectNode n = (ObjectNode) read(folder);
    n.put(field, value);
    Files.writeString(folder.resolve(RunInfo.NAME), JSON.writeValueAsString(n));
  }

  @Test
  void recordsProvenanceAndEverySession() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, run(out, "--quiet").exit());
    JsonNode info = read(out);
    assertEquals(RunInfo.FORMAT, info.get("format").asText());
    assertEquals(RunInfo.sha256(Files.readString(out.resolve("config.yaml"))), info.get("config_sha256").asText());
    assertEquals("nb201", info.get("benchmark").asText());
    assertEquals(12, info.get("data_version").asText().length());
    assertTrue(info.get("data_files").has("nb201-hp12"), info.toString());
    assertEquals(64, info.get("data_files").get("nb201-hp12").asText().length());
    assertEquals("org.nash.searchers.RegularizedEvolution$Provider",
        info.get("searchers").get("re").get("implementation").asText());
    assertTrue(info.get("searchers").get("rs").get("origin").asText().startsWith("nash "), info.toString());
    assertEquals("table", info.get("oracle").get("plugin").asText());
    JsonNode s = info.get("sessions").get(0);
    assertEquals(12, s.get("ran").asInt());
    assertTrue(s.has("started") && s.has("ended") && s.has("java") && s.has("cpu") && s.get("cores").asInt() > 0, s.toString());
    assertFalse(Files.readString(out.resolve("config.yaml")).contains("#"), "provenance lives in run.json, not comments");

    assertEquals(0, run(out, "--quiet").exit());
    assertEquals(2, read(out).get("sessions").size(), "a resume is a session too");
    assertEquals(0, read(out).get("sessions").get(1).get("ran").asInt());
  }

  @Test
  void aRunJsonOfAnotherConfigOrDataIsRefused() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, run(out, "--quiet").exit());
    String runJson = Files.readString(out.resolve(RunInfo.NAME));

    Files.writeString(out.resolve("config.yaml"), Files.readString(out.resolve("config.yaml")) + "# edited\n");
    CliRunner.Result r = run(out, "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("run.json belongs to another config"), r.err());
    CliRunner.Result rep = CliRunner.run("report", out.toString(), "--out", dir.resolve("page").toString());
    assertEquals(2, rep.exit(), rep.err());
    assertTrue(rep.err().contains("run.json belongs to another config"), rep.err());

    Files.writeString(out.resolve("config.yaml"), Files.readString(out.resolve("config.yaml")).replace("# edited\n", ""));
    edit(out, "data_version", "000000000000");
    r = run(out, "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("data version 000000000000"), r.err());

    Files.writeString(out.resolve(RunInfo.NAME), "{ not json");
    r = run(out, "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("run.json is damaged"), r.err());

    Files.writeString(out.resolve(RunInfo.NAME), runJson);
    assertEquals(0, run(out, "--quiet").exit(), "restored, the folder resumes");
  }

  @Test
  void shardsHaveTheirOwnAndTheMergeChecksThem() throws Exception {
    Path out = dir.resolve("sharded");
    assertEquals(0, run(out, "--quiet", "--shard", "0/2").exit());
    assertEquals(0, run(out, "--quiet", "--shard", "1/2").exit());
    Path shard1 = out.resolve("shards").resolve("1-of-2");
    assertEquals("1-of-2", read(shard1).get("shard").asText());
    edit(shard1, "config_sha256", "f".repeat(64));
    CliRunner.Result m = CliRunner.run("merge", out.toString());
    assertEquals(2, m.exit(), m.err());
    assertTrue(m.err().contains("1-of-2/run.json belongs to another config"), m.err());

    edit(shard1, "config_sha256", RunInfo.sha256(Files.readString(shard1.resolve("config.yaml"))));
    edit(shard1, "data_version", "111111111111");
    m = CliRunner.run("merge", out.toString());
    assertEquals(2, m.exit(), m.err());
    assertTrue(m.err().contains("shards of different data cannot be merged"), m.err());

    edit(shard1, "data_version", read(out.resolve("shards").resolve("0-of-2")).get("data_version").asText());
    m = CliRunner.run("merge", out.toString());
    assertEquals(0, m.exit(), m.err());
    JsonNode merged = read(out);
    assertFalse(merged.has("shard"), merged.toString());
    assertEquals(2, merged.get("sessions").size(), "the merged run.json holds both shards' sessions");
  }
}
