package org.nash.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.nash.analysis.candidate.CandidateVerdict;
import org.nash.analysis.compare.ComparisonReport;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.CdDiagram;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Panels;
import org.nash.analysis.output.Plot;
import org.nash.analysis.stats.Describe;
import org.nash.io.AtomicFiles;
import org.nash.table.Unit;

/**
 * Tables and figures that go into a paper as they are, written beside the page of every report:
 * {@code tables/final-mean-std.tex} and {@code -se} (booktabs; mean +- std or +- standard error of
 * the final reported value per searcher x dataset x pool, the best mean of each column bold,
 * markers against the candidate explained in a footnote) with Markdown twins, and in {@code
 * figures/} the regret curves of each pool as one row of per-dataset panels and the
 * critical-difference diagram, in a paper style (no title, legend below, 8-9 pt text) at one-column
 * (3.3 in) and two-column (6.9 in) width, as PDF, SVG and PNG (about 300 dpi).
 */
public final class PaperExports {
  public static final String TABLES = "tables";
  public static final String FIGURES = "figures";
  /** Widths in pt: one column and two columns of a two-column paper (3.3 in and 6.9 in). */
  public static final int ONE_COLUMN = (int) Math.round(3.3 * 72);
  public static final int TWO_COLUMNS = (int) Math.round(6.9 * 72);
  /** PNG scale of paper figures: 4 px per pt = 288 dpi. */
  public static final int PNG_SCALE = 4;

  /**
   * What the exports show: {@code searchers} the labels in the order of the rows and legends (all
   * the experiment's, in its order, with candidates last, when empty); {@code names} a display name
   * per label (e.g. mine=Ours).
   */
  public record Options(List<String> searchers, Map<String, String> names) {
    public static final Options DEFAULT = new Options(List.of(), Map.of());

    public String name(String label) {
      return names.getOrDefault(label, label);
    }
  }

  private PaperExports() {}

  /** The searchers to show, in order: the selection, else the experiment's order with the candidates last. */
  public static List<String> order(Groups g, Options o, List<String> candidates, Map<String, String> searcherNames) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    g.datasets().forEach(ds -> all.addAll(g.searchers(ds)));
    if (!o.searchers().isEmpty()) {
      List<String> out = CandidateVerdict.resolve(g, searcherNames, o.searchers());
      candidates.stream().filter(c -> !out.contains(c)).forEach(out::add);
      return out;
    }
    List<String> out = new ArrayList<>(all.stream().filter(s -> !candidates.contains(s)).toList());
    out.addAll(candidates);
    return out;
  }

  /**
   * Writes the exports of one experiment into {@code dir}; {@code verdict} (or null) gives the markers
   * against its first candidate.
   */
  public static List<Artifacts.Entry> write(Groups g, Path dir, String section, List<String> searchers, Options o,
      CandidateVerdict.Result verdict, CandidateVerdict.Ranking ranking, Function<String, Unit> units,
      Charts.Style style) {
    List<Artifacts.Entry> out = new ArrayList<>();
    for (boolean se : new boolean[] {false, true}) {
      String base = TABLES + "/final-mean-" + (se ? "se" : "std");
      Tab t = table(g, searchers, o, verdict, units, se);
      AtomicFiles.writeAtomically(dir.resolve(base + ".tex"), t.latex());
      AtomicFiles.writeAtomically(dir.resolve(base + ".md"), t.markdown());
      out.add(new Artifacts.Entry(base + ".tex", "file", section,
          "Paper table: final reported value, mean ± " + (se ? "standard error" : "standard deviation"),
          "LaTeX (booktabs; \\input it, needs \\usepackage{booktabs}) and Markdown (" + base + ".md): one row per"
              + " searcher, one column per dataset and pool; " + t.note()));
    }
    for (String pool : pools(g)) {
      for (boolean wide : new boolean[] {false, true}) {
        Panels fig = regretPanels(dir, g, pool, searchers, o, units, style, wide ? TWO_COLUMNS : ONE_COLUMN);
        if (fig == null) {
          continue;
        }
        String base = FIGURES + "/regret-" + ComparisonReport.safe(pool) + (wide ? "-2col" : "-1col");
        savePaper(fig, dir, base);
        Artifacts.Entry e = new Artifacts.Entry(base + ".png", "figure", section,
            "Paper figure: regret over the budget, pool " + pool + (wide ? " (two columns, 6.9 in)" : " (one column, 3.3 in)"),
            "One panel per dataset: mean regret (log scale) of the incumbent over the budget (simulated or real"
                + " seconds where recorded, else queries), 95 % t band, one colour per searcher; a line starts where"
                + " every trial of its group has an incumbent. Paper style: no title, legend below, 8-9 pt text;"
                + " the same figure as " + base + ".pdf (vector) and .svg. Values: compare/curves.csv.");
        out.add(wide ? e : e.secondary());
      }
    }
    if (ranking != null && ranking.searchers().size() >= 2 && ranking.cells().size() >= 2) {
      CdDiagram cd = cdDiagram(ranking, searchers, o, style, ONE_COLUMN, true);
      String base = FIGURES + "/cd-diagram";
      savePaper(cd, dir, base);
      out.add(new Artifacts.Entry(base + ".png", "figure", section, "Paper figure: critical-difference diagram",
          cdCaption(ranking) + " As PDF, SVG and PNG, one column wide.").secondary());
    }
    return out;
  }

  /** The CD diagram of {@code ranking} with display names, restricted to and ordered like the ranked searchers. */
  static CdDiagram cdDiagram(CandidateVerdict.Ranking r, List<String> searchers, Options o, Charts.Style style, int width,
      boolean paper) {
    List<String> names = new ArrayList<>();
    java.awt.Color[] colors = new java.awt.Color[r.searchers().size()];
    for (int i = 0; i < r.searchers().size(); i++) {
      names.add(o.name(r.searchers().get(i)));
    }
    return new CdDiagram(names, r.friedman().ranks(), r.friedman().cd(), colors, width, paper);
  }

  static String cdCaption(CandidateVerdict.Ranking r) {
    return String.format(Locale.ROOT, "Average rank of each searcher over %d dataset × pool cells (1 = best mean final"
        + " reported value in the cell; ties share their average rank). Friedman χ² = %.3f, p = %s (k = %d searchers);"
        + " thick bars join searchers whose average ranks differ by less than the Nemenyi critical difference"
        + " CD = %.3f (α = 0.05, Demsar 2006): those are not significantly different.", r.cells().size(),
        r.friedman().chi2(), Findings.p(r.friedman().p()), r.searchers().size(), r.friedman().cd());
  }

  static void savePaper(org.nash.analysis.output.Figure f, Path dir, String base) {
    AtomicFiles.writeAtomically(dir.resolve(base + ".pdf"), Plot.pdf(f));
    AtomicFiles.writeAtomically(dir.resolve(base + ".svg"), Plot.svg(f));
    AtomicFiles.writeAtomically(dir.resolve(base + ".png"), Plot.png(f, PNG_SCALE));
  }

  private static List<String> pools(Groups g) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    g.datasets().forEach(ds -> out.addAll(g.pools(ds)));
    return new ArrayList<>(out);
  }

  /** Regret curves of one pool, one panel per dataset, read back from compare/curves.csv. */
  static Panels regretPanels(Path dir, Groups g, String pool, List<String> searchers, Options o,
      Function<String, Unit> units, Charts.Style style, int width) {
    Csv curves = Csv.read(dir, "", ComparisonReport.CURVES);
    if (curves == null) {
      return null;
    }
    Map<String, List<Map<String, String>>> bySeries = new LinkedHashMap<>();
    for (Map<String, String> r : curves.rows) {
      if (pool.equals(r.get("pool"))) {
        bySeries.computeIfAbsent(r.get("dataset") + "|" + r.get("axis") + "|" + r.get("searcher"), k -> new ArrayList<>())
            .add(r);
      }
    }
    List<Plot> panels = new ArrayList<>();
    for (String ds : g.datasets()) {
      if (!g.pools(ds).contains(pool)) {
        continue;
      }
      boolean seconds = bySeries.keySet().stream().anyMatch(k -> k.startsWith(ds + "|seconds|"));
      String axis = seconds ? "seconds" : "queries";
      Unit unit = units.apply(ds);
      double floor = ComparisonReport.regretFloor(unit);
      Plot p = new Plot(null, seconds ? "seconds (log)" : "queries (log)",
          panels.isEmpty() ? "regret" + ComparisonReport.diffUnit(unit) : "", true, true).paper().tag(ds);
      for (String s : searchers) {
        List<Map<String, String>> rows = bySeries.get(ds + "|" + axis + "|" + s);
        Groups.Group grp = g.group(ds, pool, s);
        if (rows == null || grp == null) {
          continue;
        }
        List<double[]> pts = new ArrayList<>();
        for (Map<String, String> r : rows) {
          if (Csv.num(r, "n") != grp.size()) {
            continue;
          }
          double m = Math.max(Csv.num(r, "regret_mean"), floor);
          double lo = Csv.num(r, "regret_lo");
          double hi = Csv.num(r, "regret_hi");
          pts.add(new double[] {Csv.num(r, "x"), m, Math.max(Double.isNaN(lo) ? m : lo, floor),
              Math.max(Double.isNaN(hi) ? m : hi, floor)});
        }
        if (pts.isEmpty()) {
          continue;
        }
        double[][] v = new double[4][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
          for (int k = 0; k < 4; k++) {
            v[k][i] = pts.get(i)[k];
          }
        }
        p.add(new Plot.Series(o.name(s), v[0], v[1], v[2], v[3], style.color(s), null, true, false, true));
      }
      if (!p.series().isEmpty()) {
        panels.add(p);
      }
    }
    if (panels.isEmpty()) {
      return null;
    }
    return Panels.of(panels, width, (int) Math.round(width == ONE_COLUMN ? 1.6 * 72 : 1.9 * 72));
  }

  /** A table in both formats: header cells, rows of cells, bold and marker flags, and the footnote. */
  record Tab(List<String> datasets, List<List<String>> pools, List<String> rows, String[][] cells, boolean[][] bold,
      String[][] marks, String footnote, String caption) {
    String note() {
      return footnote;
    }

    String latex() {
      StringBuilder b = new StringBuilder();
      int cols = pools.stream().mapToInt(List::size).sum();
      boolean poolRow = pools.stream().anyMatch(p -> p.size() > 1) || pools.stream().anyMatch(p -> !p.get(0).equals("full"));
      b.append("% written by nash report; needs \\usepackage{booktabs}\n");
      b.append("\\begin{table}[t]\n\\centering\n\\caption{").append(tex(caption)).append("}\n")
          .append("\\label{tab:nash-final}\n\\small\n\\begin{tabular}{l").append("r".repeat(cols)).append("}\n\\toprule\n");
      StringBuilder head = new StringBuilder();
      StringBuilder rules = new StringBuilder();
      int col = 2;
      for (int d = 0; d < datasets.size(); d++) {
        int n = pools.get(d).size();
        head.append(" & ").append(n == 1 ? tex(datasets.get(d)) : "\\multicolumn{" + n + "}{c}{" + tex(datasets.get(d)) + "}");
        rules.append(" \\cmidrule(lr){").append(col).append('-').append(col + n - 1).append('}');
        col += n;
      }
      b.append(poolRow ? "" : "Method").append(head).append(" \\\\\n");
      if (poolRow) {
        b.append(rules.toString().trim()).append('\n').append("Method");
        pools.forEach(ps -> ps.forEach(p -> b.append(" & ").append(tex(p))));
        b.append(" \\\\\n");
      }
      b.append("\\midrule\n");
      for (int r = 0; r < rows.size(); r++) {
        b.append(tex(rows.get(r)));
        for (int c = 0; c < cols; c++) {
          String v = cells[r][c];
          String cell = v == null ? "--" : v.replace(" ± ", " $\\pm$ ");
          if (bold[r][c]) {
            cell = "\\textbf{" + cell + "}";
          }
          if (marks[r][c] != null) {
            cell += marks[r][c].equals("†") ? "$^{\\dagger}$" : "$^{\\ddagger}$";
          }
          b.append(" & ").append(cell);
        }
        b.append(" \\\\\n");
      }
      b.append("\\bottomrule\n\\end{tabular}\n");
      if (!footnote.isEmpty()) {
        b.append("\\par\\smallskip\n{\\footnotesize ").append(tex(footnote)).append("}\n");
      }
      b.append("\\end{table}\n");
      return b.toString();
    }

    String markdown() {
      StringBuilder b = new StringBuilder("| Method |");
      List<String> sep = new ArrayList<>(List.of("---"));
      for (int d = 0; d < datasets.size(); d++) {
        for (String p : pools.get(d)) {
          b.append(' ').append(md(datasets.get(d) + (pools.get(d).size() > 1 || !p.equals("full") ? " / " + p : "")))
              .append(" |");
          sep.add("---:");
        }
      }
      b.append("\n|").append(String.join("|", sep)).append("|\n");
      for (int r = 0; r < rows.size(); r++) {
        b.append("| ").append(md(rows.get(r))).append(" |");
        for (int c = 0; c < cells[r].length; c++) {
          String v = cells[r][c] == null ? "–" : cells[r][c];
          b.append(' ').append(bold[r][c] ? "**" + v + "**" : v).append(marks[r][c] == null ? "" : marks[r][c])
              .append(" |");
        }
        b.append('\n');
      }
      b.append("\n").append(caption).append(footnote.isEmpty() ? "" : " " + footnote).append('\n');
      return b.toString();
    }
  }

  static Tab table(Groups g, List<String> searchers, Options o, CandidateVerdict.Result verdict,
      Function<String, Unit> units, boolean se) {
    List<String> datasets = g.datasets();
    List<List<String>> pools = new ArrayList<>();
    datasets.forEach(ds -> pools.add(g.pools(ds)));
    int cols = pools.stream().mapToInt(List::size).sum();
    String[][] cells = new String[searchers.size()][cols];
    boolean[][] bold = new boolean[searchers.size()][cols];
    String[][] marks = new String[searchers.size()][cols];
    String cand = verdict == null || verdict.candidates().isEmpty() ? null : verdict.candidates().get(0);
    Map<String, CandidateVerdict.Outcome> outcome = new HashMap<>();
    if (cand != null) {
      verdict.comparisons().stream().filter(x -> x.candidate().equals(cand))
          .forEach(x -> outcome.put(x.dataset() + "|" + x.pool() + "|" + x.baseline(), x.outcome()));
    }
    LinkedHashSet<Integer> ns = new LinkedHashSet<>();
    int c = 0;
    for (int d = 0; d < datasets.size(); d++) {
      String ds = datasets.get(d);
      Unit unit = units.apply(ds);
      String fmt = unit != null && unit.isPercent() ? "%.2f" : "%.3f";
      double best = Double.NEGATIVE_INFINITY;
      String[] means = new String[searchers.size()];
      for (String pool : pools.get(d)) {
        best = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < searchers.size(); r++) {
          double[] v = java.util.Arrays.stream(g.finalReported(ds, pool, searchers.get(r))).filter(x -> !Double.isNaN(x))
              .toArray();
          if (v.length == 0) {
            means[r] = null;
            continue;
          }
          ns.add(v.length);
          Describe s = Describe.of(v);
          means[r] = String.format(Locale.ROOT, fmt, s.mean());
          cells[r][c] = means[r] + " ± " + String.format(Locale.ROOT, fmt, se ? s.se() : s.std());
          best = Math.max(best, Double.parseDouble(means[r]));
          CandidateVerdict.Outcome out = outcome.get(ds + "|" + pool + "|" + searchers.get(r));
          marks[r][c] = out == CandidateVerdict.Outcome.WIN ? "†" : out == CandidateVerdict.Outcome.LOSS ? "‡" : null;
        }
        for (int r = 0; r < searchers.size(); r++) {
          // Bold what a reader sees as the best: every row whose printed mean equals the highest.
          bold[r][c] = means[r] != null && Double.parseDouble(means[r]) == best;
        }
        c++;
      }
    }
    List<String> rows = searchers.stream().map(o::name).toList();
    String seeds = ns.size() == 1 ? ns.iterator().next() + " seeds" : "seeds per cell from " + ns.stream().min(Integer::compare)
        .orElse(0) + " to " + ns.stream().max(Integer::compare).orElse(0);
    String caption = "Final reported value (" + String.join(", ", g.reportedKeys()) + ", higher is better): mean ± "
        + (se ? "standard error of the mean" : "standard deviation") + " over " + seeds + "; bold: best mean of the column.";
    String footnote = "";
    if (cand != null) {
      long m = verdict.comparisons().stream().filter(x -> x.candidate().equals(cand)).count();
      footnote = "†/‡: " + o.name(cand) + " is significantly better/worse than this method on this dataset and pool"
          + " (two-sided Mann-Whitney U test, Holm-corrected over all " + m + " comparisons of " + o.name(cand)
          + ", p < 0.05, and |Cliff's δ| ≥ 0.147, i.e. not negligible).";
    }
    return new Tab(datasets, pools, rows, cells, bold, marks, footnote, caption);
  }

  static String tex(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '\\' -> b.append("\\textbackslash{}");
        case '_', '&', '%', '#', '$', '{', '}' -> b.append('\\').append(ch);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        case '|' -> b.append("\\textbar{}");
        case '<' -> b.append("\\textless{}");
        case '>' -> b.append("\\textgreater{}");
        // pdflatex's utf8 input knows none of these in text: math mode
        case '±' -> b.append("$\\pm$");
        case 'δ' -> b.append("$\\delta$");
        case '≥' -> b.append("$\\geq$");
        case '×' -> b.append("$\\times$");
        case '†' -> b.append("$^{\\dagger}$");
        case '‡' -> b.append("$^{\\ddagger}$");
        case '–' -> b.append("--");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  static String md(String s) {
    return s.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
  }
}
