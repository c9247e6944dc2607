package org.nash.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.plan.Plan;
import org.nash.report.Report;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.testing.Synthetic;

/**
 * The analyses over real trials files of the synthetic benchmark (the harness' test jar), no data
 * mirror needed: streamed report analyses equal the same analyses over the trials held in memory, a
 * file with repeated records is summarised with each trial once, and the report refuses a folder whose
 * run.json belongs to another config.
 */
class SyntheticResultsTest {
  @TempDir
  Path dir;

  private static final String TIMED = """
      name: reading-timed
      benchmark: synthetic
      datasets: [smooth, rugged]
      fidelity: low
      pools: [full, "skip,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-sweep, params: {from: 7}}
      budget: {seconds: {smooth: 1500, rugged: 4000}}
      seeds: 6
      trace: true
      """;

  private Path run(String yaml, String name) {
    Plan p = Synthetic.plan(yaml);
    Path out = dir.resolve(name);
    ExperimentRunner.run(p, out, 2, null);
    return out;
  }

  @Test
  void streamedAnalysesEqualTheInMemoryOnes() {
    Path out = run(TIMED, "timed");
    List<TrialResult> all = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    Report.Experiment e = Report.load(out, Synthetic.catalog()).get(0);
    Groups streamed = e.groups();
    Groups inMemory = new Groups(all);
    assertEquals(all.size(), e.trialCount());
    List<Curves.Curve> a = Curves.of(streamed);
    assertEquals(Curves.of(inMemory), a);
    // and the curve computed per group from the trials themselves (the computation before streaming)
    for (Curves.Curve c : a) {
      List<TrialResult> ts = all.stream().filter(t -> t.dataset().equals(c.dataset()) && t.pool().equals(c.pool())
          && t.searcher().equals(c.searcher())).toList();
      double[] grid = c.points().stream().mapToDouble(Curves.Point::x).toArray();
      assertEquals(Curves.curve(ts, c.axis(), grid), c.points(), c.dataset() + " " + c.pool() + " " + c.searcher());
    }
    for (Groups.Group g : streamed.groups()) {
      Groups.Group m = inMemory.group(g.dataset, g.pool, g.searcher);
      assertEquals(java.util.Arrays.toString(m.reported()), java.util.Arrays.toString(g.reported()));
      assertEquals(java.util.Arrays.toString(m.arch()), java.util.Arrays.toString(g.arch()));
      assertEquals(java.util.Arrays.toString(m.repeats()), java.util.Arrays.toString(g.repeats()));
    }
  }

  @Test
  void repeatedRecordsCountOnceInTheSummary() throws Exception {
    Path out = run("""
        benchmark: synthetic
        datasets: [smooth, rugged]
        pools: [full, "skip,c3x3"]
        searchers:
          - {name: test-random}
          - {name: test-sweep, params: {from: 10}}
        budget: {queries: 30}
        seeds: 3
        """, "dup");
    Path f = out.resolve(TrialsFile.NAME);
    List<String> ls = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    ls.addAll(ls.subList(0, 5));
    Files.writeString(f, String.join("\n", ls) + "\n", StandardCharsets.UTF_8);
    List<Summary.Row> rows = Summary.of(f);
    assertEquals(8, rows.size());
    for (Summary.Row r : rows) {
      assertEquals(3, r.trials(), r.toString());
    }
  }

  /** From the cli module's RunInfoTest: the report reads run.json as resume and merge do. */
  @Test
  void theReportRefusesARunJsonOfAnotherConfig() throws Exception {
    Path out = run("""
        benchmark: synthetic
        datasets: [smooth]
        pools: [full, "skip,c3x3"]
        searchers: [{name: test-random}, {name: test-sweep, params: {from: 2}}]
        budget: {queries: 15}
        seeds: 3
        """, "out");
    assertEquals(1, Report.load(out, Synthetic.catalog()).size());
    Files.writeString(out.resolve("config.yaml"), Files.readString(out.resolve("config.yaml")) + "# edited\n");
    NashException rep = assertThrows(NashException.class, () -> Report.load(out, Synthetic.catalog()));
    assertTrue(rep.getMessage().contains("run.json belongs to another config"), rep.getMessage());
  }
}
