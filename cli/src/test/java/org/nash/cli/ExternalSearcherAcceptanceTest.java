package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.stats.MannWhitney;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * The Python examples through {@code nash run} on the real NB-201 table: the Python regularized
 * evolution is nash's {@code re} with other random numbers (final results indistinguishable over
 * 200 seeds), and the Python searchers give the same bytes with 1 and 4 threads.
 */
class ExternalSearcherAcceptanceTest {
  @TempDir
  Path dir;

  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("clients/python"))) {
      p = p.getParent();
    }
    return p;
  }

  static String example(String name) {
    return "[python3, \"" + repo().resolve("clients/python/examples").resolve(name) + "\"]";
  }

  private Path run(String yaml, String name, int threads) throws Exception {
    Path cfg = dir.resolve(name + ".yaml");
    Files.writeString(cfg, yaml);
    Path out = dir.resolve(name);
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--threads",
        Integer.toString(threads), "--quiet");
    assertEquals(0, r.exit(), r.err());
    return out.resolve(TrialsFile.NAME);
  }

  @Test
  void pythonRegularizedEvolutionMatchesTheBuiltIn() throws Exception {
    String yaml = """
        benchmark: nb201
        datasets: [cifar10]
        fidelity: hp12
        pools: [full]
        searchers:
          - {name: re, params: {population: 10, sample: 3}}
          - {name: external, label: py-re, params: {command: %s, population: 10, sample: 3}}
        budget: {seconds: {cifar10: 20000}}
        seeds: 200
        """.formatted(example("regularized_evolution.py"));
    Map<String, double[]> finals = new TreeMap<>();
    var trials = TrialsFile.read(run(yaml, "re", 2)).trials();
    for (String s : new String[] {"re", "py-re"}) {
      finals.put(s, trials.stream().filter(t -> t.searcher().equals(s)).mapToDouble(t -> t.last().reported()).toArray());
      assertEquals(200, finals.get(s).length);
    }
    MannWhitney.Result mw = MannWhitney.test(finals.get("py-re"), finals.get("re"));
    System.out.printf(Locale.ROOT, "Python RE vs built-in re, NB-201 cifar10 full, 20,000 s, 200 seeds: "
        + "means %.3f vs %.3f, Mann-Whitney U = %.1f, p = %.4f%n", mean(finals.get("py-re")), mean(finals.get("re")), mw.u(), mw.p());
    assertTrue(mw.p() > 0.01, "Python RE differs from nash's re: p = " + mw.p());
    // the same rules, not the same numbers: the searchers draw from different generators
    assertTrue(!java.util.Arrays.equals(finals.get("py-re"), finals.get("re")));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  @Test
  void pythonSearchersGiveTheSameBytesWithOneAndFourThreads() throws Exception {
    String yaml = """
        benchmark: nb201
        datasets: [cifar10, cifar100]
        fidelity: hp12
        pools: [full, "skip,c1x1,c3x3"]
        searchers:
          - {name: external, label: py-rs, params: {command: %s, batch: 7}}
          - {name: external, label: py-re, params: {command: %s, population: 10, sample: 3}}
        budget: {seconds: {cifar10: 20000, cifar100: 40000}}
        seeds: 12
        """.formatted(example("random_search.py"), example("regularized_evolution.py"));
    byte[] one = Files.readAllBytes(run(yaml, "t1", 1));
    byte[] four = Files.readAllBytes(run(yaml, "t4", 4));
    assertEquals(2 * 2 * 2 * 12, TrialsFile.read(dir.resolve("t1").resolve(TrialsFile.NAME)).trials().size());
    assertArrayEquals(one, four);
    for (TrialResult t : TrialsFile.read(dir.resolve("t1").resolve(TrialsFile.NAME)).trials()) {
      assertEquals("budget", t.stop(), t.key());
      assertTrue(t.queries() > 50, t.key());
    }
  }

  /** The fenced block of {@code lang} that contains {@code marker}. */
  private static String block(String doc, String lang, String marker) {
    int at = doc.indexOf(marker);
    int start = doc.lastIndexOf("```" + lang + "\n", at) + ("```" + lang + "\n").length();
    return doc.substring(start, doc.indexOf("```", at));
  }

  /**
   * The two files of the ADDING_A_SEARCHER example, verbatim, in a folder outside the checkout, run
   * with {@code nash run study.yaml} from that folder (a nash process of its own, as the launcher
   * starts it): the worker imports nash_searcher through the PYTHONPATH nash sets.
   */
  @Test
  void documentedPythonSearcherRunsFromAFolderOutsideTheCheckout() throws Exception {
    String doc = Files.readString(repo().resolve("docs/ADDING_A_SEARCHER.md"));
    Path mine = Files.createDirectories(dir.resolve("my-searcher"));
    assertTrue(!mine.toRealPath().startsWith(repo().toRealPath()), "the folder is outside the checkout");
    Files.writeString(mine.resolve("one_plus_one.py"), block(doc, "python", "class OnePlusOne(Searcher)"));
    Files.writeString(mine.resolve("study.yaml"), block(doc, "yaml", "label: py-1+1"));
    assertTrue(!Files.readString(mine.resolve("one_plus_one.py")).contains("sys.path"), "no path changes needed");
    Path log = dir.resolve("nash.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "-Dnash.data.mirror=" + org.nash.TestData.mirror(), Nash.class.getName(),
        "run", "study.yaml", "--threads", "2", "--quiet")
        .directory(mine.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "the run ends");
    assertEquals(0, p.exitValue(), Files.readString(log));
    Path out = mine.resolve("results/one-plus-one");
    var trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(10, trials.size());
    assertEquals(5, trials.stream().filter(t -> t.searcher().equals("py-1+1") && t.queries() == 50).count());
    assertTrue(Files.readString(out.resolve("external-py-1+1.log")).contains("started for trial"));
  }
}
