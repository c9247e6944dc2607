package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.candidate.CandidateVerdict;
import org.nash.analysis.compare.ComparisonReport;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.compare.Trials;
import org.nash.analysis.output.Charts;
import org.nash.results.TrialResult;
import org.nash.table.Unit;

/**
 * The paper exports of a synthetic study (three searchers, two datasets, two pools, a candidate):
 * the LaTeX table's structure (booktabs rules, one column per dataset x pool, bold best, markers
 * and their footnote, escaped names), that it compiles with pdflatex where TeX is installed (CI
 * installs a minimal TeX Live, .ci/latex.sh; without pdflatex only the structure is checked, under
 * CI=true it fails), and that the PDF figures are real PDFs (pdfinfo, where poppler is installed).
 */
class PaperExportsTest {
  @TempDir
  Path tmp;

  private Groups study() {
    List<TrialResult> ts = new ArrayList<>();
    for (String ds : List.of("cifar10", "cifar100")) {
      for (String pool : List.of("full", "skip,c3x3")) {
        for (int seed = 0; seed < 12; seed++) {
          ts.add(Trials.trial(ds, pool, "rs", seed, new double[] {1, 10, 80 + seed * 0.01}, new double[] {20, 200, 85 + seed * 0.02}));
          ts.add(Trials.trial(ds, pool, "re_x", seed, new double[] {1, 10, 82}, new double[] {30, 300, 90 + seed * 0.01}));
          ts.add(Trials.trial(ds, pool, "mine", seed, new double[] {1, 10, 83}, new double[] {25, 250, 92 + seed * 0.01}));
        }
      }
    }
    return new Groups(ts);
  }

  @Test
  void theLatexTableHasItsStructureAndCompiles() throws Exception {
    Groups g = study();
    Path dir = tmp.resolve("exp");
    Files.createDirectories(dir);
    ComparisonReport.write(g, dir, "s", Charts.Style.of(List.of("rs", "re_x", "mine"), List.of("full", "skip,c3x3")),
        ds -> Unit.PERCENT);
    CandidateVerdict.Result v = CandidateVerdict.of(g, List.of("mine"));
    PaperExports.Options o = new PaperExports.Options(List.of(), Map.of("mine", "Ours", "re_x", "RE_X & co"));
    List<String> order = PaperExports.order(g, o, List.of("mine"), Map.of());
    assertEquals(List.of("rs", "re_x", "mine"), order, "baselines in the config's order, the candidate last");
    PaperExports.write(g, dir, "paper", order, o, v, v.ranking(), ds -> Unit.PERCENT,
        Charts.Style.of(List.of("rs", "re_x", "mine"), List.of("full", "skip,c3x3")));

    String tex = Files.readString(dir.resolve("tables/final-mean-std.tex"));
    assertTrue(tex.contains("\\begin{tabular}{lrrrr}"), tex);
    for (String rule : List.of("\\toprule", "\\midrule", "\\bottomrule", "\\cmidrule(lr){2-3}", "\\cmidrule(lr){4-5}")) {
      assertTrue(tex.contains(rule), rule + " missing:\n" + tex);
    }
    assertTrue(tex.contains("\\multicolumn{2}{c}{cifar10}") && tex.contains("\\multicolumn{2}{c}{cifar100}"), tex);
    // Renamed and escaped, in order; the candidate is best everywhere: bold; rs and re_x lose: daggers.
    int rs = tex.indexOf("\nrs &");
    int re = tex.indexOf("\nRE\\_X \\& co &");
    int ours = tex.indexOf("\nOurs &");
    assertTrue(rs > 0 && re > rs && ours > re, tex);
    String oursRow = tex.substring(ours, tex.indexOf('\n', ours + 1));
    assertEquals(4, oursRow.split("\\\\textbf\\{", -1).length - 1, oursRow);
    String rsRow = tex.substring(rs, tex.indexOf('\n', rs + 1));
    assertEquals(4, rsRow.split("\\$\\^\\{\\\\dagger\\}\\$", -1).length - 1, rsRow);
    assertTrue(tex.contains("Holm-corrected over all 8 comparisons of Ours"), tex);
    assertTrue(tex.contains("92.06 $\\pm$ 0.04"), tex);
    String se = Files.readString(dir.resolve("tables/final-mean-se.tex"));
    assertTrue(se.contains("standard error of the mean") && se.contains("92.06 $\\pm$ 0.01"), se);
    String md = Files.readString(dir.resolve("tables/final-mean-std.md"));
    assertTrue(md.startsWith("| Method | cifar10 / full | cifar10 / skip,c3x3 |"), md);
    assertTrue(md.contains("| Ours | **92.06 ± 0.04** |") && md.contains("†"), md);

    String pdflatex = onPath("pdflatex");
    if (pdflatex == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("pdflatex is missing: CI installs a minimal TeX (.ci/latex.sh)");
      }
      assumeTrue(false, "pdflatex not installed: the table's structure was checked, not its compilation");
    }
    Files.writeString(tmp.resolve("paper.tex"), "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n"
        + "\\input{exp/tables/final-mean-std.tex}\n\\input{exp/tables/final-mean-se.tex}\n\\end{document}\n");
    Process p = new ProcessBuilder(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "paper.tex")
        .directory(tmp.toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), log);
    assertTrue(Files.size(tmp.resolve("paper.pdf")) > 1000);
  }

  @Test
  void paperFiguresAreVectorPdfsOfTheirWidthWithSvgAndPngTwins() throws Exception {
    Groups g = study();
    Path dir = tmp.resolve("exp");
    Files.createDirectories(dir);
    Charts.Style style = Charts.Style.of(List.of("rs", "re_x", "mine"), List.of("full", "skip,c3x3"));
    ComparisonReport.write(g, dir, "s", style, ds -> Unit.PERCENT);
    CandidateVerdict.Result v = CandidateVerdict.of(g, List.of("mine"));
    PaperExports.write(g, dir, "paper", List.of("mine", "rs"), PaperExports.Options.DEFAULT, v, v.ranking(),
        ds -> Unit.PERCENT, style);
    for (String base : List.of("figures/regret-full-1col", "figures/regret-skip_c3x3-2col", "figures/cd-diagram")) {
      byte[] pdf = Files.readAllBytes(dir.resolve(base + ".pdf"));
      assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"), base);
      String svg = Files.readString(dir.resolve(base + ".svg"));
      assertTrue(svg.contains("pt\" height=\""), "paper SVGs are sized in pt: " + svg.substring(0, 200));
      assertTrue(Files.size(dir.resolve(base + ".png")) > 2000);
    }
    String svg = Files.readString(dir.resolve("figures/regret-full-2col.svg"));
    assertTrue(svg.contains("width=\"497pt\""), svg.substring(0, 200));
    assertTrue(!svg.contains("font-size=\"15\""), "no title in a paper figure");
    assertTrue(svg.contains(">mine</text>") && svg.contains(">rs</text>") && !svg.contains(">re_x</text>"),
        "only the selected searchers are drawn");
    String pdfinfo = onPath("pdfinfo");
    assumeTrue(pdfinfo != null, "pdfinfo (poppler-utils) not installed: PDFs checked by their header only");
    Process p = new ProcessBuilder(pdfinfo, dir.resolve("figures/regret-full-1col.pdf").toString())
        .redirectErrorStream(true).start();
    String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), info);
    assertTrue(info.matches("(?s).*Page size:\\s+238 x \\d+(\\.\\d+)? pts.*"), info);
    assertTrue(info.matches("(?s).*Pages:\\s+1\\n.*"), info);
  }

  static String onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return Path.of(d, exe).toString();
      }
    }
    return null;
  }
}
