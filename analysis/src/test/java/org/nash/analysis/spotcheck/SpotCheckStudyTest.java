package org.nash.analysis.spotcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;

/** The spot check over several datasets: selection, intervals against a hand computation, verdicts, files. */
class SpotCheckStudyTest {
  @TempDir
  Path dir;

  /** Four cells; A's retraining ranks them as the table, B swaps the first two. */
  static final double[] TABLE = {1, 2, 3, 4};
  static final double[] A = {1, 2, 3, 4};
  static final double[] B = {2, 1, 3, 4};

  static List<SpotCheckStudy.DatasetInput> inputs() {
    return List.of(input("A", A), input("B", B));
  }

  static SpotCheckStudy.DatasetInput input(String name, double[] trained) {
    return new SpotCheckStudy.DatasetInput(name, name + "/valid-acc@12", trained, TABLE,
        List.of("trained", "trained", "cached", "trained"), "official", "split of " + name, "sha-" + name);
  }

  /**
   * By hand (tau-b = (C - D) / sqrt((n0 - tx)(n0 - ty))), the resamples below give:
   * [0,1,2,3]: A 1, B (5 - 1) / 6 = 2/3; [0,0,1,1]: x = (1,1,2,2), A 4 / sqrt(4 x 4) = 1, B -1;
   * [2,2,2,2]: constant, no tau; [1,2,3,3]: A 1, B 5 / sqrt(5 x 5) = 1; [0,1,0,1]: A 1, B -1.
   * B - A: -1/3, -2, (none), 0, -2; sorted -2, -2, -1/3, 0; nearest rank 2.5 % = 1st, 97.5 % = 4th:
   * [-2, 0], which holds 0: no detectable difference. B alone: -1, -1, 2/3, 1 -> [-1, 1].
   * Mean difference of B: (1, -1, 0, 0), mean 0, sd sqrt(2/3), t(0.975, 3) = 3.182446305:
   * half width 3.182446305 x 0.8164966 / 2 = 1.2992. Exact permutation p of A's tau 1 with n = 4:
   * the identity and the reversal of 24 orders, 2/24.
   */
  @Test
  void intervalsAndVerdictMatchAHandComputation() {
    int[][] rs = {{0, 1, 2, 3}, {0, 0, 1, 1}, {2, 2, 2, 2}, {1, 2, 3, 3}, {0, 1, 0, 1}};
    SpotCheckStudy.Result r = SpotCheckStudy.of(inputs(), "A", List.of("B"), rs);
    SpotCheckStudy.DatasetResult a = r.datasets().get(0);
    SpotCheckStudy.DatasetResult b = r.datasets().get(1);
    assertEquals(1.0, a.tau(), 1e-12);
    assertEquals(2.0 / 24, a.p(), 1e-12);
    assertEquals(1.0, a.tauLo(), 1e-12);
    assertEquals(1.0, a.tauHi(), 1e-12);
    assertEquals(4, a.replicates());
    assertEquals(2.0 / 3, b.tau(), 1e-12);
    assertEquals(-1.0, b.tauLo(), 1e-12);
    assertEquals(1.0, b.tauHi(), 1e-12);
    assertEquals(0.0, b.diff().mean(), 1e-12);
    assertEquals(-1.2992, b.diff().lo(), 1e-4);
    assertEquals(1.2992, b.diff().hi(), 1e-4);
    assertEquals(0.5, b.meanAbsDiff(), 1e-12);
    SpotCheckStudy.Paired p = r.paired().get(0);
    assertEquals(-1.0 / 3, p.delta(), 1e-12);
    assertEquals(-2.0, p.lo(), 1e-12);
    assertEquals(0.0, p.hi(), 1e-12);
    assertEquals(4, p.replicates());
    assertEquals(SpotCheckStudy.Verdict.NO_DIFFERENCE, p.verdict());
    assertTrue(p.sentence().startsWith("B vs A: no detectable difference with 4 cells"), p.sentence());
  }

  /** Without the replicates where B ties A: B - A is -1/3, -2, -2, so [-2, -1/3] excludes 0 both ways round. */
  @Test
  void aVerdictOnlyWhenTheIntervalExcludesZero() {
    int[][] rs = {{0, 1, 2, 3}, {0, 0, 1, 1}, {0, 1, 0, 1}};
    SpotCheckStudy.Paired worse = SpotCheckStudy.of(inputs(), "A", List.of("B"), rs).paired().get(0);
    assertEquals(SpotCheckStudy.Verdict.WORSE, worse.verdict());
    assertEquals(-2.0, worse.lo(), 1e-12);
    assertEquals(-1.0 / 3, worse.hi(), 1e-12);
    assertTrue(worse.sentence().startsWith("B's table agrees worse with retraining than A's on the same 4 cells"),
        worse.sentence());
    SpotCheckStudy.Paired better = SpotCheckStudy.of(inputs(), "B", List.of("A"), rs).paired().get(0);
    assertEquals(SpotCheckStudy.Verdict.BETTER, better.verdict());
    assertEquals(1.0 / 3, better.lo(), 1e-12);
    assertTrue(better.sentence().startsWith("A's table agrees better"), better.sentence());
  }

  @Test
  void theSeededBootstrapIsReproducibleAndLeavesOutCellsWithoutAValueEverywhere() {
    double[] c = {1, 2, Double.NaN, 4};
    List<SpotCheckStudy.DatasetInput> in = List.of(input("A", A), input("B", B), input("C", c));
    SpotCheckStudy.Result one = SpotCheckStudy.of(in, "A", List.of("B", "C"), 500, 7);
    SpotCheckStudy.Result two = SpotCheckStudy.of(in, "A", List.of("B", "C"), 500, 7);
    assertEquals(one.paired(), two.paired());
    for (SpotCheckStudy.DatasetResult d : one.datasets()) {
      assertEquals(3, d.n(), d.input().dataset() + ": the cell C lacks is left out of every dataset");
    }
    // cells 0, 1, 3 remain: B swaps the first two of them
    assertEquals(1.0 / 3, one.datasets().get(1).tau(), 1e-12);
    assertEquals(500, one.bootstrap());
    assertNotEquals(one.paired(), SpotCheckStudy.of(in, "A", List.of("B", "C"), 500, 8).paired());
  }

  @Test
  void selectionIsStratifiedDeterministicAndFillsEmptyStrata() {
    double[] v = new double[200];
    boolean[] ok = new boolean[200];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < 100 ? i : 1000; // nothing between 100 and 1000
      ok[i] = i % 7 != 0;
    }
    ok[150] = true;
    List<SpotCheckStudy.Selected> s = SpotCheckStudy.select(v, ok, 10, 3);
    assertEquals(s, SpotCheckStudy.select(v, ok, 10, 3));
    assertNotEquals(s, SpotCheckStudy.select(v, ok, 10, 4));
    Set<Integer> distinct = new HashSet<>();
    for (SpotCheckStudy.Selected c : s) {
      assertTrue(ok[c.index()], "eligible: " + c);
      assertTrue(distinct.add(c.index()), "distinct: " + c);
    }
    // range [1, 1000] in 10 strata of 99.9: stratum 0 holds 1..99, strata 1..9 only the 1000s in the last
    assertEquals(0, s.get(0).stratum());
    assertTrue(s.get(0).value() < 100);
    assertEquals(1000.0, s.get(9).value());
    // the empty strata 1..8 take the unchosen cells nearest their centres: the top of 1..99, then 1000s
    for (int b = 1; b < 9; b++) {
      double centre = (s.get(b).lo() + s.get(b).hi()) / 2;
      assertTrue(centre > 100 && centre < 1000, "stratum " + b + " is empty: " + s.get(b));
    }
  }

  @Test
  void theWriterDeclaresItsTablesAndRegistersTheDatasetsFiles() throws Exception {
    Files.createDirectories(dir.resolve("A"));
    Artifacts.register(dir.resolve("A"), List.of(new Artifacts.Entry("spotcheck.csv", "table", "Spot check", "t", "c")));
    SpotCheckStudy.Result r = SpotCheckStudy.of(inputs(), "A", List.of("B"), 200, 1);
    List<SpotCheckStudy.Selected> cells = List.of(new SpotCheckStudy.Selected(5, 0, 0, 1, 0.5),
        new SpotCheckStudy.Selected(6, 1, 1, 2, 1.5), new SpotCheckStudy.Selected(7, 2, 2, 3, 2.5),
        new SpotCheckStudy.Selected(8, 3, 3, 4, 3.5));
    SpotCheckStudyWriter.write(r, cells, List.of("a5", "a6", "a7", "a8"), "A/valid-acc@12", Map.of("k", "v"), dir);
    for (var spec : List.of(SpotCheckStudyWriter.DATASETS, SpotCheckStudyWriter.PAIRED, SpotCheckStudyWriter.CELLS)) {
      List<String[]> rows = Table.readCsv(dir.resolve(spec.csv()));
      assertArrayEquals(spec.columns().toArray(String[]::new), rows.get(0), spec.path());
      assertTrue(Files.exists(dir.resolve(spec.path() + ".json")));
    }
    List<String[]> ds = Table.readCsv(dir.resolve(SpotCheckStudyWriter.DATASETS.csv()));
    assertEquals(3, ds.size());
    assertEquals("sha-B", ds.get(2)[SpotCheckStudyWriter.DATASETS.columns().indexOf("data_sha256")]);
    assertEquals("3", ds.get(2)[SpotCheckStudyWriter.DATASETS.columns().indexOf("trained")]);
    assertEquals(9, Table.readCsv(dir.resolve(SpotCheckStudyWriter.CELLS.csv())).size());
    List<String> paths = Artifacts.read(dir).stream().map(Artifacts.Entry::path).toList();
    assertTrue(paths.contains("A/spotcheck.csv"), paths.toString());
    assertTrue(paths.contains(SpotCheckStudyWriter.PAIRED.csv()), paths.toString());
    String json = Files.readString(dir.resolve(SpotCheckStudyWriter.JSON_FILE));
    assertTrue(json.contains("\"verdict\" : \"B vs A"), json);
  }
}
