package org.nash.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.NashException;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.io.AtomicFiles;

/**
 * The report page: one self-contained HTML file (styles inline, figures embedded as base64 PNG or
 * inline SVG, tables as HTML tables) showing every artifact registered in a folder's and its
 * immediate subfolders' {@code artifacts.json}, grouped by section, each with its caption.
 */
public final class HtmlPage {
  /** Rows of a table shown on the page; the file always has all of them. */
  public static final int MAX_ROWS = 60;

  /** An entry with its path relative to the page's folder. */
  record Shown(String path, Artifacts.Entry entry) {}

  private HtmlPage() {}

  /** Writes {@code index.html} into {@code dir}, atomically; returns the number of entries shown. */
  public static int write(Path dir, String title, List<String> experiments, List<String> warnings) {
    List<Shown> shown = collect(dir);
    Map<String, List<Shown>> sections = new LinkedHashMap<>();
    for (Shown s : shown) {
      sections.computeIfAbsent(s.entry().section() == null ? "Other" : s.entry().section(), k -> new ArrayList<>()).add(s);
    }
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>").append(esc(title))
        .append("</h1>\n");
    if (!experiments.isEmpty()) {
      h.append("<h2>Experiments</h2>\n<ul>\n");
      experiments.forEach(e -> h.append("<li>").append(esc(e)).append("</li>\n"));
      h.append("</ul>\n");
    }
    if (!warnings.isEmpty()) {
      h.append("<div class=\"warn\"><b>Warnings</b><ul>\n");
      warnings.forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
      h.append("</ul></div>\n");
    }
    h.append("<nav><b>Contents</b><ol>\n");
    int n = 0;
    for (Map.Entry<String, List<Shown>> s : sections.entrySet()) {
      h.append("<li><a href=\"#s").append(n++).append("\">").append(esc(s.getKey())).append("</a> (")
          .append(s.getValue().size()).append(")</li>\n");
    }
    h.append("</ol></nav>\n");
    n = 0;
    int item = 0;
    for (Map.Entry<String, List<Shown>> s : sections.entrySet()) {
      h.append("<section id=\"s").append(n++).append("\">\n<h2>").append(esc(s.getKey())).append("</h2>\n");
      for (Shown e : s.getValue()) {
        h.append("<article id=\"a").append(item++).append("\" data-path=\"").append(esc(e.path())).append("\">\n<h3>")
            .append(esc(e.entry().title())).append("</h3>\n");
        body(h, dir, e);
        h.append("<p class=\"caption\">").append(esc(e.entry().caption())).append("</p>\n");
        files(h, dir, e.path());
        h.append("</article>\n");
      }
      h.append("</section>\n");
    }
    h.append("</body>\n</html>\n");
    AtomicFiles.writeAtomically(dir.resolve(Report.PAGE), h.toString());
    return shown.size();
  }

  /** The folder's entries, then each immediate subfolder's (paths prefixed with the subfolder). */
  static List<Shown> collect(Path dir) {
    List<Shown> out = new ArrayList<>();
    for (Artifacts.Entry e : Artifacts.read(dir)) {
      out.add(new Shown(e.path(), e));
    }
    for (Path sub : Report.subfolders(dir)) {
      String prefix = sub.getFileName().toString() + "/";
      for (Artifacts.Entry e : Artifacts.read(sub)) {
        out.add(new Shown(prefix + e.path(), e));
      }
    }
    return out;
  }

  private static void body(StringBuilder h, Path dir, Shown e) {
    Path f = dir.resolve(e.path());
    String kind = e.entry().kind() == null ? "" : e.entry().kind();
    if (kind.equals("figure")) {
      Path png = twin(f, ".png");
      Path svg = twin(f, ".svg");
      if (Files.exists(png)) {
        h.append("<img alt=\"").append(esc(e.entry().title())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(bytes(png))).append("\">\n");
      } else if (Files.exists(svg)) {
        h.append("<div class=\"svg\">").append(inlineSvg(new String(bytes(svg), StandardCharsets.UTF_8))).append("</div>\n");
      } else {
        missing(h, e.path());
      }
    } else if (kind.equals("table") && e.path().endsWith(".csv")) {
      if (Files.exists(f)) {
        table(h, Table.readCsv(f), e.path());
      } else {
        missing(h, e.path());
      }
    } else if (!Files.exists(f)) {
      missing(h, e.path());
    }
  }

  private static void table(StringBuilder h, List<String[]> rows, String path) {
    if (rows.isEmpty()) {
      h.append("<p><i>empty table</i></p>\n");
      return;
    }
    h.append("<div class=\"tbl\"><table>\n<thead><tr>");
    for (String c : rows.get(0)) {
      h.append("<th>").append(esc(c)).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    int shown = Math.min(rows.size() - 1, MAX_ROWS);
    for (int i = 1; i <= shown; i++) {
      h.append("<tr>");
      for (String c : rows.get(i)) {
        String v = number(c);
        h.append(v == null ? "<td>" + esc(c) + "</td>" : "<td class=\"n\" title=\"" + esc(c) + "\">" + v + "</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
    if (rows.size() - 1 > shown) {
      h.append("<p class=\"more\">Showing the first ").append(shown).append(" of ").append(rows.size() - 1)
          .append(" rows; all rows are in ").append(esc(path)).append(".</p>\n");
    }
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
    String base = path.replaceFirst("\\.(csv|png|svg|json)$", "");
    for (String ext : new String[] {".csv", ".json", ".png", ".svg"}) {
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

  /** The svg element of an SVG file, without its XML prolog and doctype. */
  static String inlineSvg(String svg) {
    int start = svg.indexOf("<svg");
    return start < 0 ? "" : svg.substring(start);
  }

  private static byte[] bytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new NashException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1300px;
        padding: 0 1.5em; color: #222; line-height: 1.4; }
      h1 { font-size: 1.7em; border-bottom: 2px solid #444; padding-bottom: .2em; }
      h2 { font-size: 1.35em; margin-top: 2em; border-bottom: 1px solid #bbb; }
      h3 { font-size: 1.05em; margin-bottom: .4em; }
      article { margin: 1.2em 0 2.2em; }
      img, .svg svg { max-width: 100%; height: auto; border: 1px solid #eee; }
      .caption { font-size: .9em; color: #444; max-width: 1000px; }
      .files, .more { font-size: .8em; color: #666; }
      .tbl { overflow-x: auto; max-height: 640px; overflow-y: auto; border: 1px solid #ddd; }
      table { border-collapse: collapse; font-size: .8em; }
      th, td { padding: 2px 7px; border-bottom: 1px solid #eee; white-space: nowrap; }
      th { position: sticky; top: 0; background: #f3f3f3; text-align: left; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .warn { color: #8a1f11; background: #fdf0ee; padding: .3em .8em; border-left: 4px solid #c0392b; }
      nav { background: #f7f7f7; padding: .5em 1em; border: 1px solid #e3e3e3; }
      """;
}
