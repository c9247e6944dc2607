package org.nash.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.output.Table;
import org.nash.io.AtomicFiles;

/**
 * The report page, {@code index.html}: the findings first (computed from the analyses' tables,
 * {@link Findings}, and a reproduced study's claims with verdicts, {@link Claims}), then every
 * artifact registered in a folder's and its immediate subfolders' {@code artifacts.json}, grouped
 * by section: the main figures, secondary figures and tables folded in {@code <details>}, long
 * tables linked as CSV. Figures are linked (PNG at 2x, beside their SVG), not embedded, so the page
 * stays small: the page and the folder's figures travel together.
 */
public final class HtmlPage {
  /** Tables up to this many rows are shown on the page; longer ones are linked as CSV and JSON. */
  public static final int MAX_ROWS = 60;
  /** Tables up to this many rows are shown unfolded. */
  public static final int OPEN_ROWS = 12;

  /** An entry with its path relative to the page's folder. */
  record Shown(String path, Artifacts.Entry entry) {}

  /** What the page says besides the artifacts. {@code claims}: the ids of the claims a reproduced study checks. */
  public record Page(String title, List<String> experiments, List<String> warnings, List<String> claims) {}

  private HtmlPage() {}

  /** Writes {@code index.html} into {@code dir}, atomically; returns the number of entries shown. */
  public static int write(Path dir, String title, List<String> experiments, List<String> warnings) {
    return write(dir, new Page(title, experiments, warnings, List.of()));
  }

  public static int write(Path dir, Page page) {
    List<Shown> shown = collect(dir);
    Map<String, List<Shown>> sections = new LinkedHashMap<>();
    for (Shown s : shown) {
      sections.computeIfAbsent(s.entry().section() == null ? "Other" : s.entry().section(), k -> new ArrayList<>()).add(s);
    }
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(esc(page.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
        .append(esc(page.title())).append("</h1>\n");
    String claims = Claims.html(Claims.of(page.claims(), dir));
    String findings = Findings.html(dir, experimentPrefixes(dir));
    h.append(SpotCheckStudySection.html(dir));
    h.append(CandidateSection.html(dir, experimentPrefixes(dir)));
    h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (claims.isEmpty() && findings.isEmpty()) {
      h.append("<p>No search experiment with a comparison in this folder; the sections below show what was analysed.</p>\n");
    }
    h.append(claims).append(findings).append("</section>\n");
    if (!page.warnings().isEmpty()) {
      h.append("<div class=\"warn\"><b>Warnings</b><ul>\n");
      page.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
      h.append("</ul></div>\n");
    }
    if (!page.experiments().isEmpty()) {
      h.append("<details class=\"exps\"><summary>Experiments and provenance (").append(page.experiments().size())
          .append(")</summary>\n<ul>\n");
      page.experiments().forEach(e -> h.append("<li>").append(esc(e)).append("</li>\n"));
      h.append("</ul></details>\n");
    }
    h.append("<nav><b>Contents</b><ol>\n<li><a href=\"#findings\">Findings</a></li>\n");
    int n = 0;
    for (Map.Entry<String, List<Shown>> s : sections.entrySet()) {
      long figs = s.getValue().stream().filter(e -> "figure".equals(e.entry().kind())).count();
      h.append("<li><a href=\"#s").append(n++).append("\">").append(esc(s.getKey())).append("</a> (").append(figs)
          .append(" figures, ").append(s.getValue().size() - figs).append(" tables and files)</li>\n");
    }
    h.append("</ol></nav>\n");
    n = 0;
    for (Map.Entry<String, List<Shown>> s : sections.entrySet()) {
      h.append("<section id=\"s").append(n++).append("\">\n<h2>").append(esc(s.getKey())).append("</h2>\n");
      List<Shown> main = new ArrayList<>();
      List<Shown> more = new ArrayList<>();
      List<Shown> tables = new ArrayList<>();
      for (Shown e : s.getValue()) {
        boolean figure = "figure".equals(e.entry().kind());
        (figure ? e.entry().isSecondary() ? more : main : tables).add(e);
      }
      main.forEach(e -> article(h, dir, e));
      if (!more.isEmpty()) {
        h.append("<details class=\"more\"><summary>More figures (").append(more.size()).append(")</summary>\n");
        more.forEach(e -> article(h, dir, e));
        h.append("</details>\n");
      }
      if (!tables.isEmpty()) {
        h.append("<h3 class=\"tables\">Tables and data (").append(tables.size()).append(")</h3>\n");
        tables.forEach(e -> article(h, dir, e));
      }
      h.append("</section>\n");
    }
    h.append("</body>\n</html>\n");
    AtomicFiles.writeAtomically(dir.resolve(Report.PAGE), h.toString());
    return shown.size();
  }

  /** The anchor of an artifact on the page (findings and claims link to it). */
  static String anchor(String path) {
    return "f-" + path.replaceFirst("\\.(csv|png|svg|json)$", "").replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** "" for the folder itself and "sub/" for each immediate subfolder that holds a search comparison. */
  static List<String> experimentPrefixes(Path dir) {
    List<String> out = new ArrayList<>();
    if (Files.exists(dir.resolve(org.nash.analysis.compare.ComparisonReport.FINAL.csv()))) {
      out.add("");
    }
    for (Path sub : Report.subfolders(dir)) {
      if (Files.exists(sub.resolve(org.nash.analysis.compare.ComparisonReport.FINAL.csv()))) {
        out.add(sub.getFileName() + "/");
      }
    }
    return out;
  }

  private static void article(StringBuilder h, Path dir, Shown e) {
    String kind = e.entry().kind() == null ? "" : e.entry().kind();
    boolean figure = kind.equals("figure");
    h.append("<article id=\"").append(anchor(e.path())).append("\" data-path=\"").append(esc(e.path()))
        .append("\" class=\"").append(figure ? "fig" : "tab").append("\">\n");
    if (figure) {
      h.append("<h3>").append(esc(e.entry().title())).append("</h3>\n");
      body(h, dir, e);
      h.append("<p class=\"caption\">").append(esc(e.entry().caption())).append("</p>\n");
      files(h, dir, e.path());
    } else {
      Path f = dir.resolve(e.path());
      List<String[]> rows = kind.equals("table") && e.path().endsWith(".csv") && Files.exists(f) ? Table.readCsv(f) : null;
      int n = rows == null ? -1 : rows.size() - 1;
      boolean open = rows != null && n <= OPEN_ROWS;
      h.append("<details").append(open ? " open" : "").append("><summary><b>").append(esc(e.entry().title()))
          .append("</b>").append(n >= 0 ? " <span class=\"small\">(" + n + " rows)</span>" : "").append("</summary>\n");
      if (rows != null && n > MAX_ROWS) {
        h.append("<p class=\"more\">").append(n).append(" rows: too long for the page, see the files below.</p>\n");
      } else if (rows != null) {
        table(h, rows, e.path());
      } else if (!Files.exists(f)) {
        missing(h, e.path());
      }
      h.append("<p class=\"caption\">").append(esc(e.entry().caption())).append("</p>\n");
      files(h, dir, e.path());
      h.append("</details>\n");
    }
    h.append("</article>\n");
  }

  /** The folder's entries, then each immediate subfolder's (paths prefixed with the subfolder). */
  static List<Shown> collect(Path dir) {
    List<Shown> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Artifacts.Entry e : Artifacts.read(dir)) {
      seen.add(e.path());
      out.add(new Shown(e.path(), e));
    }
    for (Path sub : Report.subfolders(dir)) {
      String prefix = sub.getFileName().toString() + "/";
      for (Artifacts.Entry e : Artifacts.read(sub)) {
        // a folder may register its subfolders' files itself (a spot check over several datasets): shown once
        if (!seen.contains(prefix + e.path())) {
          out.add(new Shown(prefix + e.path(), e));
        }
      }
    }
    return out;
  }

  private static void body(StringBuilder h, Path dir, Shown e) {
    Path f = dir.resolve(e.path());
    Path png = twin(f, ".png");
    Path svg = twin(f, ".svg");
    Path shown = Files.exists(png) ? png : Files.exists(svg) ? svg : null;
    if (shown == null) {
      missing(h, e.path());
      return;
    }
    String rel = e.path().replaceFirst("\\.(png|svg)$", "") + (shown == png ? ".png" : ".svg");
    int[] size = shown == png ? pngSize(png) : null;
    // PNGs are drawn at 2x: shown at half their pixel size, sharp on high-density screens.
    h.append("<img alt=\"").append(esc(e.entry().title())).append("\" src=\"").append(esc(rel)).append('"');
    if (size != null) {
      h.append(" width=\"").append(size[0] / Charts.PNG_SCALE).append("\" height=\"").append(size[1] / Charts.PNG_SCALE)
          .append('"');
    }
    h.append(">\n");
  }

  /** Width and height of a PNG from its header, or null. */
  static int[] pngSize(Path png) {
    try (var in = Files.newInputStream(png)) {
      byte[] b = in.readNBytes(24);
      if (b.length < 24) {
        return null;
      }
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
      return new int[] {buf.getInt(16), buf.getInt(20)};
    } catch (IOException e) {
      return null;
    }
  }

  private static void table(StringBuilder h, List<String[]> rows, String path) {
    if (rows.size() <= 1) {
      h.append("<p><i>empty table</i></p>\n");
      return;
    }
    h.append("<div class=\"tbl\"><table>\n<thead><tr>");
    for (String c : rows.get(0)) {
      h.append("<th>").append(esc(c)).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    int dropped = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (noValues(rows.get(i))) {
        dropped++;
        continue;
      }
      h.append("<tr>");
      for (String c : rows.get(i)) {
        String v = number(c);
        h.append(blank(c) ? "<td class=\"n\">–</td>"
            : v == null ? "<td>" + esc(c) + "</td>" : "<td class=\"n\" title=\"" + esc(c) + "\">" + v + "</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
    if (dropped > 0) {
      h.append("<p class=\"more\">").append(dropped).append(" row(s) without any value (every number empty or NaN)"
          + " not shown; they are in ").append(esc(path)).append(".</p>\n");
    }
  }

  private static boolean blank(String c) {
    return c == null || c.isEmpty() || c.equals("NaN") || c.equals("nan");
  }

  /** A row whose every cell that is not a label is empty or NaN (labels: non-numeric text). */
  static boolean noValues(String[] row) {
    boolean anyBlank = false;
    for (String c : row) {
      if (blank(c)) {
        anyBlank = true;
      } else if (number(c) != null) {
        return false;
      }
    }
    return anyBlank;
  }

  /** A numeric cell shortened for reading (the full value is the cell's tooltip), or null. */
  static String number(String s) {
    if (s == null || s.isEmpty() || !s.matches("-?[0-9.]+([eE][-+]?[0-9]+)?")) {
      return null;
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e9) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    String f = a >= 1000 ? "%.1f" : a >= 1 ? "%.3f" : a >= 0.001 ? "%.4f" : "%.2e";
    return String.format(Locale.ROOT, f, v);
  }

  private static void files(StringBuilder h, Path dir, String path) {
    List<String> links = new ArrayList<>();
    String base = path.replaceFirst("\\.(csv|png|svg|json|tex|md|pdf)$", "");
    for (String ext : new String[] {".csv", ".json", ".png", ".svg", ".pdf", ".tex", ".md"}) {
      if (Files.exists(dir.resolve(base + ext))) {
        links.add("<a href=\"" + esc(base + ext) + "\">" + esc(base + ext) + "</a>");
      }
    }
    if (links.isEmpty()) {
      links.add(esc(path));
    }
    h.append("<p class=\"files\">Files: ").append(String.join(" · ", links)).append("</p>\n");
  }

  private static void missing(StringBuilder h, String path) {
    h.append("<p class=\"warn\">missing file: ").append(esc(path)).append("</p>\n");
  }

  private static Path twin(Path f, String ext) {
    String name = f.getFileName().toString().replaceFirst("\\.(png|svg)$", "");
    return f.resolveSibling(name + ext);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 1.5em auto; max-width: 1200px;
        padding: 0 1.2em; color: #222; line-height: 1.45; }
      h1 { font-size: 1.6em; border-bottom: 2px solid #444; padding-bottom: .2em; }
      h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 1px solid #bbb; }
      h3 { font-size: 1.05em; margin-bottom: .4em; }
      article { margin: 1em 0 1.8em; min-width: 0; }
      img { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
      .caption { font-size: .88em; color: #444; max-width: 1000px; overflow-wrap: anywhere; }
      .files, .more, .small { font-size: .8em; color: #666; overflow-wrap: anywhere; }
      .tbl { overflow: auto; max-width: 100%; max-height: 640px; border: 1px solid #ddd; }
      table { border-collapse: collapse; font-size: .8em; }
      th, td { padding: 2px 7px; border-bottom: 1px solid #eee; white-space: nowrap; }
      th { position: sticky; top: 0; background: #f3f3f3; text-align: left; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      table.findings td { white-space: normal; vertical-align: top; min-width: 9em; }
      td.sig { background: #e8f3ea; }
      td.loss { background: #fbe9e7; }
      img.cd { margin: .5em 0; }
      #findings ul, #findings ol { padding-left: 1.3em; }
      #findings li { margin: .5em 0; }
      #findings li.attn { background: #fff6e0; }
      .claims { background: #f7f9fc; border: 1px solid #dde3ee; padding: .3em 1em; margin: .8em 0; }
      .verdict { display: inline-block; font-size: .8em; font-weight: bold; padding: 0 .5em; border-radius: 3px;
        color: #fff; text-transform: uppercase; }
      .verdict.supported { background: #2e7d32; }
      .verdict.not_supported { background: #c62828; }
      .verdict.inconclusive { background: #8d6e00; }
      details { margin: .4em 0; }
      details > summary { cursor: pointer; }
      details.more { border-left: 3px solid #ddd; padding-left: .8em; }
      .warn { color: #8a1f11; background: #fdf0ee; padding: .3em .8em; border-left: 4px solid #c0392b; }
      nav { background: #f7f7f7; padding: .5em 1em; border: 1px solid #e3e3e3; margin-top: 1em; }
      """;
}
