package org.nash.report;

import static org.nash.report.HtmlPage.esc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.nash.NashException;
import org.nash.analysis.candidate.CandidateReport;
import org.nash.analysis.candidate.CandidateVerdict;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Plot;
import org.nash.analysis.reliability.Reliability;
import org.nash.io.AtomicFiles;

/**
 * The report's answer to "is my method better, where, and how sure?" ({@code nash report DIR
 * --candidate LABEL}): runs {@link CandidateVerdict} on each experiment that has the candidate,
 * writes {@code candidate/} and the paper exports ({@link PaperExports}, written for every report),
 * and renders the page's first section from the tables written, as {@link Findings} does.
 */
final class CandidateSection {
  private CandidateSection() {}

  /** Refuses a --candidate, --searchers or --label that names no searcher of any experiment. */
  static void check(Report.Options o, List<Report.Experiment> exps) {
    TreeSet<String> known = new TreeSet<>();
    for (Report.Experiment e : exps) {
      for (String ds : e.groups().datasets()) {
        for (String s : e.groups().searchers(ds)) {
          known.add(s);
          known.add(e.searcherNames().getOrDefault(s, s));
        }
      }
    }
    List<String[]> asked = new ArrayList<>();
    o.candidates().forEach(c -> asked.add(new String[] {"--candidate", c}));
    o.paper().searchers().forEach(c -> asked.add(new String[] {"--searchers", c}));
    o.paper().names().keySet().forEach(c -> asked.add(new String[] {"--label", c}));
    for (String[] a : asked) {
      if (!known.isEmpty() && !known.contains(a[1])) {
        throw new NashException(a[0] + " " + a[1] + ": no searcher labelled or named '" + a[1]
            + "' in these results; searchers: " + String.join(", ", known));
      }
    }
  }

  /**
   * The reliability pairs a candidate report compares: what was asked with --baseline / --pair, else
   * each candidate against every other searcher, candidate first.
   */
  static Reliability.Options pairs(Report.Options o, List<Report.Experiment> exps) {
    Reliability.Options c = o.compare();
    if (o.candidates().isEmpty() || c.baseline() != null || !c.pairs().isEmpty()) {
      return c;
    }
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (Report.Experiment e : exps) {
      e.groups().datasets().forEach(ds -> all.addAll(e.groups().searchers(ds)));
    }
    List<List<String>> pairs = new ArrayList<>();
    for (String cand : o.candidates()) {
      for (String s : all) {
        if (!s.equals(cand) && !o.candidates().contains(s)
            && (o.paper().searchers().isEmpty() || o.paper().searchers().contains(s))) {
          pairs.add(List.of(cand, s));
        }
      }
    }
    return new Reliability.Options(null, pairs, c.reference());
  }

  /** The verdict (when the experiment has a candidate) and the paper exports of one experiment. */
  static void analyse(Report.Experiment e, Report.Options o, Charts.Style style) {
    List<String> candidates = CandidateVerdict.resolve(e.groups(), e.searcherNames(), o.candidates());
    Map<String, String> names = new LinkedHashMap<>();
    o.paper().names().forEach((k, v) -> CandidateVerdict.resolve(e.groups(), e.searcherNames(), List.of(k))
        .forEach(l -> names.put(l, v)));
    PaperExports.Options paper = new PaperExports.Options(o.paper().searchers(), names);
    List<String> searchers = PaperExports.order(e.groups(), paper, candidates, e.searcherNames());
    String section = e.name() + ": is " + (candidates.isEmpty() ? "a method" : String.join(", ", candidates))
        + " better?";
    CandidateVerdict.Result verdict = null;
    List<Artifacts.Entry> entries = new ArrayList<>();
    if (!candidates.isEmpty()) {
      verdict = CandidateVerdict.of(e.groups(), candidates, searchers);
      entries.addAll(CandidateReport.write(verdict, e.dir(), section));
      CandidateVerdict.Ranking r = verdict.ranking();
      if (r.searchers().size() >= 2 && r.cells().size() >= 2) {
        String base = CandidateReport.DIR + "/cd-diagram";
        java.awt.Color[] colors = new java.awt.Color[r.searchers().size()];
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < colors.length; i++) {
          String s = r.searchers().get(i);
          colors[i] = candidates.contains(s) ? style.color(s) : null;
          shown.add(s);
        }
        var cd = new org.nash.analysis.output.CdDiagram(shown, r.friedman().ranks(), r.friedman().cd(), colors, 760, false);
        AtomicFiles.writeAtomically(e.dir().resolve(base + ".png"), Plot.png(cd, Charts.PNG_SCALE));
        AtomicFiles.writeAtomically(e.dir().resolve(base + ".svg"), Plot.svg(cd));
        entries.add(0, new Artifacts.Entry(base + ".png", "figure", section, "Critical-difference diagram",
            PaperExports.cdCaption(r) + " The candidate's label is in its colour."));
      }
    }
    Artifacts.replace(e.dir(), CandidateReport.DIR + "/", entries);
    String exportsSection = e.name() + ": tables and figures for a paper";
    CandidateVerdict.Ranking ranking = verdict != null ? verdict.ranking()
        : CandidateVerdict.ranking(e.groups(), searchers);
    List<Artifacts.Entry> exports = PaperExports.write(e.groups(), e.dir(), exportsSection, searchers, paper, verdict,
        ranking, ds -> Report.unit(e.benchmark(), ds), style);
    List<Artifacts.Entry> tables = exports.stream().filter(x -> x.path().startsWith(PaperExports.TABLES + "/")).toList();
    List<Artifacts.Entry> figures = exports.stream().filter(x -> x.path().startsWith(PaperExports.FIGURES + "/")).toList();
    Artifacts.replace(e.dir(), PaperExports.TABLES + "/", tables);
    Artifacts.replace(e.dir(), PaperExports.FIGURES + "/", figures);
  }

  // ---- the page's first section, from the tables written ----

  /** The candidate section of every experiment under {@code root} that has one, as HTML ("" when none). */
  static String html(Path root, List<String> prefixes) {
    StringBuilder h = new StringBuilder();
    for (String p : prefixes) {
      Csv verdict = Csv.read(root, p, CandidateReport.VERDICT);
      if (verdict == null || verdict.rows.isEmpty()) {
        continue;
      }
      String name = p.isEmpty() ? root.toAbsolutePath().normalize().getFileName().toString()
          : p.substring(0, p.length() - 1);
      LinkedHashSet<String> cands = new LinkedHashSet<>();
      verdict.rows.forEach(r -> cands.add(r.get("candidate")));
      for (String c : cands) {
        h.append("<h3>Is <b>").append(esc(c)).append("</b> better?").append(prefixes.size() > 1 ? " (" + esc(name) + ")" : "")
            .append("</h3>\n<ul>\n");
        tally(h, root, p, c);
        grid(h, verdict, p, c);
        ranks(h, root, p);
        seeds(h, root, p, c);
        onset(h, root, p, c);
        h.append("</ul>\n");
      }
    }
    if (h.length() == 0) {
      return "";
    }
    return "<section id=\"candidate\">\n<h2>Is the candidate better?</h2>\n" + h + "</section>\n";
  }

  private static void tally(StringBuilder h, Path root, String p, String c) {
    Csv t = Csv.read(root, p, CandidateReport.TALLY);
    if (t == null) {
      return;
    }
    List<String> parts = new ArrayList<>();
    Map<String, String> all = null;
    for (Map<String, String> r : t.where("candidate", c)) {
      if ("all".equals(r.get("baseline"))) {
        all = r;
        continue;
      }
      parts.add(String.format(Locale.ROOT, "vs <b>%s</b> %s / %s / %s", esc(r.get("baseline")), n(r, "wins"),
          n(r, "ties"), n(r, "losses")));
    }
    if (all == null) {
      return;
    }
    h.append("<li class=\"verdict-line\"><b>").append(esc(c)).append("</b> wins ").append(n(all, "wins"))
        .append(", ties ").append(n(all, "ties")).append(" and loses ").append(n(all, "losses")).append(" of ")
        .append(n(all, "cells")).append(" comparisons with the baselines (dataset × pool × baseline; a win or loss is"
            + " significant after Holm over all of them, p<sub>Holm</sub> &lt; 0.05, and not negligible, |δ| ≥ 0.147):"
            + " wins / ties / losses ").append(String.join("; ", parts)).append(". Evidence: ")
        .append(Findings.link(p + CandidateReport.VERDICT.csv(), "verdict table")).append(", ")
        .append(Findings.link(p + CandidateReport.TALLY.csv(), "tally")).append(".</li>\n");
  }

  /** Cells (rows) x baselines (columns): delta, magnitude, p_holm, shaded by outcome. */
  private static void grid(StringBuilder h, Csv verdict, String p, String c) {
    List<Map<String, String>> rows = verdict.where("candidate", c);
    LinkedHashSet<String> cells = new LinkedHashSet<>();
    LinkedHashSet<String> baselines = new LinkedHashSet<>();
    rows.forEach(r -> {
      cells.add(r.get("dataset") + "\u0000" + r.get("pool"));
      baselines.add(r.get("baseline"));
    });
    StringBuilder t = new StringBuilder("<div class=\"tbl\"><table class=\"findings verdict-grid\">\n<thead><tr>"
        + "<th>dataset</th><th>pool</th>");
    baselines.forEach(b -> t.append("<th>vs ").append(esc(b)).append("</th>"));
    t.append("</tr></thead>\n<tbody>\n");
    for (String cell : cells) {
      String[] dp = cell.split("\u0000", -1);
      t.append("<tr><td>").append(esc(dp[0])).append("</td><td>").append(esc(dp[1])).append("</td>");
      for (String b : baselines) {
        Map<String, String> r = rows.stream().filter(x -> dp[0].equals(x.get("dataset")) && dp[1].equals(x.get("pool"))
            && b.equals(x.get("baseline"))).findFirst().orElse(null);
        if (r == null) {
          t.append("<td></td>");
          continue;
        }
        String out = r.get("outcome");
        double d = Csv.num(r, "cliffs_delta");
        t.append("<td class=\"").append(out.equals("win") ? "sig" : out.equals("loss") ? "loss" : "tie").append("\">")
            .append("<b>").append(esc(out)).append("</b>").append("true".equals(r.get("strongest")) ? " ★" : "")
            .append("<br><span class=\"small\">δ = ").append(String.format(Locale.ROOT, "%+.2f", d)).append(" (")
            .append(esc(r.get("magnitude"))).append("), p<sub>Holm</sub> = ").append(Findings.p(Csv.num(r, "p_holm")))
            .append("<br>Δmean = ").append(String.format(Locale.ROOT, "%+.3f", Csv.num(r, "mean_difference")))
            .append("</span></td>");
      }
      t.append("</tr>\n");
    }
    t.append("</tbody></table></div>\n");
    h.append("<li>Per dataset and pool (rows) against each baseline (columns), candidate first: δ = Cliff's delta"
        + " (positive: ").append(esc(c)).append(" better), Δmean = difference of the mean final reported values;"
        + " green = win, red = loss; ★ = the strongest baseline of the cell (best mean).\n").append(t).append("</li>\n");
  }

  private static void ranks(StringBuilder h, Path root, String p) {
    Csv r = Csv.read(root, p + CandidateReport.DIR + "/ranks.csv");
    if (r == null || r.rows.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Map<String, String> row : r.rows) {
      boolean cand = "true".equals(row.get("candidate"));
      parts.add((cand ? "<b>" : "") + esc(row.get("searcher")) + " " + String.format(Locale.ROOT, "%.2f",
          Csv.num(row, "average_rank")) + (cand ? "</b>" : ""));
    }
    Map<String, String> f = r.rows.get(0);
    double cells = Csv.num(f, "cells");
    h.append("<li>Average rank over the ").append(Findings.fmtInt(cells)).append(" dataset × pool cells (1 = best): ")
        .append(String.join(", ", parts)).append(". ");
    if (cells >= 2 && r.rows.size() >= 2) {
      double pf = Csv.num(f, "friedman_p");
      h.append(String.format(Locale.ROOT, "Friedman χ² = %.2f, p = %s: ", Csv.num(f, "friedman_chi2"), Findings.p(pf)))
          .append(pf < 0.05 ? "the searchers' ranks differ" : "no evidence that the ranks differ")
          .append(String.format(Locale.ROOT, "; Nemenyi critical difference %.2f (α = 0.05): average ranks closer than"
              + " that are not significantly different", Csv.num(f, "nemenyi_cd")));
      if (cells < 5) {
        h.append(" (with only ").append(Findings.fmtInt(cells)).append(" cells the test has little power)");
      }
      h.append(". ");
    }
    h.append("Evidence: ").append(Findings.link(p + CandidateReport.DIR + "/ranks.csv", "ranks table"));
    if (Files.exists(root.resolve(p + CandidateReport.DIR + "/cd-diagram.png"))) {
      h.append(", ").append(Findings.link(p + CandidateReport.DIR + "/cd-diagram.png", "critical-difference diagram"))
          .append(".\n<img class=\"cd\" alt=\"critical-difference diagram\" src=\"").append(esc(p + CandidateReport.DIR
              + "/cd-diagram.png")).append("\" width=\"").append(cdWidth(root.resolve(p + CandidateReport.DIR
                  + "/cd-diagram.png"))).append("\">");
    } else {
      h.append('.');
    }
    h.append("</li>\n");
  }

  private static int cdWidth(Path png) {
    int[] s = HtmlPage.pngSize(png);
    return s == null ? 760 : s[0] / Charts.PNG_SCALE;
  }

  private static void seeds(StringBuilder h, Path root, String p, String c) {
    Csv s = Csv.read(root, p, CandidateReport.SEEDS);
    if (s == null) {
      return;
    }
    List<String> parts = new ArrayList<>();
    int lo = Integer.MAX_VALUE;
    int hi = 0;
    int never = 0;
    List<Map<String, String>> rows = s.where("candidate", c);
    for (Map<String, String> r : rows) {
      double n = Csv.num(r, "seeds_to_p05");
      double d = Csv.num(r, "cliffs_delta");
      String where = esc(r.get("dataset") + " / " + r.get("pool")) + " vs " + esc(r.get("strongest_baseline"))
          + String.format(Locale.ROOT, " (δ %+.2f, %s)", d, d > 0 ? esc(c) + " better" : d < 0 ? esc(c) + " worse" : "even");
      if (Double.isNaN(n)) {
        never++;
        parts.add(where + ": not reached with " + Findings.fmtInt(Csv.num(r, "max_seeds")));
      } else {
        lo = Math.min(lo, (int) n);
        hi = Math.max(hi, (int) n);
        parts.add(where + ": " + (int) n);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    h.append("<li>Seeds a study needs against the <b>strongest</b> baseline of each cell (median p of n-seed studies"
        + " below 0.05): ").append(lo <= hi ? lo == hi ? lo + " seeds" : lo + " to " + hi + " seeds per searcher" : "none")
        .append(never > 0 ? " (" + never + " cell(s) never, even with every seed run)" : "").append(" — ")
        .append(String.join("; ", parts)).append(". Evidence: ")
        .append(Findings.link(p + CandidateReport.SEEDS.csv(), "seeds table")).append(".</li>\n");
  }

  private static void onset(StringBuilder h, Path root, String p, String c) {
    Csv s = Csv.read(root, p, CandidateReport.ONSET);
    if (s == null) {
      return;
    }
    List<String> parts = new ArrayList<>();
    int none = 0;
    List<Map<String, String>> rows = s.where("candidate", c);
    for (Map<String, String> r : rows) {
      double b = Csv.num(r, "significant_from");
      if (Double.isNaN(b)) {
        none++;
        continue;
      }
      parts.add(esc(r.get("dataset") + " / " + r.get("pool")) + " vs " + esc(r.get("baseline")) + " from "
          + Findings.fmtInt(b) + " " + esc(r.get("axis")) + String.format(Locale.ROOT, " (%.0f %% of the budget)",
              100 * Csv.num(r, "fraction")));
    }
    if (rows.isEmpty()) {
      return;
    }
    h.append("<li>Anytime: ").append(parts.isEmpty() ? "the candidate's advantage is not significant at any budget"
        + " through to the end in any cell" : "the candidate is significantly and non-negligibly better from then on: "
        + String.join("; ", parts)).append(none > 0 && !parts.isEmpty() ? "; no lasting advantage in the other " + none
            + " comparison(s)" : "").append(". Evidence: ")
        .append(Findings.link(p + CandidateReport.ANYTIME.csv(), "anytime table")).append(", ")
        .append(Findings.link(p + CandidateReport.ONSET.csv(), "onset table")).append(".</li>\n");
  }

  private static String n(Map<String, String> r, String col) {
    return Findings.fmtInt(Csv.num(r, col));
  }
}
