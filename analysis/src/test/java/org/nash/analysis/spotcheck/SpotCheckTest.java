package org.nash.analysis.spotcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.analysis.output.Artifacts;
import org.nash.nb201.Nb201Seeds;
import org.nash.nb201.Nb201Tables;
import org.nash.table.BenchmarkTable;

/** A spot check over the real NB-201 hp12 values, with fixed "trained" numbers. */
class SpotCheckTest {
  static final String KEY = "cifar10-valid/valid-acc@12";
  static BenchmarkTable table;
  static Nb201Seeds seeds;

  @BeforeAll
  static void load() {
    table = Nb201Tables.load(TestData.catalog());
    seeds = Nb201Seeds.load(TestData.catalog());
  }

  static SpotCheck.Cell cell(int arch, double trained) {
    return new SpotCheck.Cell(arch, table.space().byIndex(arch).toString(), trained, table.column(KEY).get(arch),
        seeds.values(KEY, arch), "trained", 1000, 1.5, "nb201/" + arch);
  }

  /** Table order 1835 < 11 < 0 < 284 < 9930; the trained numbers swap 11 and 0 only. */
  static List<SpotCheck.Cell> cells() {
    return List.of(cell(0, 63.0), cell(11, 65.0), cell(284, 70.0), cell(1835, 33.48), cell(9930, 80.0));
  }

  @Test
  void perSeedValuesAreTheTablesMean() {
    // NATS-tss hp 12, cifar10-valid, x-valid after epoch 12, seeds 111 and 777 (printed from the records).
    assertArrayEquals(new double[] {64.016, 62.712}, seeds.values(KEY, 0), 1e-3);
    assertArrayEquals(new double[] {62.580, 63.976}, seeds.values(KEY, 11), 1e-3);
    assertArrayEquals(new double[] {71.708, 74.044}, seeds.values(KEY, 284), 1e-3);
    assertEquals(List.of(111, 777), seeds.seeds(KEY, 0));
    for (int i : seeds.indices()) {
      double mean = java.util.Arrays.stream(seeds.values(KEY, i)).average().orElseThrow();
      assertEquals(table.column(KEY).get(i), mean, 1e-6, "arch " + i);
      double[] v200 = seeds.values("cifar10-valid/valid-acc@200", i);
      assertEquals(3, v200.length);
      assertEquals(table.column("cifar10-valid/valid-acc@200").get(i), java.util.Arrays.stream(v200).average()
          .orElseThrow(), 1e-3, "arch " + i);
    }
    assertEquals(0, seeds.values(KEY, 1835).length);
    assertEquals(0, seeds.values("cifar10-valid/valid-loss@12", 0).length);
  }

  @Test
  void differencesSpreadAndTau() {
    SpotCheck.Result r = SpotCheck.of(cells());
    SpotCheck.Row r0 = r.rows().get(0);
    assertEquals(63.0 - 63.364, r0.diff(), 1e-3);
    assertEquals(2, r0.tableSeeds());
    assertEquals(62.712, r0.seedMin(), 1e-3);
    assertEquals(64.016, r0.seedMax(), 1e-3);
    assertEquals(0.0, r0.outsideSeedRange());
    assertEquals(65.0 - 63.976, r.rows().get(1).outsideSeedRange(), 1e-3);
    assertEquals(70.0 - 71.708, r.rows().get(2).outsideSeedRange(), 1e-3);
    SpotCheck.Row r1835 = r.rows().get(3);
    assertEquals(0, r1835.tableSeeds());
    assertTrue(Double.isNaN(r1835.seedMin()) && Double.isNaN(r1835.outsideSeedRange()));
    assertEquals(33.48 - 33.94, r1835.diff(), 0.01);
    SpotCheck.Summary m = r.summary();
    assertEquals(5, m.compared());
    assertEquals(3, m.withSeeds());
    assertEquals(1, m.insideSeedRange());
    // 10 pairs, 9 concordant, 1 discordant (0 vs 11): tau 0.8; exact two-sided p = 10/120 (scipy 0.0833).
    assertEquals(0.8, m.tau(), 1e-12);
    assertEquals(10.0 / 120, m.p(), 1e-12);
    assertEquals("exact permutation", m.pMethod());
    assertTrue(m.smallN());
  }

  @Test
  void cellsWithoutTableValueAreListedButNotCompared() {
    List<SpotCheck.Cell> cs = new ArrayList<>(cells());
    cs.add(new SpotCheck.Cell(5, "x", 50.0, Double.NaN, new double[0], "cached", 1, 0, ""));
    SpotCheck.Result r = SpotCheck.of(cs);
    assertEquals(6, r.summary().cells());
    assertEquals(5, r.summary().compared());
    assertEquals(0.8, r.summary().tau(), 1e-12);
    assertTrue(Double.isNaN(r.rows().get(5).diff()));
  }

  @Test
  void writesCsvJsonFigureAndRegistersThem(@TempDir Path dir) throws Exception {
    SpotCheck.Result r = SpotCheck.of(cells());
    SpotCheckWriter.Setup s = new SpotCheckWriter.Setup("nb201", KEY, "nb201-hp12:cifar10-val", seeds.describe(),
        "cifar10-valid", "stratified", "deterministic stratified 25k/25k split", 12, 0, 16, 5, 256, "cpu()", 0,
        "channels=16 ...", "", "/tmp/trained.sqlite", "nb201/cifar10-valid/x-valid/12/0/abc/def", "def",
        Map.of("nash", "0.1.0-test"));
    SpotCheckWriter.write(r, s, dir);
    List<String> csv = Files.readAllLines(dir.resolve("spotcheck.csv"));
    assertEquals("arch,archString,trained,table,diff,tableSeeds,seedMin,seedMax,outsideSeedRange,seedValues,source,"
        + "parameters,seconds,storeKey", csv.get(0));
    assertEquals(6, csv.size());
    assertTrue(csv.get(1).startsWith("0,"), csv.get(1));
    assertTrue(csv.get(4).startsWith("1835,") && csv.get(4).contains(",0,,,,,trained,"), csv.get(4)); // NaN: empty
    JsonNode j = new ObjectMapper().readTree(dir.resolve("spotcheck.json").toFile());
    assertEquals(0.8, j.get("summary").get("tau").asDouble(), 1e-12);
    assertEquals("stratified", j.get("setup").get("split").asText());
    assertTrue(j.get("rows").get(3).get("seedMin").isNull());
    assertTrue(Files.size(dir.resolve("spotcheck.png")) > 5000);
    assertTrue(Files.exists(dir.resolve("spotcheck.svg")));
    List<Artifacts.Entry> a = Artifacts.read(dir);
    assertEquals(List.of("spotcheck.png", "spotcheck.csv", "spotcheck.json"), a.stream().map(Artifacts.Entry::path)
        .toList());
    assertTrue(a.get(0).caption().contains("Kendall tau-b (trained vs table) = 0.800 over n = 5 cells"),
        a.get(0).caption());
    assertTrue(a.get(0).caption().contains("n is small"));
    // Written twice: the same entries, not duplicated.
    SpotCheckWriter.write(r, s, dir);
    assertEquals(3, Artifacts.read(dir).size());
  }
}
