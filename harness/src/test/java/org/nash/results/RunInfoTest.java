package org.nash.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.config.ConfigLoader;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.Shard;
import org.nash.run.ExperimentRunner;
import org.nash.testing.Synthetic;

/**
 * run.json: written for every run and shard, read back by resume, merge and the saved-experiment
 * reader (the report's), and refused when it does not belong to the folder (edited config.yaml,
 * altered run.json, other data). On the synthetic benchmark; that the report refuses such a folder
 * is checked in analysis' SyntheticResultsTest.
 */
class RunInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = """
      benchmark: synthetic
      datasets: [smooth]
      pools: [full, "skip,c3x3"]
      searchers: [{name: test-random}, {name: test-sweep, params: {from: 2}}]
      budget: {queries: 15}
      seeds: 3
      """;

  @TempDir
  Path dir;

  /** {@code nash run CONFIG --out OUT [--shard K/N]} without the command line. */
  private ExperimentRunner.Outcome run(Path out, String shard) throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, CONFIG);
    if (shard == null) {
      try (Plan plan = Synthetic.plan(ConfigLoader.load(cfg))) {
        return ExperimentRunner.run(plan, out, 2, null);
      }
    }
    Shard sh = Shard.parse(shard, Map.of());
    try (Plan plan = Planner.plan(ConfigLoader.load(cfg), Synthetic.catalog(), getClass().getClassLoader(), sh, out)) {
      return ExperimentRunner.runShard(plan, out, sh, 2, null);
    }
  }

  private NashException refused(Path out) {
    return assertThrows(NashException.class, () -> run(out, null));
  }

  private ShardMerge.Outcome merge(Path out) {
    return ShardMerge.merge(out, Synthetic.catalog(), getClass().getClassLoader());
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
    run(out, null);
    JsonNode info = read(out);
    assertEquals(RunInfo.FORMAT, info.get("format").asText());
    assertEquals(RunInfo.sha256(Files.readString(out.resolve("config.yaml"))), info.get("config_sha256").asText());
    assertEquals("synthetic", info.get("benchmark").asText());
    assertEquals(12, info.get("data_version").asText().length());
    assertTrue(info.get("data_files").has("synthetic-table"), info.toString());
    assertEquals(64, info.get("data_files").get("synthetic-table").asText().length());
    assertEquals("org.nash.testing.TestSearchers$Sweep",
        info.get("searchers").get("test-sweep").get("implementation").asText());
    assertTrue(info.get("searchers").get("test-random").get("origin").asText().startsWith("nash "), info.toString());
    assertEquals("table", info.get("oracle").get("plugin").asText());
    JsonNode s = info.get("sessions").get(0);
    assertEquals(12, s.get("ran").asInt());
    assertTrue(s.has("started") && s.has("ended") && s.has("java") && s.has("cpu") && s.get("cores").asInt() > 0, s.toString());
    assertFalse(Files.readString(out.resolve("config.yaml")).contains("#"), "provenance lives in run.json, not comments");

    run(out, null);
    assertEquals(2, read(out).get("sessions").size(), "a resume is a session too");
    assertEquals(0, read(out).get("sessions").get(1).get("ran").asInt());
  }

  @Test
  void aRunJsonOfAnotherConfigOrDataIsRefused() throws Exception {
    Path out = dir.resolve("out");
    run(out, null);
    String runJson = Files.readString(out.resolve(RunInfo.NAME));

    Files.writeString(out.resolve("config.yaml"), Files.readString(out.resolve("config.yaml")) + "# edited\n");
    NashException r = refused(out);
    assertTrue(r.getMessage().contains("run.json belongs to another config"), r.getMessage());
    NashException read = assertThrows(NashException.class, () -> SavedExperiment.read(out));
    assertTrue(read.getMessage().contains("run.json belongs to another config"), read.getMessage());

    Files.writeString(out.resolve("config.yaml"), Files.readString(out.resolve("config.yaml")).replace("# edited\n", ""));
    edit(out, "data_version", "000000000000");
    r = refused(out);
    assertTrue(r.getMessage().contains("data version 000000000000"), r.getMessage());

    Files.writeString(out.resolve(RunInfo.NAME), "{ not json");
    r = refused(out);
    assertTrue(r.getMessage().contains("run.json is damaged"), r.getMessage());

    Files.writeString(out.resolve(RunInfo.NAME), runJson);
    assertEquals(12, run(out, null).skipped(), "restored, the folder resumes");
  }

  @Test
  void shardsHaveTheirOwnAndTheMergeChecksThem() throws Exception {
    Path out = dir.resolve("sharded");
    run(out, "0/2");
    run(out, "1/2");
    Path shard1 = out.resolve("shards").resolve("1-of-2");
    assertEquals("1-of-2", read(shard1).get("shard").asText());
    edit(shard1, "config_sha256", "f".repeat(64));
    NashException m = assertThrows(NashException.class, () -> merge(out));
    assertTrue(m.getMessage().contains("1-of-2" + java.io.File.separator + "run.json belongs to another config"),
        m.getMessage());

    edit(shard1, "config_sha256", RunInfo.sha256(Files.readString(shard1.resolve("config.yaml"))));
    edit(shard1, "data_version", "111111111111");
    m = assertThrows(NashException.class, () -> merge(out));
    assertTrue(m.getMessage().contains("shards of different data cannot be merged"), m.getMessage());

    edit(shard1, "data_version", read(out.resolve("shards").resolve("0-of-2")).get("data_version").asText());
    merge(out);
    JsonNode merged = read(out);
    assertFalse(merged.has("shard"), merged.toString());
    assertEquals(2, merged.get("sessions").size(), "the merged run.json holds both shards' sessions");
  }
}
