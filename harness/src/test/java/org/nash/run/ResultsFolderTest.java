package org.nash.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.nash.config.ConfigLoader;
import org.nash.plan.Plan;
import org.nash.results.RecordCheck;
import org.nash.results.SavedExperiment;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.testing.Synthetic;

/**
 * Results integrity (issue 16 items 2, 3, 10): records are checked against the config's grid and
 * settings on resume and on read, and seeds can grow. On the synthetic benchmark; the limits checked
 * before any work are in {@code ConfigLoaderTest}, the summary of a file with repeated records in
 * analysis' {@code SyntheticResultsTest}.
 */
class ResultsFolderTest {
  @TempDir
  Path dir;

  private static final String CONFIG = """
      benchmark: synthetic
      datasets: [smooth, rugged]
      pools: [full, "skip,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-sweep, params: {from: 10}}
      budget: {queries: 30}
      seeds: 3
      """;

  private static Plan plan(String yaml) {
    return Synthetic.plan(yaml);
  }

  private static List<String> lines(Path f) throws Exception {
    return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
  }

  private static void write(Path f, List<String> lines) throws Exception {
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static NashException refused(Plan p, Path out) {
    return assertThrows(NashException.class, () -> ExperimentRunner.run(p, out, 2, null));
  }

  @Test
  void duplicateLinesCountOnceOnResumeAndRead() throws Exception {
    Plan p = plan(CONFIG);
    Path out = dir.resolve("dup");
    ExperimentRunner.run(p, out, 2, null);
    Path f = out.resolve(TrialsFile.NAME);
    List<String> ls = lines(f);
    ls.addAll(ls.subList(0, 5));
    write(f, ls);
    ExperimentRunner.Outcome o = ExperimentRunner.run(p, out, 2, null);
    assertEquals(24, o.skipped());
    assertEquals(0, o.ran());
    assertTrue(o.repaired().contains("5 duplicate record(s) are ignored (first at line 25"), o.repaired());
    TrialsFile.Contents c = TrialsFile.read(f);
    assertEquals(24, c.trials().size());
    assertTrue(c.problem().contains("5 duplicate record(s) dropped (line 25 repeats trial"), c.problem());
  }

  @Test
  void foreignAndNonTrialLinesAreRefusedWithTheirLineNumber() throws Exception {
    Plan p = plan(CONFIG);
    Path out = dir.resolve("foreign");
    ExperimentRunner.run(p, out, 2, null);
    Path f = out.resolve(TrialsFile.NAME);
    List<String> good = lines(f);
    RecordCheck check = RecordCheck.of(p.experiment(), p.benchmark(), getClass().getClassLoader());

    String[][] cases = {
        {"{}", ":4: not a trial record: missing field(s) key, benchmark"},
        {"null", ":4: not a trial record: the line is JSON null"},
        {good.get(3).replaceFirst(",\"dataset\":\"[^\"]*\"", ""), ":4: not a trial record: missing field(s) dataset"},
        {good.get(3).replace("\"budget_queries\":30", "\"budget_queries\":300"),
            ":4: trial smooth/full/test-sweep/0 was run with budget_queries 300, this experiment has 30"},
        {good.get(3).replace("\"charge_repeats\":true", "\"charge_repeats\":false"), "was run with charge_repeats false"},
        {good.get(3).replace("smooth/valid@4", "smooth/valid@50"), "was run with signal"},
        {good.get(3).replace("\"key\":\"smooth/full/test-sweep/0", "\"key\":\"smooth/full/test-sweep/9").replace("\"seed\":0", "\"seed\":9"),
            "is not in this experiment's grid (seed 9 is outside 0..2)"},
        {good.get(3).replace("smooth/full/", "smooth/c1x1/").replace("\"pool\":\"full\"", "\"pool\":\"c1x1\""),
            "is not in this experiment's grid (pool 'c1x1' is not among [full, skip+c3x3])"},
        {good.get(3).replace("\"version\":\"", "\"version\":\"0ld"), "was run on benchmark data version 0ld"},
    };
    for (String[] c : cases) {
      List<String> ls = new ArrayList<>(good);
      ls.set(3, c[0]);
      write(f, ls);
      NashException resume = refused(p, out);
      assertTrue(resume.getMessage().contains(c[1]), c[1] + " <- " + resume.getMessage());
      if (!c[1].contains("data version")) { // the report names another data version itself
        NashException read = assertThrows(NashException.class, () -> TrialsFile.read(f, check));
        assertTrue(read.getMessage().contains(c[1]), c[1] + " <- " + read.getMessage());
      }
    }
    write(f, good);
    assertEquals(0, ExperimentRunner.run(p, out, 2, null).ran());
  }

  @Test
  void aHugeQueryBudgetOnATinyPoolEndsPromptly() throws Exception {
    // At most MAX_QUERIES per trial; a searcher that never repeats ends once it has seen the pool.
    Plan p = plan("""
        benchmark: synthetic
        datasets: [smooth]
        pools: ["skip,c3x3"]
        searchers: [{name: test-random}, {name: test-sweep, label: sweep}, {name: test-random, label: random-distinct, params: {distinct: true}}]
        budget: {queries: 1000000}
        seeds: 1
        """);
    long t0 = System.nanoTime();
    ExperimentRunner.run(p, dir.resolve("tiny"), 2, null);
    assertTrue(System.nanoTime() - t0 < 60e9, "took " + (System.nanoTime() - t0) / 1e9 + " s");
    for (TrialResult r : TrialsFile.read(dir.resolve("tiny").resolve(TrialsFile.NAME)).trials()) {
      if (r.searcher().equals("test-random")) {
        assertEquals("budget", r.stop());
        assertEquals(1_000_000, r.queries());
      } else {
        assertEquals("searcher exhausted", r.stop(), r.key());
        assertEquals(64, r.queries(), r.key());
      }
    }
  }

  @Test
  void addingSeedsExtendsAStudyAndOtherChangesAreNamed() throws Exception {
    Path ref = dir.resolve("ref");
    ExperimentRunner.run(plan(CONFIG.replace("seeds: 3", "seeds: 5")), ref, 2, null);
    Path out = dir.resolve("grow");
    ExperimentRunner.run(plan(CONFIG), out, 2, null);
    ExperimentRunner.Outcome o = ExperimentRunner.run(plan(CONFIG.replace("seeds: 3", "seeds: 5")), out, 2, null);
    assertEquals(24, o.skipped());
    assertEquals(16, o.ran());
    assertTrue(o.repaired().contains("extending the study from 3 to 5 seeds"), o.repaired());
    assertTrue(Files.readString(out.resolve(SavedExperiment.CONFIG_NAME)).contains("seeds: 5"));
    // the same records as a 5-seed run from scratch, in another order
    List<String> grown = lines(out.resolve(TrialsFile.NAME));
    List<String> fresh = lines(ref.resolve(TrialsFile.NAME));
    assertEquals(new java.util.TreeSet<>(fresh), new java.util.TreeSet<>(grown));

    // fewer seeds than the folder holds: a prefix, already done; the saved config keeps 5
    ExperimentRunner.Outcome fewer = ExperimentRunner.run(plan(CONFIG.replace("seeds: 3", "seeds: 2")), out, 2, null);
    assertEquals(0, fewer.ran());
    assertEquals(16, fewer.skipped());
    assertTrue(Files.readString(out.resolve(SavedExperiment.CONFIG_NAME)).contains("seeds: 5"));
    RecordCheck check = RecordCheck.of(ConfigLoader.load(out.resolve(SavedExperiment.CONFIG_NAME)), plan(CONFIG).benchmark(),
        getClass().getClassLoader());
    assertEquals(40, TrialsFile.read(out.resolve(TrialsFile.NAME), check).trials().size());

    NashException e = refused(plan(CONFIG.replace("queries: 30", "queries: 31").replace("[smooth, rugged]",
        "[smooth]")), out);
    assertTrue(e.getMessage().contains("differs from this config in budget.queries (folder: 30, this config: 31);"
        + " datasets (folder: [smooth, rugged], this config: [smooth])"), e.getMessage());
    assertArrayEquals(grown.toArray(), lines(out.resolve(TrialsFile.NAME)).toArray());
  }

  @Test
  void aFolderWithoutItsConfigAdoptsOnlyItsOwnRecords() throws Exception {
    Path out = dir.resolve("noconfig");
    ExperimentRunner.run(plan(CONFIG), out, 2, null);
    Files.delete(out.resolve(SavedExperiment.CONFIG_NAME));
    NashException e = refused(plan(CONFIG.replace("queries: 30", "queries: 40")), out);
    assertTrue(e.getMessage().contains(":1: trial smooth/full/test-random/0 was run with budget_queries 30, this experiment has 40"),
        e.getMessage());
    ExperimentRunner.Outcome o = ExperimentRunner.run(plan(CONFIG), out, 2, null);
    assertEquals(24, o.skipped());
    assertNull(o.repaired());
  }
}
