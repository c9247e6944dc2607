package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Plot;
import org.nash.analysis.output.Table;

/** The page shows every registered artifact of a folder and of its subfolders, self-contained. */
class HtmlPageTest {
  @TempDir
  Path dir;

  @Test
  void everyRegisteredArtifactIsOnThePage() throws Exception {
    Charts.save(new Plot("t", "x", "y", true, false).add(new Plot.Series("s", new double[] {1, 10, 100},
        new double[] {3, 2, 1}, new double[] {2.5, 1.5, 0.5}, new double[] {3.5, 2.5, 1.5}, Charts.color(0), null, true,
        false, true)), dir, "fig/line");
    Files.writeString(dir.resolve("only.svg"), "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
        + " width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>\n");
    new Table("a", "b").add("x<y", 1.23456789).write(dir, "tab");
    Files.writeString(dir.resolve("all.json"), "{\"k\": 1}\n");
    Artifacts.register(dir, List.of(
        new Artifacts.Entry("fig/line.png", "figure", "Figures", "A line", "Shows a line & its band."),
        new Artifacts.Entry("only.svg", "figure", "Figures", "Vector only", "An SVG without PNG."),
        new Artifacts.Entry("tab.csv", "table", "Tables", "A table", "Two columns."),
        new Artifacts.Entry("all.json", "data", "Tables", "Everything", "All as JSON."),
        new Artifacts.Entry("gone.csv", "table", "Tables", "Gone", "A file that is not there.")));
    Path sub = Files.createDirectories(dir.resolve("exp"));
    new Table("c").add("in a subfolder").write(sub, "compare/t");
    Artifacts.register(sub, List.of(new Artifacts.Entry("compare/t.csv", "table", "Sub", "Sub table", "From exp/.")));

    int shown = HtmlPage.write(dir, "nash report: test", List.of("exp: 0 trials"), List.of("trials.jsonl:3: cut"));
    assertEquals(6, shown);
    String html = Files.readString(dir.resolve(Report.PAGE));
    for (Artifacts.Entry e : Artifacts.read(dir)) {
      String t = HtmlPage.esc(e.title());
      assertTrue(html.contains("<h3>" + t + "</h3>") || html.contains("<summary><b>" + t + "</b>"), e.title());
      assertTrue(html.contains(HtmlPage.esc(e.caption())), e.caption());
      assertTrue(html.contains("data-path=\"" + e.path() + "\""), e.path());
      assertTrue(html.contains("id=\"" + HtmlPage.anchor(e.path()) + "\""), e.path());
    }
    assertTrue(html.contains("data-path=\"exp/compare/t.csv\""));
    assertTrue(html.contains("<td>in a subfolder</td>"));
    assertTrue(html.contains("Shows a line &amp; its band."));
    // Figures are linked, the PNG at 2x shown at its nominal size; an SVG without PNG is linked itself.
    assertTrue(html.contains("src=\"fig/line.png\" width=\"900\" height=\"520\""), "PNG linked at 1x size");
    assertTrue(html.contains("src=\"only.svg\""), "SVG linked");
    assertTrue(html.contains("<td>x&lt;y</td><td class=\"n\" title=\"1.23456789\">1.235</td>"));
    assertTrue(html.contains("missing file: gone.csv"));
    assertTrue(html.contains("trials.jsonl:3: cut"));
    assertTrue(html.contains("href=\"fig/line.svg\""), "link to the SVG twin");
    assertTrue(html.indexOf("id=\"findings\"") < html.indexOf("<article"), "findings first");
    // The figure's SVG has its text as text, not glyph outlines.
    String svg = Files.readString(dir.resolve("fig/line.svg"));
    assertTrue(svg.contains(">t</text>") && svg.contains(">x</text>"), svg);
    // No external resources, only relative links to the files themselves.
    assertTrue(!html.contains("src=\"http") && !html.contains("<script") && !html.contains("<link"));
  }

  @Test
  void rowsWithoutValuesAreLeftOutAndLongTablesAreLinkedNotShown() throws Exception {
    Table t = new Table("pool", "x", "y");
    t.add("a", 1.0, 2.0).add("b", Double.NaN, Double.NaN).add("c", 3.0, Double.NaN);
    t.write(dir, "short");
    Table big = new Table("i");
    for (int i = 0; i < HtmlPage.MAX_ROWS + 40; i++) {
      big.add(i);
    }
    big.write(dir, "long");
    Artifacts.register(dir, List.of(new Artifacts.Entry("short.csv", "table", "T", "Short", "s"),
        new Artifacts.Entry("long.csv", "table", "T", "Long", "l")));
    HtmlPage.write(dir, "t", List.of(), List.of());
    String html = Files.readString(dir.resolve(Report.PAGE));
    assertTrue(html.contains("<td>a</td>") && html.contains("<td>c</td>"));
    assertTrue(!html.contains("<td>b</td>"), "a row of NaN is not shown");
    assertTrue(html.contains("1 row(s) without any value"));
    assertTrue(html.contains((HtmlPage.MAX_ROWS + 40) + " rows: too long for the page"));
    assertTrue(!html.contains("<td class=\"n\" title=\"" + (HtmlPage.MAX_ROWS + 30) + "\">"));
    assertTrue(html.contains("href=\"long.csv\""));
  }
}
