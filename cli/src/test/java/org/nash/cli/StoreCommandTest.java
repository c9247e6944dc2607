package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.retrain.store.TrainedStore;
import org.nash.retrain.train.EpochResult;

/** {@code nash store list|export}: what a user sees of the result store. */
class StoreCommandTest {
  @TempDir
  Path dir;

  private Path store() {
    Path p = dir.resolve("trained.sqlite");
    try (TrainedStore s = TrainedStore.open(p)) {
      for (int arch : new int[] {1835, 9930}) {
        TrainedStore.Key k = new TrainedStore.Key("nb201", arch, "cifar10-valid", "x-valid", 1, 0, "89b2402875132d1d",
            "12ced7d5dec03e2a9b0240060b3948772e299572c3102464c6876dfe57f71eda", "cpu");
        s.put(new TrainedStore.Entry(k, "channels=4 cells=1, \"quoted\"", arch / 100.0, 2.2, 11, 2.3, 17214, 1.5,
            "cpu()", "0.1.0", "0.36.0", "2.7.1-cpu", List.of(new EpochResult(1, 2.3, 11, 2.2, arch / 100.0, 1.2, 166, 0.1)),
            "2026-11-29T23:00:00Z"));
      }
    }
    return p;
  }

  @Test
  void listsEveryStoredCell() {
    Path p = store();
    CliRunner.Result r = CliRunner.run("store", "list", "--store", p.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("1835") && r.out().contains("9930") && r.out().contains("18.350"), r.out());
    assertTrue(r.out().contains("2 trained cell(s)"), r.out());
  }

  @Test
  void exportsCsvAndJson() throws Exception {
    Path p = store();
    CliRunner.Result r = CliRunner.run("store", "export", "--format", "csv", "--store", p.toString());
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("benchmark,arch,dataset,split,epochs,seed,settings_hash,data_sha256,device_kind,settings,"));
    assertTrue(lines[1].startsWith("nb201,1835,cifar10-valid,x-valid,1,0,89b2402875132d1d,"), lines[1]);
    assertTrue(lines[1].contains(",\"channels=4 cells=1, \"\"quoted\"\"\",18.35,"), lines[1]);

    Path json = dir.resolve("store.json");
    r = CliRunner.run("store", "export", "--format", "json", "--store", p.toString(), "--out", json.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(2, n.size());
    assertEquals(9930, n.get(1).get("key").get("arch").asInt());
    assertEquals(99.3, n.get(1).get("perEpoch").get(0).get("validAccuracy").asDouble());
  }

  @Test
  void missingStoreAndUnknownFormatAreErrors() {
    CliRunner.Result r = CliRunner.run("store", "list", "--store", dir.resolve("none.sqlite").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("no result store at"), r.err());
    assertTrue(!Files.exists(dir.resolve("none.sqlite")), "reading never creates a store");
    r = CliRunner.run("store", "export", "--format", "xml", "--store", store().toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--format must be csv or json, got 'xml'"), r.err());
  }
}
