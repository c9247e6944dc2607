package org.nash.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.spotcheck.SpotCheckStudyWriter;

/**
 * The top of a report over a spot check of the same cells on several datasets: the verdict sentences
 * first (read back from the paired table the study wrote, through its declaration), then each
 * dataset's tau and mean difference with their intervals. Empty when the folder (and its immediate
 * subfolders) holds no such study.
 */
final class SpotCheckStudySection {
  private SpotCheckStudySection() {}

  static String html(Path dir) {
    List<String> prefixes = new ArrayList<>();
    prefixes.add("");
    for (Path sub : Report.subfolders(dir)) {
      prefixes.add(sub.getFileName() + "/");
    }
    StringBuilder h = new StringBuilder();
    for (String prefix : prefixes) {
      Csv paired = Csv.read(dir, prefix, SpotCheckStudyWriter.PAIRED);
      Csv datasets = Csv.read(dir, prefix, SpotCheckStudyWriter.DATASETS);
      if (paired == null || datasets == null) {
        continue;
      }
      h.append("<section id=\"spotcheck-verdict\" class=\"claims\">\n<h2>Spot check: does retraining agree with each"
          + " table?</h2>\n");
      for (Map<String, String> r : paired.rows) {
        h.append("<p><b>").append(HtmlPage.esc(r.get("verdict"))).append(":</b> ").append(HtmlPage.esc(r.get("sentence")))
            .append("</p>\n");
      }
      if (paired.rows.isEmpty()) {
        h.append("<p>One dataset only: no comparison between datasets.</p>\n");
      }
      h.append("<ul>\n");
      for (Map<String, String> r : datasets.rows) {
        h.append("<li>").append(HtmlPage.esc(String.format(Locale.ROOT, "%s (%s): Kendall tau %.3f [%.3f, %.3f] over %s"
            + " cells (p = %.3g); trained - table %+.2f [%+.2f, %+.2f] points; %s split, data sha256 %s",
            r.get("dataset"), r.get("table_column"), Csv.num(r, "tau"), Csv.num(r, "tau_lo"), Csv.num(r, "tau_hi"),
            r.get("cells"), Csv.num(r, "tau_p"), Csv.num(r, "mean_diff"), Csv.num(r, "mean_diff_lo"),
            Csv.num(r, "mean_diff_hi"), r.get("split"), r.get("data_sha256")))).append("</li>\n");
      }
      h.append("</ul>\n<p class=\"small\">Intervals: 95 %; tau by a percentile bootstrap over cells, the differences"
          + " between datasets by a paired bootstrap (the same cells drawn for every dataset), the mean difference by"
          + " Student's t. Tables: <a href=\"#").append(HtmlPage.anchor(prefix + SpotCheckStudyWriter.PAIRED.csv()))
          .append("\">").append(HtmlPage.esc(prefix + SpotCheckStudyWriter.PAIRED.csv())).append("</a>, <a href=\"#")
          .append(HtmlPage.anchor(prefix + SpotCheckStudyWriter.DATASETS.csv())).append("\">")
          .append(HtmlPage.esc(prefix + SpotCheckStudyWriter.DATASETS.csv())).append("</a>.</p>\n</section>\n");
    }
    return h.toString();
  }
}
