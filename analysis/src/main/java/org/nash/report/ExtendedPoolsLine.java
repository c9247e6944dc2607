package org.nash.report;

import static org.nash.report.HtmlPage.esc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.compare.ExtendedPools;

/**
 * The findings' verdict of the extended-pools study (issue 24), one line per dataset: whether adding
 * operations beyond the table's helps, does not help detectably or hurts (Holm-corrected Mann-Whitney
 * over the searchers), with the share of the extended pools' values that were trained rather than read
 * from the table, since a trained value carries the calibration's bias.
 */
final class ExtendedPoolsLine {
  private ExtendedPoolsLine() {}

  static void line(StringBuilder h, Path root, String p) {
    Csv t = Csv.read(root, p, ExtendedPools.TABLE);
    if (t == null || t.rows.isEmpty()) {
      return;
    }
    LinkedHashSet<String> datasets = new LinkedHashSet<>();
    t.rows.forEach(r -> datasets.add(r.get("dataset")));
    for (String ds : datasets) {
      List<Map<String, String>> ext = t.rows.stream()
          .filter(r -> ds.equals(r.get("dataset")) && ExtendedPools.EXTENDED.equals(r.get("contrast"))).toList();
      if (ext.isEmpty()) {
        continue;
      }
      h.append("<li><b>").append(esc(ds)).append("</b>: ").append(verdict(ext, "adding operations")).append(". ");
      long trained = 0;
      long all = 0;
      for (Map<String, String> r : ext) {
        trained += (long) Csv.num(r, "trained_a");
        all += (long) Csv.num(r, "queries_a");
      }
      h.append(String.format(Locale.ROOT, "%d of %d values of the extended pool%s were trained (%.0f %%), the rest"
          + " read from the table. ", trained, all, ext.stream().map(r -> r.get("a")).distinct().count() > 1 ? "s" : "",
          all > 0 ? 100.0 * trained / all : Double.NaN));
      List<Map<String, String>> res = t.rows.stream()
          .filter(r -> ds.equals(r.get("dataset")) && ExtendedPools.RESTRICTED.equals(r.get("contrast"))).toList();
      if (!res.isEmpty()) {
        h.append("For comparison, restricting the operations ").append(verdict(res, "")).append(". ");
      }
      h.append("Evidence: ").append(Findings.link(p + ExtendedPools.TABLE.csv(), "extended-pools table"))
          .append(".</li>\n");
    }
  }

  /**
   * "helps", "hurts", "helps for x, hurts for y" or "does not help detectably", with the counts behind it.
   * {@code what} starts the sentence (may be empty when the caller wrote it).
   */
  static String verdict(List<Map<String, String>> rows, String what) {
    List<String> better = new ArrayList<>();
    List<String> worse = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Map<String, String> r : rows) {
      String win = r.get("better");
      String who = r.get("searcher") + (rows.stream().map(x -> x.get("a")).distinct().count() > 1
          ? " (" + r.get("a") + ")" : "");
      if (r.get("a").equals(win)) {
        better.add(who);
      } else if (r.get("b").equals(win)) {
        worse.add(who);
      }
      double d = Csv.num(r, "diff");
      if (!Double.isNaN(d)) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    String v = !better.isEmpty() && worse.isEmpty() ? "helps"
        : better.isEmpty() && !worse.isEmpty() ? "hurts"
        : !better.isEmpty() ? "helps for " + String.join(", ", better) + " but hurts for " + String.join(", ", worse)
        : "does not help detectably";
    String b = rows.get(0).get("b");
    return String.format(Locale.ROOT, "%s<b>%s</b> against the %s pool: better in %d, worse in %d and not"
        + " significantly different in %d of %d searchers (p<sub>Holm</sub> &lt; 0.05; mean difference from %.2f to %.2f)",
        what.isEmpty() ? "" : esc(what) + " ", esc(v), esc(b), better.size(), worse.size(),
        rows.size() - better.size() - worse.size(), rows.size(), lo == Double.POSITIVE_INFINITY ? Double.NaN : lo,
        hi == Double.NEGATIVE_INFINITY ? Double.NaN : hi);
  }
}
