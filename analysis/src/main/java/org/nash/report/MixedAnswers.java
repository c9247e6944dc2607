package org.nash.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.compare.ComparisonReport;

/**
 * The findings' line of a run whose oracle mixed table and trained answers (issue 24, {@code oracle.json}
 * beside the trials): "x of y values were trained; trained values are d +- e pp below the table on K
 * overlap cells", per dataset, with the calibration's choice and fit.
 */
final class MixedAnswers {
  private MixedAnswers() {}

  static void line(StringBuilder h, Path root, String p) {
    Path file = root.resolve(p).resolve("oracle.json");
    if (!Files.isRegularFile(file)) {
      return;
    }
    JsonNode datasets;
    try {
      datasets = new ObjectMapper().readTree(file.toFile()).path("datasets");
    } catch (IOException e) {
      h.append("<li>").append(HtmlPage.esc(file + " cannot be read: " + e.getMessage())).append("</li>\n");
      return;
    }
    Csv src = Csv.read(root, p, ComparisonReport.SOURCES);
    for (Iterator<Map.Entry<String, JsonNode>> it = datasets.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> d = it.next();
      if (!d.getValue().has("summary")) {
        continue;
      }
      long trained = 0;
      long all = 0;
      if (src != null) {
        for (Map<String, String> r : src.rows) {
          if (r.get("dataset").equals(d.getKey())) {
            long t = (long) Csv.num(r, "trained") + (long) Csv.num(r, "cached");
            trained += t;
            all += t + (long) Csv.num(r, "table") + (long) Csv.num(r, "predicted");
          }
        }
      }
      h.append("<li><b>").append(HtmlPage.esc(d.getKey())).append("</b>: ")
          .append(String.format(Locale.ROOT, "%d of %d values were trained; ", trained, all))
          .append(HtmlPage.esc(d.getValue().path("summary").asText())).append(" (K = ")
          .append(d.getValue().path("k").asInt()).append(" calibration cells; trained cost = training seconds x ")
          .append(String.format(Locale.ROOT, "%.4g", d.getValue().path("cost_factor").asDouble()))
          .append("). Evidence: ").append(Findings.link(p + "oracle.json", "oracle.json")).append(".</li>\n");
    }
  }
}
