package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Table;

/**
 * Acceptance of {@code nash report --candidate}: a real NB-201 study (three datasets x two pools,
 * rs, re, ls and a candidate "mine", an REA with other settings), and the verdict checked against
 * numbers computed here from the trials file alone, the way scipy computes them: Mann-Whitney U
 * (average ranks, tie-corrected variance, continuity correction, two-sided normal p), Holm over all
 * 18 of the candidate's comparisons, Cliff's delta over all pairs, the win/tie/loss rule, average
 * ranks of the cell means and Friedman's statistic (tie-corrected) with its chi-square p.
 */
class CandidateReportTest {
  @TempDir
  static Path tmp;
  static Path run;

  private static final String CONFIG = """
      name: candidate-acceptance
      benchmark: nb201
      datasets: [cifar10, cifar100, ImageNet16-120]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re}
        - {name: ls}
        - {name: re, label: mine, params: {population: 20, sample: 5}}
      budget: {queries: 100}
      seeds: 25
      """;

  @BeforeAll
  static void runAndReport() throws Exception {
    Path cfg = tmp.resolve("study.yaml");
    Files.writeString(cfg, CONFIG);
    run = tmp.resolve("run");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    r = CliRunner.run("report", run.toString(), "--candidate", "mine", "--label", "mine=Ours", "--label", "re=REA");
    assertEquals(0, r.exit(), r.err());
  }

  /** Final reported value of every trial by "dataset|pool|searcher", in file order. */
  static Map<String, double[]> finals() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<Double>> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(run.resolve("trials.jsonl"))) {
      JsonNode t = json.readTree(line);
      m.computeIfAbsent(t.get("dataset").asText() + "|" + t.get("pool").asText() + "|" + t.get("searcher").asText(),
          k -> new ArrayList<>()).add(t.get("final").get("reported").asDouble());
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  static List<Map<String, String>> csv(String path) {
    List<String[]> raw = Table.readCsv(run.resolve(path));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < raw.size(); i++) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < raw.get(0).length; c++) {
        row.put(raw.get(0)[c], raw.get(i)[c]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True).pvalue */
  static double mannWhitneyP(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    double[] all = new double[n1 + n2];
    System.arraycopy(x, 0, all, 0, n1);
    System.arraycopy(y, 0, all, n1, n2);
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    double r1 = 0;
    for (double v : x) {
      int lo = 0;
      while (sorted[lo] < v) {
        lo++;
      }
      int hi = lo;
      while (hi + 1 < sorted.length && sorted[hi + 1] == v) {
        hi++;
      }
      r1 += (lo + hi) / 2.0 + 1;
    }
    double ties = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
        j++;
      }
      double t = j - i + 1;
      ties += t * t * t - t;
      i = j + 1;
    }
    double u1 = r1 - n1 * (n1 + 1) / 2.0;
    double u = Math.max(u1, (double) n1 * n2 - u1);
    double n = n1 + n2;
    double sd = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - ties / (n * (n - 1))));
    if (sd == 0) {
      return 1;
    }
    double z = (u - n1 * (double) n2 / 2 - 0.5) / sd;
    return Math.min(1, Erf.erfc(z / Math.sqrt(2)));
  }

  static double[] holm(double[] p) {
    Integer[] o = new Integer[p.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Double.compare(p[a], p[b]));
    double[] adj = new double[p.length];
    double running = 0;
    for (int r = 0; r < o.length; r++) {
      running = Math.max(running, Math.min(1, (p.length - r) * p[o[r]]));
      adj[o[r]] = running;
    }
    return adj;
  }

  static double cliff(double[] x, double[] y) {
    long more = 0;
    long less = 0;
    for (double a : x) {
      for (double b : y) {
        more += a > b ? 1 : 0;
        less += a < b ? 1 : 0;
      }
    }
    return (more - less) / (double) (x.length * y.length);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).sum() / v.length;
  }

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void theVerdictMatchesAnIndependentComputation() throws Exception {
    Map<String, double[]> f = finals();
    List<String> datasets = List.of("cifar10", "cifar100", "ImageNet16-120");
    List<String> pools = List.of("full", "skip+c1x1+c3x3");
    List<String> baselines = List.of("rs", "re", "ls");
    List<Map<String, String>> verdict = csv("candidate/verdict.csv");
    assertEquals(18, verdict.size());
    double[] p = new double[18];
    double[] d = new double[18];
    int i = 0;
    for (String ds : datasets) {
      for (String pool : pools) {
        for (String b : baselines) {
          double[] mine = f.get(ds + "|" + pool + "|mine");
          double[] base = f.get(ds + "|" + pool + "|" + b);
          p[i] = mannWhitneyP(mine, base);
          d[i] = cliff(mine, base);
          Map<String, String> row = verdict.get(i);
          assertEquals(List.of("mine", ds, pool, b), List.of(row.get("candidate"), row.get("dataset"), row.get("pool"),
              row.get("baseline")), "rows in dataset, pool, baseline order");
          close(p[i], Double.parseDouble(row.get("p")), "p " + row);
          close(d[i], Double.parseDouble(row.get("cliffs_delta")), "delta " + row);
          close(mean(mine) - mean(base), Double.parseDouble(row.get("mean_difference")), "mean difference " + row);
          i++;
        }
      }
    }
    double[] adj = holm(p);
    Map<String, int[]> tally = new HashMap<>();
    for (i = 0; i < 18; i++) {
      Map<String, String> row = verdict.get(i);
      close(adj[i], Double.parseDouble(row.get("p_holm")), "p_holm " + row);
      String expected = adj[i] < 0.05 && Math.abs(d[i]) >= 0.147 ? (d[i] > 0 ? "win" : "loss") : "tie";
      assertEquals(expected, row.get("outcome"), row.toString());
      int k = expected.equals("win") ? 0 : expected.equals("tie") ? 1 : 2;
      tally.computeIfAbsent(row.get("baseline"), x -> new int[3])[k]++;
      tally.computeIfAbsent("all", x -> new int[3])[k]++;
    }
    for (Map<String, String> t : csv("candidate/tally.csv")) {
      int[] e = tally.get(t.get("baseline"));
      assertEquals(List.of(e[0], e[1], e[2]), List.of(Integer.parseInt(t.get("wins")), Integer.parseInt(t.get("ties")),
          Integer.parseInt(t.get("losses"))), t.toString());
    }

    // Friedman over the six cells, ranks of the cell means (1 = best, ties averaged).
    List<String> searchers = List.of("rs", "re", "ls", "mine");
    int n = 6;
    int k = 4;
    double[] rankSum = new double[k];
    double tieTerm = 0;
    for (String ds : datasets) {
      for (String pool : pools) {
        double[] m = new double[k];
        for (int j = 0; j < k; j++) {
          m[j] = mean(f.get(ds + "|" + pool + "|" + searchers.get(j)));
        }
        for (int j = 0; j < k; j++) {
          int better = 0;
          int same = 0;
          for (int o = 0; o < k; o++) {
            better += m[o] > m[j] ? 1 : 0;
            same += m[o] == m[j] ? 1 : 0;
          }
          rankSum[j] += better + (same + 1) / 2.0;
        }
        for (int j = 0; j < k; j++) {
          int same = 0;
          boolean first = true;
          for (int o = 0; o < k; o++) {
            same += m[o] == m[j] ? 1 : 0;
            first &= !(o < j && m[o] == m[j]);
          }
          tieTerm += first ? Math.pow(same, 3) - same : 0;
        }
      }
    }
    double ssbn = Arrays.stream(rankSum).map(x -> x * x).sum();
    double chi2 = (12.0 / (n * k * (k + 1)) * ssbn - 3.0 * n * (k + 1)) / (1 - tieTerm / (n * k * (k * k - 1.0)));
    double pf = Gamma.regularizedGammaQ((k - 1) / 2.0, chi2 / 2);
    List<Map<String, String>> ranks = csv("candidate/ranks.csv");
    assertEquals(4, ranks.size());
    for (Map<String, String> r : ranks) {
      int j = searchers.indexOf(r.get("searcher"));
      close(rankSum[j] / n, Double.parseDouble(r.get("average_rank")), "average rank " + r);
      close(chi2, Double.parseDouble(r.get("friedman_chi2")), "Friedman chi2");
      assertEquals(pf, Double.parseDouble(r.get("friedman_p")), 1e-9, "Friedman p");
      assertEquals(String.valueOf(r.get("searcher").equals("mine")), r.get("candidate"));
    }
    for (int j = 1; j < ranks.size(); j++) {
      assertTrue(Double.parseDouble(ranks.get(j - 1).get("average_rank")) <= Double.parseDouble(ranks.get(j).get("average_rank")),
          "ranks table sorted best first");
    }

    // Seeds against the strongest baseline: the baseline with the best mean of each cell.
    for (Map<String, String> s : csv("candidate/seeds.csv")) {
      String cell = s.get("dataset") + "|" + s.get("pool") + "|";
      String best = baselines.stream().max((a, b) -> Double.compare(mean(f.get(cell + a)), mean(f.get(cell + b))))
          .orElseThrow();
      assertEquals(best, s.get("strongest_baseline"), s.toString());
    }
  }

  @Test
  void thePageOpensWithTheVerdictAndThePaperExportsAreBesideIt() throws Exception {
    String html = Files.readString(run.resolve("index.html"));
    int cand = html.indexOf("<section id=\"candidate\">");
    int findings = html.indexOf("<section id=\"findings\">");
    assertTrue(cand > 0 && cand < findings, "the candidate section comes first");
    assertTrue(html.contains("Is <b>mine</b> better?"), html.substring(cand, Math.min(html.length(), cand + 400)));
    for (String f : List.of("tables/final-mean-std.tex", "tables/final-mean-se.tex", "tables/final-mean-std.md",
        "figures/cd-diagram.pdf", "figures/regret-full-1col.pdf", "figures/regret-full-2col.svg",
        "figures/regret-skip_c1x1_c3x3-2col.png", "candidate/cd-diagram.png")) {
      assertTrue(Files.size(run.resolve(f)) > 500, f);
    }
    String tex = Files.readString(run.resolve("tables/final-mean-std.tex"));
    assertTrue(tex.contains("\nOurs &") && tex.contains("\nREA &") && tex.contains("\nrs &"), tex);
    assertTrue(tex.indexOf("\nOurs &") > tex.indexOf("\nls &"), "the candidate is the last row");
    // One column name per quantity: std as in summary.csv.
    assertTrue(Files.readAllLines(run.resolve("compare/final.csv")).get(0).contains(",reported_std,"));
    assertTrue(Files.readAllLines(run.resolve("summary.csv")).get(0).contains(",reported_std,"));
  }

  @Test
  void anUnknownCandidateIsAUserError() {
    CliRunner.Result r = CliRunner.run("report", run.toString(), "--out", tmp.resolve("copy").toString(), "--candidate",
        "nosuch");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--candidate nosuch: no searcher labelled or named 'nosuch'"), r.err());
    r = CliRunner.run("report", run.toString(), "--out", tmp.resolve("copy2").toString(), "--label", "mine");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--label mine: expected LABEL=NAME"), r.err());
  }
}
