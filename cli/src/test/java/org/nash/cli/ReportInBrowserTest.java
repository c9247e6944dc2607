package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report page of a real (small) run and op scan in headless Chromium and checks what a
 * reader sees: every figure loads, nothing overflows the window horizontally (wide tables scroll in
 * their own box), and the findings come first. Screenshots are kept in target/browser/. Chromium
 * (Debian's {@code chromium}; .ci/chromium.sh installs it) is driven over the DevTools protocol with
 * the JDK's WebSocket client, no extra dependency. Without Chromium the test is skipped, except under
 * CI=true, where it fails.
 */
class ReportInBrowserTest {
  @TempDir
  Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int WIDTH = 1280;
  static final int HEIGHT = 900;

  private static final String CONFIG = """
      name: browser-test
      title: "Browser test: RS vs RE on NB201"
      benchmark: nb201
      datasets: [cifar10, ImageNet16-120]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, params: {population: 10, sample: 3}}
      budget: {queries: 60}
      seeds: 12
      """;

  /** The chromium executable, or null. */
  static String chromium() {
    String env = System.getenv("NASH_CHROMIUM");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  @Test
  void thePageLoadsItsFiguresFitsTheWindowAndOpensWithTheFindings() throws Exception {
    String exe = chromium();
    if (exe == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium is not installed: CI needs it for the report page test (.ci/chromium.sh installs it)");
      }
      assumeTrue(false, "chromium not found on PATH (or NASH_CHROMIUM): skipping the report page test;"
          + " install Debian's 'chromium' (.ci/chromium.sh) to run it");
    }
    Path cfg = tmp.resolve("browser-test.yaml");
    Files.writeString(cfg, CONFIG);
    Path run = tmp.resolve("run");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    r = CliRunner.run("scan", "--benchmark", "nb201", "--datasets", "cifar10,ImageNet16-120", "--out", run.toString());
    assertEquals(0, r.exit(), r.err());
    r = CliRunner.run("report", run.toString());
    assertEquals(0, r.exit(), r.err());
    Path page = run.resolve("index.html");
    Path shots = Files.createDirectories(Path.of("target", "browser"));

    try (Browser b = Browser.start(exe, tmp.resolve("profile"))) {
      b.open(page.toUri().toString());
      JsonNode checks = b.eval("""
          (() => {
            const imgs = [...document.images];
            const broken = imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));
            const first = document.querySelector('body > section');
            const h2 = document.querySelector('h2');
            const fig = document.querySelector('article.fig');
            const findingsFirst = first !== null && first.id === 'findings' && h2 !== null && h2.textContent === 'Findings'
              && (fig === null || (first.compareDocumentPosition(fig) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
            const details = [...document.querySelectorAll('details')];
            const was = details.map(d => d.open);
            details.forEach(d => d.open = true);
            const over = [...document.querySelectorAll('body > *, section, article, details, nav, .claims')]
              .filter(e => e.scrollWidth > e.clientWidth + 1 && !e.classList.contains('tbl'))
              .map(e => e.tagName + '#' + (e.id || e.getAttribute('data-path') || '') + ' ' + e.scrollWidth + '>' + e.clientWidth);
            const page = document.documentElement.scrollWidth;
            details.forEach((d, i) => d.open = was[i]);
            return JSON.stringify({images: imgs.length, broken, findingsFirst, over, pageWidth: page,
              window: window.innerWidth, title: document.title, findingsText: first ? first.innerText.length : 0});
          })()""");
      b.screenshot(shots.resolve("report-first-screen.png"), null);
      // A curves figure and the pool-gap figure, as a reader sees them on the page.
      for (String[] f : new String[][] {{"compare/curve-", "report-curves-figure.png"}, {"-gap-", "report-gap-figure.png"}}) {
        JsonNode box = b.eval("""
            (() => { const a = [...document.querySelectorAll('article.fig')]
                .find(e => e.getAttribute('data-path').includes('%s'));
              if (!a) return 'null';
              const r = a.getBoundingClientRect();
              return JSON.stringify({x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width,
                height: Math.min(r.height, 1400)}); })()""".formatted(f[0]));
        assertTrue(!box.isNull(), "no figure " + f[0] + " on the page");
        b.screenshot(shots.resolve(f[1]), box);
      }
      assertTrue(checks.get("images").asInt() > 5, "figures on the page: " + checks);
      assertEquals(0, checks.get("broken").size(), "figures that did not load: " + checks.get("broken"));
      assertTrue(checks.get("findingsFirst").asBoolean(), "the page must open with its Findings section: " + checks);
      assertTrue(checks.get("findingsText").asInt() > 200, "findings are empty: " + checks);
      assertTrue(checks.get("pageWidth").asInt() <= checks.get("window").asInt(),
          "the page is wider than the window: " + checks);
      assertEquals(0, checks.get("over").size(), "boxes overflowing horizontally: " + checks.get("over"));
      assertEquals("Browser test: RS vs RE on NB201", checks.get("title").asText());
    }
    assertTrue(Files.size(shots.resolve("report-first-screen.png")) > 10_000, "screenshot too small");
  }

  /** A headless Chromium and one page, driven over the DevTools protocol. */
  static final class Browser implements AutoCloseable {
    final Process process;
    final WebSocket ws;
    final AtomicInteger ids = new AtomicInteger();
    final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private Browser(Process process, WebSocket ws) {
      this.process = process;
      this.ws = ws;
    }

    static Browser start(String exe, Path profile) throws Exception {
      Files.createDirectories(profile);
      Process p = new ProcessBuilder(exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--hide-scrollbars", "--allow-file-access-from-files",
          "--user-data-dir=" + profile.toAbsolutePath(), "--remote-debugging-port=0",
          "--window-size=" + WIDTH + "," + HEIGHT, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      String port = null;
      try {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        String line;
        while (port == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
          seen.append(line).append('\n');
          int i = line.indexOf("ws://127.0.0.1:");
          if (i >= 0) {
            String rest = line.substring(i + "ws://127.0.0.1:".length());
            port = rest.substring(0, rest.indexOf('/'));
          }
        }
        if (port == null) {
          throw new IOException("chromium printed no DevTools address; its stderr:\n" + seen);
        }
        // Keep draining stderr so chromium never blocks on a full pipe.
        Thread drain = new Thread(() -> {
          try {
            while (err.readLine() != null) {
              // discard
            }
          } catch (IOException e) {
            // the process ended
          }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        String target = null;
        for (JsonNode t : JSON.readTree(list)) {
          if ("page".equals(t.path("type").asText())) {
            target = t.get("webSocketDebuggerUrl").asText();
            break;
          }
        }
        if (target == null) {
          throw new IOException("chromium has no page target: " + list);
        }
        Browser[] self = new Browser[1];
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(target), new WebSocket.Listener() {
          final StringBuilder buf = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
              String msg = buf.toString();
              buf.setLength(0);
              try {
                JsonNode n = JSON.readTree(msg);
                if (n.has("id")) {
                  CompletableFuture<JsonNode> f = self[0].pending.remove(n.get("id").asInt());
                  if (f != null) {
                    f.complete(n);
                  }
                } else {
                  self[0].events.add(n);
                }
              } catch (IOException e) {
                // not JSON: ignore
              }
            }
            w.request(1);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new Browser(p, ws);
        return self[0];
      } catch (Exception e) {
        p.destroyForcibly();
        throw e;
      }
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> f = new CompletableFuture<>();
      pending.put(id, f);
      ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
      msg.set("params", params == null ? JSON.createObjectNode() : params);
      ws.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
      JsonNode r = f.get(120, TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IOException(method + ": " + r.get("error"));
      }
      return r.get("result");
    }

    void open(String url) throws Exception {
      call("Page.enable", null);
      call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", WIDTH).put("height", HEIGHT)
          .put("deviceScaleFactor", 1).put("mobile", false));
      events.clear();
      call("Page.navigate", JSON.createObjectNode().put("url", url));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        JsonNode e = events.poll(1, TimeUnit.SECONDS);
        if (e != null && "Page.loadEventFired".equals(e.path("method").asText())) {
          return;
        }
      }
      throw new IOException("the page did not load within 120 s: " + url);
    }

    /** Evaluates a JavaScript expression returning a JSON string; returns it parsed. */
    JsonNode eval(String js) throws Exception {
      JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", js).put("returnByValue", true)
          .put("awaitPromise", true));
      if (r.has("exceptionDetails")) {
        throw new IOException("JavaScript failed: " + r.get("exceptionDetails"));
      }
      return JSON.readTree(r.path("result").path("value").asText("null"));
    }

    void screenshot(Path file, JsonNode clip) throws Exception {
      ObjectNode params = JSON.createObjectNode().put("format", "png");
      if (clip != null) {
        ObjectNode c = params.putObject("clip");
        c.put("x", clip.get("x").asDouble()).put("y", clip.get("y").asDouble())
            .put("width", clip.get("width").asDouble()).put("height", clip.get("height").asDouble()).put("scale", 1);
      }
      params.put("captureBeyondViewport", clip != null);
      JsonNode r = call("Page.captureScreenshot", params);
      Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    @Override
    public void close() {
      try {
        // No reply to wait for: the browser may close the socket first.
        ws.sendText("{\"id\": 0, \"method\": \"Browser.close\", \"params\": {}}", true).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing by force below
      }
      ws.abort();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
