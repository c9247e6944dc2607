package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The docs' {@code ./nash} lines, exactly as written (README.md, docs/*.md, the modules' READMEs):
 * shell lines in fenced blocks and {@code `./nash ...`} spans in tables and prose.
 *
 * <p>The rule (also in the README): every line is parsed by the real command tree, so option names,
 * placement and required options are right. A line is also run, from a scratch folder holding the
 * checkout's {@code configs/}, and must exit 0 when it is quick: its command is one of
 * {@link #QUICK} and it names no file the checkout lacks (the reader's own {@code mine.yaml} or jar)
 * and no placeholder. Lines that train networks, fit surrogates, hash all data or run whole studies
 * are parsed only. In a table cell {@code a\|b} stands for each alternative and {@code [...]} for an
 * optional part (parsed with and without it); upper-case words (CONFIG, DIR, JAR, N) are
 * placeholders, parsed with sample values.
 */
class DocLinesTest {
  static final Set<String> QUICK = Set.of("run", "space", "searchers", "oracles", "benchmarks", "data list", "help");

  private static final Map<String, String> SAMPLES = Map.of("CONFIG", "configs/quickstart.yaml", "RESULTS_DIR",
      "results/quickstart", "DIR", "out", "N", "2", "JAR", "x.jar", "DS", "cifar10", "COMMAND", "run");

  @TempDir
  Path scratch;

  private static Path root() {
    return Path.of(System.getProperty("user.dir")).resolve("..").normalize();
  }

  /** A documented line: where it is and the text after {@code ./nash}. */
  record Line(String where, String text, boolean inTable) {}

  static List<Line> lines() throws Exception {
    List<Path> docs = new ArrayList<>(List.of(root().resolve("README.md")));
    try (Stream<Path> s = Files.list(root().resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    try (Stream<Path> s = Files.list(root())) {
      s.map(p -> p.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(docs::add);
    }
    Pattern span = Pattern.compile("`[^`]*?\\./nash ([^`]+)`");
    List<Line> out = new ArrayList<>();
    for (Path doc : docs) {
      boolean fenced = false;
      int n = 0;
      for (String line : Files.readAllLines(doc)) {
        n++;
        String where = root().relativize(doc) + ":" + n;
        if (line.startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) {
          String t = line.strip();
          if (t.startsWith("./nash ")) {
            out.add(new Line(where, t.substring(7).replaceFirst("\\s+#.*$", ""), false));
          }
          continue;
        }
        Matcher m = span.matcher(line);
        while (m.find()) {
          out.add(new Line(where, m.group(1), line.startsWith("|")));
        }
      }
    }
    return out;
  }

  /** The argument lists a line stands for: each alternative, with and without optional parts. */
  static List<List<String>> variants(Line l) {
    List<String> texts = new ArrayList<>();
    if (l.text().contains("[")) {
      texts.add(l.text().replaceAll("\\s*\\[[^\\]]*\\]", ""));
      texts.add(l.text().replaceAll("\\[([^\\]]*)\\]", "$1"));
    } else {
      texts.add(l.text());
    }
    List<List<String>> out = new ArrayList<>();
    for (String t : texts) {
      List<List<String>> acc = new ArrayList<>(List.of(new ArrayList<>()));
      for (String tok : t.trim().split("\\s+")) {
        List<String> alts = l.inTable() && tok.contains("\\|") ? List.of(tok.split("\\\\\\|")) : List.of(tok);
        List<List<String>> next = new ArrayList<>();
        for (List<String> a : acc) {
          for (String alt : alts) {
            List<String> b = new ArrayList<>(a);
            b.add(alt);
            next.add(b);
          }
        }
        acc = next;
      }
      out.addAll(acc);
    }
    return out;
  }

  private static boolean hasPlaceholder(List<String> args) {
    return args.stream().anyMatch(a -> SAMPLES.keySet().stream().anyMatch(k -> a.matches(".*\\b" + k + "\\b.*")));
  }

  private static List<String> withSamples(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      String s = a.replace(",...", "");
      for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
        s = s.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
      }
      out.add(s);
    }
    return out;
  }

  private static String command(List<String> args) {
    List<String> words = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (words.isEmpty()) {
      return "";
    }
    return words.size() > 1 && words.get(0).equals("data") ? "data " + words.get(1) : words.get(0);
  }

  private static boolean namesMissingFile(List<String> args) {
    return args.stream().anyMatch(a -> (a.endsWith(".yaml") || a.endsWith(".jar")) && !Files.exists(root().resolve(a)));
  }

  @Test
  void everyDocumentedLineParsesAndTheQuickOnesRun() throws Exception {
    List<Line> lines = lines();
    assertTrue(lines.size() >= 20, "found the documented lines: " + lines);
    Map<String, List<String>> toRun = new LinkedHashMap<>();
    for (Line l : lines) {
      boolean variant = l.text().contains("[") || (l.inTable() && l.text().contains("\\|"));
      for (List<String> args : variants(l)) {
        List<String> parsed = withSamples(args);
        try {
          CommandLine.ParseResult pr = Nash.commandLine(new Nash()).parseArgs(parsed.toArray(String[]::new));
          assertTrue(pr.hasSubcommand() || pr.isUsageHelpRequested(), l.where() + ": no command in " + parsed);
        } catch (CommandLine.ParameterException e) {
          fail(l.where() + ": './nash " + String.join(" ", parsed) + "' does not parse: " + e.getMessage());
        }
        if (!variant && !hasPlaceholder(args) && QUICK.contains(command(args)) && !namesMissingFile(args)) {
          toRun.putIfAbsent(String.join(" ", args), args);
        }
      }
    }
    assertTrue(toRun.containsKey("run configs/quickstart.yaml"), "the quick start is run: " + toRun.keySet());
    Files.createSymbolicLink(scratch.resolve("configs"), root().resolve("configs"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (List<String> args : toRun.values()) {
      List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
          "-Dnash.data.mirror=" + System.getProperty("nash.data.mirror", ""), "org.nash.cli.Nash"));
      cmd.addAll(args);
      Path log = scratch.resolve("log.txt");
      Process p = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "./nash " + String.join(" ", args) + " timed out");
      assertEquals(0, p.exitValue(), "./nash " + String.join(" ", args) + "\n" + Files.readString(log));
    }
    assertTrue(Files.isRegularFile(scratch.resolve("results/quickstart/trials.jsonl")), "the quick start wrote its results");
  }

  @Test
  void licenseAndCitationArePresent() throws Exception {
    assertTrue(Files.readString(root().resolve("LICENSE")).contains("Apache License\n                           Version 2.0"));
    var cff = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(root().resolve("CITATION.cff").toFile());
    assertEquals("1.2.0", cff.get("cff-version").asText());
    for (String key : List.of("message", "title", "authors")) {
      assertTrue(cff.hasNonNull(key), "CITATION.cff needs " + key);
    }
    assertEquals("Apache-2.0", cff.get("license").asText());
  }
}
