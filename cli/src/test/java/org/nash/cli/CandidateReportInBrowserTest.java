package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A candidate report ({@code nash report --candidate}) in headless Chromium: the page opens with
 * the verdict, every image loads (the critical-difference diagram included), nothing overflows the
 * window; and the paper figures (SVG in pt, PNG at 4x) load in the browser at their size. Screenshots
 * of the first screen and of a paper figure are kept in target/browser/. Skipped without Chromium,
 * except under CI=true (see {@link ReportInBrowserTest}).
 */
class CandidateReportInBrowserTest {
  @TempDir
  Path tmp;

  private static final String CONFIG = """
      name: candidate-browser
      title: "Is mine better? (browser test)"
      benchmark: nb201
      datasets: [cifar10, cifar100]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re}
        - {name: ls}
        - {name: re, label: mine, params: {population: 20, sample: 5}}
      budget: {queries: 80}
      seeds: 15
      """;

  @Test
  void theCandidateVerdictComesFirstAndThePaperFiguresOpen() throws Exception {
    String exe = ReportInBrowserTest.chromium();
    if (exe == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium is not installed: CI needs it for the report page test (.ci/chromium.sh installs it)");
      }
      assumeTrue(false, "chromium not found on PATH (or NASH_CHROMIUM): skipping");
    }
    Path cfg = tmp.resolve("study.yaml");
    Files.writeString(cfg, CONFIG);
    Path run = tmp.resolve("run");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    r = CliRunner.run("report", run.toString(), "--candidate", "mine", "--label", "mine=Ours", "--label", "re=REA");
    assertEquals(0, r.exit(), r.err());
    Path shots = Files.createDirectories(Path.of("target", "browser"));
    // The paper figures as a paper would place them: at their physical width (CSS inches).
    Files.writeString(run.resolve("paper.html"), """
        <!DOCTYPE html><html><body style="margin:12px;background:#fff">
        <img id="svg2" src="figures/regret-full-2col.svg">
        <img id="png2" src="figures/regret-full-2col.png" style="width:6.9in">
        <img id="svg1" src="figures/regret-full-1col.svg">
        <img id="cd" src="figures/cd-diagram.svg">
        </body></html>""");

    try (ReportInBrowserTest.Browser b = ReportInBrowserTest.Browser.start(exe, tmp.resolve("profile"))) {
      b.open(run.resolve("index.html").toUri().toString());
      JsonNode checks = b.eval("""
          (() => {
            const imgs = [...document.images];
            const broken = imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));
            const first = document.querySelector('body > section');
            const h2 = document.querySelector('h2');
            const cd = imgs.some(i => i.getAttribute('src').endsWith('candidate/cd-diagram.png') && i.closest('#candidate'));
            const over = [...document.querySelectorAll('body > *, section, article, details, nav')]
              .filter(e => e.scrollWidth > e.clientWidth + 1 && !e.classList.contains('tbl'))
              .map(e => e.tagName + '#' + (e.id || e.getAttribute('data-path') || '') + ' ' + e.scrollWidth + '>' + e.clientWidth);
            const wins = [...document.querySelectorAll('#candidate td.sig')].length;
            return JSON.stringify({images: imgs.length, broken, first: first ? first.id : null,
              h2: h2 ? h2.textContent : null, cd, over, wins, pageWidth: document.documentElement.scrollWidth,
              window: window.innerWidth, text: first ? first.innerText : ''});
          })()""");
      b.screenshot(shots.resolve("candidate-first-screen.png"), null);
      assertEquals("candidate", checks.get("first").asText(), "the page opens with the verdict: " + checks);
      assertEquals("Is the candidate better?", checks.get("h2").asText());
      assertTrue(checks.get("cd").asBoolean(), "the CD diagram is in the verdict section: " + checks);
      assertEquals(0, checks.get("broken").size(), "images that did not load: " + checks.get("broken"));
      assertEquals(0, checks.get("over").size(), "boxes overflowing horizontally: " + checks.get("over"));
      assertTrue(checks.get("pageWidth").asInt() <= checks.get("window").asInt(), checks.toString());
      String text = checks.get("text").asText();
      assertTrue(text.contains("mine wins") && text.contains("Friedman") && text.contains("strongest baseline"), text);

      b.open(run.resolve("paper.html").toUri().toString());
      JsonNode fig = b.eval("""
          (() => JSON.stringify(Object.fromEntries([...document.images].map(i => [i.id,
              {w: i.naturalWidth, shown: i.getBoundingClientRect().width, ok: i.complete && i.naturalWidth > 0}]))))()""");
      for (String id : new String[] {"svg2", "png2", "svg1", "cd"}) {
        assertTrue(fig.get(id).get("ok").asBoolean(), id + " did not load: " + fig);
      }
      // 6.9 in = 662.4 CSS px, 3.3 in = 316.8 CSS px: the SVGs carry their physical size.
      assertEquals(662.4, fig.get("svg2").get("shown").asDouble(), 1.5, fig.toString());
      assertEquals(316.8, fig.get("svg1").get("shown").asDouble(), 1.5, fig.toString());
      assertEquals(4 * 497, fig.get("png2").get("w").asInt(), "PNG at 4 px per pt: " + fig);
      JsonNode box = b.eval("""
          (() => { const r = document.getElementById('png2').getBoundingClientRect();
            return JSON.stringify({x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height}); })()""");
      b.screenshot(shots.resolve("paper-figure-2col.png"), box);
    }
    assertTrue(Files.size(shots.resolve("candidate-first-screen.png")) > 10_000);
  }
}
