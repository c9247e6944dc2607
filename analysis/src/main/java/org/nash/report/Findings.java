package org.nash.report;

import static org.nash.report.HtmlPage.esc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.compare.ComparisonReport;
import org.nash.analysis.reliability.BlockReliability;
import org.nash.analysis.reliability.ReliabilityReport;
import org.nash.analysis.stats.CliffsDelta;

/**
 * The findings that open the page, computed from the tables the analyses wrote: per experiment,
 * the best searcher of each dataset and pool (with Cliff's delta and the Holm-corrected p against
 * the runner-up), whether a restricted pool helps, how many seeds a comparison needs and which
 * dataset separates the searchers best. Every statement links to the table or figure it comes from.
 */
final class Findings {
  /** Significance level of the Holm-corrected p-values (as in the comparison tables). */
  static final double ALPHA = 0.05;
  /** |Cliff's delta| below this is negligible (Romano et al.): never shaded as a finding. */
  static final double NEGLIGIBLE = 0.147;

  private Findings() {}

  /** The findings of the experiments under {@code root} ({@code prefixes}: "" or "sub/"), as HTML. */
  static String html(Path root, List<String> prefixes) {
    StringBuilder h = new StringBuilder();
    for (String p : prefixes) {
      Csv fin = Csv.read(root, p, ComparisonReport.FINAL);
      if (fin == null || fin.rows.isEmpty()) {
        continue;
      }
      String name = p.isEmpty() ? root.toAbsolutePath().normalize().getFileName().toString()
          : p.substring(0, p.length() - 1);
      h.append("<h3>").append(esc(name)).append("</h3>\n<ul>\n");
      best(h, root, p, fin);
      requeries(h, p, fin);
      sources(h, root, p);
      MixedAnswers.line(h, root, p); // issue 24
      pools(h, root, p);
      ExtendedPoolsLine.line(h, root, p); // issue 24
      reliability(h, root, p);
      h.append("</ul>\n");
    }
    return h.toString();
  }

  /** Best searcher per dataset and pool: a small grid (datasets x pools). */
  private static void best(StringBuilder h, Path root, String p, Csv fin) {
    Csv tests = Csv.read(root, p, ComparisonReport.SEARCHER_TESTS);
    LinkedHashSet<String> datasets = new LinkedHashSet<>();
    LinkedHashSet<String> pools = new LinkedHashSet<>();
    fin.rows.forEach(r -> {
      datasets.add(r.get("dataset"));
      pools.add(r.get("pool"));
    });
    int decided = 0;
    int cells = 0;
    StringBuilder t = new StringBuilder("<div class=\"tbl\"><table class=\"findings\">\n<thead><tr><th>dataset</th>");
    pools.forEach(pool -> t.append("<th>").append(esc(pool)).append("</th>"));
    t.append("</tr></thead>\n<tbody>\n");
    for (String ds : datasets) {
      t.append("<tr><td>").append(esc(ds)).append("</td>");
      for (String pool : pools) {
        List<Map<String, String>> rs = fin.rows.stream()
            .filter(r -> ds.equals(r.get("dataset")) && pool.equals(r.get("pool")))
            .sorted(Comparator.comparingDouble((Map<String, String> r) -> -Csv.num(r, "reported_mean"))).toList();
        if (rs.isEmpty()) {
          t.append("<td></td>");
          continue;
        }
        cells++;
        String best = rs.get(0).get("searcher");
        boolean cellSig = false;
        StringBuilder cell = new StringBuilder("<b>").append(esc(best)).append("</b> ")
            .append(fmt(Csv.num(rs.get(0), "reported_mean")));
        if (rs.size() > 1 && tests != null) {
          String second = rs.get(1).get("searcher");
          Map<String, String> test = pair(tests, ds, pool, best, second);
          if (test != null) {
            double delta = Csv.num(test, "cliffs_delta") * (best.equals(test.get("a")) ? 1 : -1);
            double ph = Csv.num(test, "p_holm");
            // Shaded only where the difference is significant AND not negligible (|delta| >= 0.147).
            cellSig = ph < ALPHA && Math.abs(delta) >= NEGLIGIBLE;
            decided += cellSig ? 1 : 0;
            cell.append(cellSig ? " &gt; " : ph < ALPHA ? " ≳ " : " ≈ ").append(esc(second)).append("<br><span class=\"small\">δ = ")
                .append(String.format(Locale.ROOT, "%.2f", delta)).append(" (").append(CliffsDelta.magnitude(delta))
                .append("), p<sub>Holm</sub> = ").append(p(ph)).append("</span>");
          }
        }
        t.append(cellSig ? "<td class=\"sig\">" : "<td>").append(cell).append("</td>");
      }
      t.append("</tr>\n");
    }
    t.append("</tbody></table></div>\n");
    h.append("<li>Best searcher by mean final reported value, per dataset (row) and pool (column), against the"
        + " runner-up: significantly better (two-sided Mann-Whitney U, Holm-corrected over the pairs of the dataset"
        + " and pool, p<sub>Holm</sub> &lt; 0.05) by a non-negligible margin (|δ| ≥ 0.147) in ").append(decided)
        .append(" of ").append(cells).append(" cells (shaded; ≳: significant but negligible); δ = Cliff's delta of the"
            + " best over the runner-up. Evidence: ")
        .append(link(p + ComparisonReport.FINAL.csv(), "final-budget table")).append(", ")
        .append(link(p + ComparisonReport.SEARCHER_TESTS.csv(), "pairwise tests")).append(".\n").append(t).append("</li>\n");
  }

  /** Re-queries per searcher over all datasets and pools: budget spent on architectures already seen. */
  private static void requeries(StringBuilder h, String p, Csv fin) {
    if (fin.rows.isEmpty() || !fin.rows.get(0).containsKey("repeats_mean")) {
      return;
    }
    Map<String, double[]> per = new java.util.TreeMap<>();
    for (Map<String, String> r : fin.rows) {
      double n = Csv.num(r, "trials");
      double[] acc = per.computeIfAbsent(r.get("searcher"), k -> new double[2]);
      acc[0] += n * Csv.num(r, "repeats_mean");
      acc[1] += n * Csv.num(r, "queries_mean");
    }
    List<String> parts = new ArrayList<>();
    double worst = 0;
    for (Map.Entry<String, double[]> e : per.entrySet()) {
      double share = e.getValue()[1] > 0 ? e.getValue()[0] / e.getValue()[1] : Double.NaN;
      worst = Math.max(worst, Double.isNaN(share) ? 0 : share);
      parts.add("<b>" + esc(e.getKey()) + "</b> " + String.format(Locale.ROOT, "%.1f %%", 100 * share));
    }
    h.append("<li").append(worst >= 0.1 ? " class=\"attn\"" : "").append(">Re-queries (queries of an architecture the"
        + " trial had already evaluated) as a share of the charged queries, over all datasets and pools: ")
        .append(String.join(", ", parts)).append(worst >= 0.1 ? " — a searcher above 10 % spends a noticeable part of"
            + " its budget on architectures it has seen" : "").append(". Evidence: ")
        .append(link(p + ComparisonReport.FINAL.csv(), "final-budget table")).append(" (repeats_mean, repeats_share).</li>\n");
  }

  /** Where a training oracle's values came from, per searcher (only written when some were not read from the table). */
  private static void sources(StringBuilder h, Path root, String p) {
    Csv src = Csv.read(root, p, ComparisonReport.SOURCES);
    if (src == null || src.rows.isEmpty()) {
      return;
    }
    Map<String, long[]> per = new java.util.LinkedHashMap<>();
    java.util.TreeSet<String> kinds = new java.util.TreeSet<>();
    java.util.TreeSet<String> oracles = new java.util.TreeSet<>();
    for (Map<String, String> r : src.rows) {
      long[] acc = per.computeIfAbsent(r.get("searcher"), k -> new long[4]);
      String[] cols = {"table", "trained", "cached", "predicted"};
      for (int i = 0; i < 4; i++) {
        double v = Csv.num(r, cols[i]);
        acc[i] += Double.isNaN(v) ? 0 : (long) v;
      }
      kinds.add(r.get("seconds"));
      oracles.add(r.get("oracle"));
    }
    List<String> parts = new ArrayList<>();
    per.forEach((s, a) -> parts.add(String.format(Locale.ROOT, "<b>%s</b> %d trained, %d cached, %d table%s", esc(s),
        a[1], a[2], a[0], a[3] > 0 ? ", " + a[3] + " predicted" : "")));
    String secs = kinds.contains("mixed") || kinds.size() > 1
        ? "seconds are real (timed trainings) for trained and cached values and simulated for table values"
        : kinds.contains("real") ? "seconds are real: timed trainings (stored seconds for cached ones)"
        : "seconds are simulated";
    h.append("<li>Where the values came from (oracle ").append(esc(String.join(", ", oracles))).append("), charged"
        + " queries per searcher: ").append(String.join("; ", parts)).append(". Cached = a training read back from the"
        + " result store; ").append(secs).append(". Evidence: ").append(link(p + ComparisonReport.SOURCES.csv(), "sources table"))
        .append(".</li>\n");
  }

  /** The test of {@code a} against {@code b} in either order, or null. */
  static Map<String, String> pair(Csv tests, String ds, String group, String a, String b) {
    String gcol = tests.rows.isEmpty() ? "pool" : tests.rows.get(0).containsKey("pool") ? "pool" : "searcher";
    for (Map<String, String> r : tests.rows) {
      if (ds.equals(r.get("dataset")) && group.equals(r.get(gcol))
          && (a.equals(r.get("a")) && b.equals(r.get("b")) || a.equals(r.get("b")) && b.equals(r.get("a")))) {
        return r;
      }
    }
    return null;
  }

  /** Restricted vs full pool: per restricted pool, how many dataset x searcher tests it wins or loses. */
  private static void pools(StringBuilder h, Path root, String p) {
    Csv tests = Csv.read(root, p, ComparisonReport.POOL_TESTS);
    if (tests == null || tests.rows.isEmpty()) {
      return;
    }
    LinkedHashSet<String> restricted = new LinkedHashSet<>();
    tests.rows.forEach(r -> restricted.add(r.get("a")));
    h.append("<li>Restricted pool against the ").append(esc(tests.rows.get(0).get("b")))
        .append(" pool (same budget; Mann-Whitney U on final values, Holm over the searchers and pools of each"
            + " dataset): ");
    List<String> parts = new ArrayList<>();
    for (String pool : restricted) {
      List<Map<String, String>> rs = tests.where("a", pool);
      int better = 0;
      int worse = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      List<String> worseWhere = new ArrayList<>();
      for (Map<String, String> r : rs) {
        String win = r.get("better");
        double d = Csv.num(r, "cliffs_delta");
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
        if (pool.equals(win)) {
          better++;
        } else if (r.get("b").equals(win)) {
          worse++;
          worseWhere.add(r.get("searcher") + " on " + r.get("dataset"));
        }
      }
      parts.add(String.format(Locale.ROOT, "<b>%s</b> is better in %d, worse in %d and not significantly different"
          + " in %d of %d searcher × dataset cases (δ from %.2f to %.2f)%s", esc(pool), better, worse,
          rs.size() - better - worse, rs.size(), lo, hi,
          worseWhere.isEmpty() ? "" : "; worse for " + esc(String.join(", ", worseWhere))));
    }
    h.append(String.join("; ", parts)).append(". Evidence: ")
        .append(link(p + ComparisonReport.POOL_TESTS.csv(), "pool tests")).append(".</li>\n");
  }

  /** Seeds needed and the dataset that separates the searchers best. */
  private static void reliability(StringBuilder h, Path root, String p) {
    Csv rel = Csv.read(root, p, ReliabilityReport.RELIABILITY);
    if (rel == null || rel.rows.isEmpty()) {
      return;
    }
    String seedsCol = rel.column("seeds_to_p05");
    String pairCol = rel.column("pair");
    // With a candidate, the seeds that matter are those against its strongest baseline (candidate section).
    if (seedsCol != null && !java.nio.file.Files.exists(root.resolve(p + org.nash.analysis.candidate.CandidateReport.SEEDS.csv()))) {
      List<String> parts = new ArrayList<>();
      int lo = Integer.MAX_VALUE;
      int hi = 0;
      int never = 0;
      for (Map<String, String> r : rel.rows) {
        double n = Csv.num(r, seedsCol);
        if (Double.isNaN(n)) {
          if (!r.getOrDefault(seedsCol, "").isEmpty() || Csv.num(r, "max_seeds") > 0) {
            never++;
            parts.add(esc(r.get("dataset")) + " not reached with " + fmtInt(Csv.num(r, "max_seeds")));
          }
          continue;
        }
        lo = Math.min(lo, (int) n);
        hi = Math.max(hi, (int) n);
        parts.add(esc(r.get("dataset")) + " " + (int) n);
      }
      String which = pairCol != null ? esc(rel.rows.get(0).get(pairCol)) : "RE vs RS";
      if (!parts.isEmpty()) {
        h.append("<li>Seeds a comparison needs (").append(which).append(", reference pool): the median p-value of"
            + " n-seed studies falls below 0.05 at ");
        h.append(lo <= hi ? lo == hi ? lo + " seeds" : lo + " to " + hi + " seeds per searcher" : "no n")
            .append(never > 0 ? " (" + never + " dataset(s) never)" : "").append(": ")
            .append(String.join(", ", parts)).append(". Evidence: ")
            .append(link(p + ReliabilityReport.RELIABILITY.csv(), "reliability table"));
        if (java.nio.file.Files.exists(root.resolve(p + "reliability/power.png"))) {
          h.append(", ").append(link(p + "reliability/power.png", "power figure"));
        }
        h.append(".</li>\n");
      }
    }
    separatesBest(h, root, p);
  }

  /**
   * The dataset that separates the searchers best, only when its agreement interval lies above every
   * other dataset's (pooled block of reliability/blocks.csv); ties between searchers count for no one.
   */
  private static void separatesBest(StringBuilder h, Path root, String p) {
    String file = p + BlockReliability.AGREEMENT.csv();
    Csv t = Csv.read(root, p, BlockReliability.AGREEMENT);
    if (t == null) {
      return;
    }
    List<Map<String, String>> rows = t.where("block", org.nash.analysis.reliability.BlockReliability.POOLED)
        .stream().filter(r -> !Double.isNaN(Csv.num(r, "agreement_k"))).toList();
    if (rows.size() < 2) {
      return;
    }
    Map<String, String> top = rows.stream().max(Comparator.comparingDouble(r -> Csv.num(r, "agreement_k")))
        .orElseThrow();
    boolean clear = rows.stream().allMatch(r -> r == top || Csv.num(top, "agreement_lo") > Csv.num(r, "agreement_hi"));
    List<String> parts = new ArrayList<>();
    for (Map<String, String> r : rows) {
      parts.add(esc(r.get("dataset")) + String.format(Locale.ROOT, " %.3f [%.3f, %.3f]", Csv.num(r, "agreement_k"),
          Csv.num(r, "agreement_lo"), Csv.num(r, "agreement_hi")) + (Csv.num(r, "tied_pairs") > 0
          ? " (" + fmtInt(Csv.num(r, "tied_pairs")) + " tied pair(s))" : ""));
    }
    h.append("<li>");
    if (clear) {
      h.append("The dataset that separates the searchers best: <b>").append(esc(top.get("dataset")))
          .append("</b> — its interval lies above every other dataset's. ");
    } else {
      h.append("No dataset separates the searchers clearly better: the intervals of the best and of another overlap. ");
    }
    h.append("Ranking agreement of a ").append(fmtInt(Csv.num(top, "k"))).append("-seed study (Kendall's tau over"
        + " the pairs of searchers that all seeds separate; tied pairs count for no dataset; 95 % bootstrap"
        + " interval): ").append(String.join(", ", parts)).append(". Evidence: ").append(link(file, "agreement table"))
        .append(".</li>\n");
  }

  static String link(String path, String text) {
    return "<a href=\"#" + HtmlPage.anchor(path) + "\">" + esc(text) + "</a>";
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.2f" : a >= 1 ? "%.3f" : "%.3g", v);
  }

  static String fmtInt(double v) {
    return Double.isNaN(v) ? "n/a" : Long.toString(Math.round(v));
  }

  /** A p-value for reading: 2 significant digits, scientific below 0.001. */
  static String p(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v < 1e-3 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.2g", v);
  }
}
