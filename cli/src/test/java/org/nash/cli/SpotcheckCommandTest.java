package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;
import org.nash.retrain.store.TrainedStore;

/**
 * {@code nash spotcheck} end to end on a tiny network (C=4, N=1, 64 images, 1 epoch, compared with
 * the hp12 table): CSV, JSON and figure registered for {@code nash report}, cells read back from the
 * result store on a second run, and bad input refused before any training.
 */
class SpotcheckCommandTest {
  @TempDir
  Path dir;

  private String[] args(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("spotcheck", "--arch", "0,11,1835", "--epochs", "1", "--table-epochs",
        "12", "--subset", "64", "--channels", "4", "--cells", "1", "--torch-threads", "1", "--store",
        dir.resolve("store.sqlite").toString(), "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static List<String> column(List<String> csv, String name) {
    List<String> header = List.of(csv.get(0).split(","));
    int i = header.indexOf(name);
    List<String> out = new ArrayList<>();
    for (String line : csv.subList(1, csv.size())) {
      // The quoted arch string holds no comma, so a plain split keeps the columns.
      out.add(line.split(",", -1)[i]);
    }
    return out;
  }

  @Test
  void writesDataAndFigureForTheReportAndReadsTheStoreBack() throws Exception {
    Path spot = dir.resolve("spot");
    CliRunner.Result r = CliRunner.run(args(spot));
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("stratified split") || r.out().contains("official split"), r.out());
    assertTrue(r.out().contains("Kendall tau-b (trained vs table)"), r.out());
    List<String> csv = Files.readAllLines(spot.resolve("spotcheck.csv"));
    assertEquals(4, csv.size(), String.join("\n", csv));
    assertEquals(List.of("0", "11", "1835"), column(csv, "arch"));
    assertEquals(List.of("trained", "trained", "trained"), column(csv, "source"));
    assertEquals(List.of("2", "2", "0"), column(csv, "tableSeeds"), "archs 0 and 11 have two hp12 seeds");
    assertEquals("63.36399998046875", column(csv, "table").get(0));
    JsonNode j = new ObjectMapper().readTree(spot.resolve("spotcheck.json").toFile());
    assertEquals(3, j.get("summary").get("compared").asInt());
    assertEquals(1, j.get("setup").get("epochs").asInt());
    assertEquals(4, j.get("setup").get("channels").asInt());
    assertEquals("cifar10-valid/valid-acc@12", j.get("setup").get("tableColumn").asText());
    assertTrue(j.get("setup").get("caveats").asText().contains("compared with the table's 12-epoch values"));
    assertEquals(64, j.get("setup").get("dataSha256").asText().length());
    assertTrue(j.get("setup").get("provenance").has("nash"));
    assertTrue(Files.size(spot.resolve("spotcheck.png")) > 5000);
    assertEquals(List.of("spotcheck.png", "spotcheck.csv", "spotcheck.json"),
        Artifacts.read(spot).stream().map(Artifacts.Entry::path).toList());
    try (TrainedStore s = TrainedStore.open(dir.resolve("store.sqlite"))) {
      assertEquals(3, s.all().size());
    }

    CliRunner.Result rep = CliRunner.run("report", spot.toString());
    assertEquals(0, rep.exit(), rep.out() + rep.err());
    String html = Files.readString(spot.resolve("index.html"));
    for (String f : List.of("spotcheck.png", "spotcheck.csv", "spotcheck.json")) {
      assertTrue(html.contains("data-path=\"" + f + "\""), f);
    }
    assertTrue(html.contains("Spot check: trained vs table"));

    // Again into another folder: every cell from the store, the same numbers.
    Path again = dir.resolve("again");
    CliRunner.Result r2 = CliRunner.run(args(again));
    assertEquals(0, r2.exit(), r2.out() + r2.err());
    List<String> csv2 = Files.readAllLines(again.resolve("spotcheck.csv"));
    assertEquals(List.of("cached", "cached", "cached"), column(csv2, "source"));
    assertEquals(column(csv, "trained"), column(csv2, "trained"));
    assertEquals(column(csv, "storeKey"), column(csv2, "storeKey"));
    try (TrainedStore s = TrainedStore.open(dir.resolve("store.sqlite"))) {
      assertEquals(3, s.all().size());
    }
  }

  /** A cell trained by nash run with oracle: retrain answers a spot check with the same settings, and back. */
  @Test
  void sharesTheStoreWithTheRetrainOracle() throws Exception {
    Path store = dir.resolve("store.sqlite");
    Path cfg = dir.resolve("run.yaml");
    Files.writeString(cfg, "name: shared\nbenchmark: nb201\noracle: retrain\n"
        + "oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 64, threads: 1, store: " + store + "}\n"
        + "datasets: [cifar10]\npools: [\"skip,c3x3\"]\nsearchers: [{name: rs}]\nbudget: {queries: 2}\n"
        + "trace: true\nseeds: 1\n");
    CliRunner.Result run = CliRunner.run("run", cfg.toString(), "--out", dir.resolve("run").toString(), "--quiet");
    assertEquals(0, run.exit(), run.out() + run.err());
    List<Integer> trained;
    try (TrainedStore s = TrainedStore.open(store)) {
      trained = s.all().stream().map(e -> e.key().arch()).toList();
    }
    assertTrue(!trained.isEmpty());
    // The oracle scores every epoch: the same setting here gives the same key. Arch 0 is outside the pool.
    Path spot = dir.resolve("spot");
    List<String> a = new ArrayList<>(List.of(args(spot, "--eval-each-epoch", "--arch",
        String.join(",", trained.stream().map(String::valueOf).toList()) + ",0")));
    a.subList(1, 3).clear(); // drop the default --arch 0,11,1835
    CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
    assertEquals(0, r.exit(), r.out() + r.err());
    List<String> csv = Files.readAllLines(spot.resolve("spotcheck.csv"));
    List<String> expected = new ArrayList<>();
    trained.forEach(t -> expected.add("cached"));
    expected.add("trained");
    assertEquals(expected, column(csv, "source"), String.join("\n", csv));
    try (TrainedStore s = TrainedStore.open(store)) {
      assertEquals(trained.size() + 1, s.all().size());
    }
  }

  private CliRunner.Result refused(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(!Files.exists(dir.resolve("store.sqlite")), "refused before the store is opened");
    return r;
  }

  @Test
  void badInputIsAClearErrorBeforeTraining() {
    Path out = dir.resolve("bad");
    String err = refused("spotcheck", "--arch", "0,15625", "--out", out.toString()).err();
    assertTrue(err.contains("--arch 15625: NAS-Bench-201 indices are 0..15624"), err);
    err = refused("spotcheck", "--arch", "0", "--dataset", "mnist", "--store", dir.resolve("store.sqlite").toString())
        .err();
    assertTrue(err.contains("--dataset must be one of cifar10-valid, cifar10, cifar100, ImageNet16-120, got 'mnist'"),
        err);
    err = refused("spotcheck", "--arch", "0", "--dataset", "cifar100", "--store", dir.resolve("store.sqlite").toString())
        .err();
    assertTrue(err.contains("dataset cifar100: its images are not in the cache") && err.contains("cifar-100-binary/"),
        err);
    err = refused("spotcheck", "--arch", "0", "--epochs", "1", "--store", dir.resolve("store.sqlite").toString()).err();
    assertTrue(err.contains("the table has no cifar10-valid/valid-acc@1 column"), err);
    assertTrue(!Files.exists(out));
  }
}
