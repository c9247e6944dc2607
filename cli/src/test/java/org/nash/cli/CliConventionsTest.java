package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.data.DataCatalog;

/**
 * Issue 16's CLI items: global options after the command, --debug, plugin errors, safe results
 * folder names, one spelling per flag, progress in logs, Ctrl-C, the mirror beside the checkout.
 */
class CliConventionsTest {
  @TempDir
  Path dir;

  private static final String SMALL = """
      benchmark: nb201
      datasets: [cifar10]
      pools: [full]
      searchers: [{name: rs}]
      budget: {queries: 10}
      seeds: 2
      """;

  private Path config(String name, String yaml) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml);
    return f;
  }

  /** The documented searcher, renamed, throwing after its first evaluation. */
  private Path explodingSearcherJar() throws Exception {
    String src = PluginJars.documentedSearcher().replace("OnePlusOne", "Exploder").replace("\"one-plus-one\"", "\"exploder\"")
        .replace("sinceImprovement++;", "if (best != null) {\n      throw new IllegalStateException(\"exploded on purpose\");\n    }\n    sinceImprovement++;");
    assertTrue(src.contains("exploded on purpose"), "the doc's searcher still has a tell() that counts evaluations since an improvement");
    return PluginJars.build(dir, "exploder", Map.of("org/example/Exploder.java", src),
        Map.of("org.nash.search.SearcherProvider", "org.example.Exploder$Provider"));
  }

  @Test
  void anEmptyOutOrAnOutThatIsAFileIsRefusedWithItsReason() throws Exception {
    Path cfg = config("s.yaml", SMALL);
    Path file = Files.writeString(dir.resolve("a-file"), "mine");
    for (String cmd : List.of("run", "scan")) {
      List<String> head = cmd.equals("run") ? List.of("run", cfg.toString()) : List.of("scan", "--benchmark", "nb201");
      CliRunner.Result r = CliRunner.run(concat(head, List.of("--out", "")));
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("--out is empty"), r.err());
      r = CliRunner.run(concat(head, List.of("--out", file.toString())));
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("is a file, not a folder"), r.err());
    }
    assertEquals("mine", Files.readString(file));
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }

  @Test
  void globalOptionsWorkAfterTheCommand() throws Exception {
    Path jar = explodingSearcherJar();
    for (List<String> args : List.of(List.of("searchers", "--plugin", jar.toString()),
        List.of("--plugin", jar.toString(), "searchers"), List.of("searchers", "--plugin=" + jar))) {
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), args + ": " + r.err());
      assertTrue(r.out().contains("exploder"), args + ": " + r.out());
    }
    CliRunner.Result r = CliRunner.run("searchers", "--debug");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("exploder"));
  }

  @Test
  void failingPluginSearcherNamesTheTrialAndDebugShowsTheStack() throws Exception {
    Path jar = explodingSearcherJar();
    Path cfg = config("x.yaml", SMALL.replace("{name: rs}", "{name: exploder}"));
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", dir.resolve("o").toString(), "--quiet", "--plugin",
        jar.toString());
    // a failing plugin is an internal error (exit 3) naming the plugin and the trial (issue 20 item 8)
    assertEquals(3, r.exit(), r.err());
    assertTrue(r.err().matches("(?s).*nash: internal error in a plugin: searcher 'exploder' .*\\(trial \\S*exploder\\S*\\):"
        + " java.lang.IllegalStateException: exploded on purpose.*"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug: " + r.err());
    assertTrue(r.err().contains("--debug"), "says how to see the stack: " + r.err());

    CliRunner.Result d = CliRunner.run("run", cfg.toString(), "--out", dir.resolve("o2").toString(), "--quiet", "--plugin",
        jar.toString(), "--debug");
    assertEquals(3, d.exit(), d.err());
    assertTrue(d.err().contains("\tat org.example.Exploder.tell"), "--debug shows where it failed: " + d.err());
  }

  @Test
  void servicesFileNamingAMissingClassIsAClearError() throws Exception {
    Path searcher = PluginJars.build(dir, "bad-searcher", Map.of("org/example/Nothing.java", "package org.example; class Nothing {}"),
        Map.of("org.nash.search.SearcherProvider", "org.example.NoSuchProvider"));
    Path command = PluginJars.build(dir, "bad-command", Map.of("org/example/Nothing.java", "package org.example; class Nothing {}"),
        Map.of("org.nash.cli.CommandProvider", "org.example.NoSuchCommand"));
    Path cfg = config("c.yaml", SMALL);
    for (List<String> args : List.of(List.of("searchers", "--plugin", searcher.toString()),
        List.of("run", cfg.toString(), "--out", dir.resolve("o").toString(), "--plugin", searcher.toString()),
        List.of("--plugin", command.toString(), "--help"))) {
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), args + ": " + r.err());
      assertTrue(r.err().contains("nash: error: cannot load a") && r.err().contains("org.example.NoSuch"), args + ": " + r.err());
      assertFalse(r.err().contains("\tat "), args + ": " + r.err());
    }
    assertFalse(Files.exists(dir.resolve("o")));
  }

  @Test
  void pluginJarsContributeCommands() throws Exception {
    String src = """
        package org.example;

        import org.nash.cli.AnnotatedCommand;
        import picocli.CommandLine.Command;
        import picocli.CommandLine.Option;
        import picocli.CommandLine.ParentCommand;

        @Command(name = "hello", description = "Say hello.")
        public final class Hello implements Runnable {
          @ParentCommand
          org.nash.cli.Nash nash;

          @Option(names = "--who", defaultValue = "world")
          String who;

          public void run() {
            System.out.println("hello " + who + " (debug " + nash.debug() + ")");
          }

          public static final class Provider extends AnnotatedCommand {
            public Provider() {
              super(Hello.class);
            }
          }
        }
        """;
    Path jar = PluginJars.build(dir, "hello", Map.of("org/example/Hello.java", src),
        Map.of("org.nash.cli.CommandProvider", "org.example.Hello$Provider"));
    CliRunner.Result r = CliRunner.run("hello", "--who", "nash", "--plugin", jar.toString(), "--debug");
    assertEquals(0, r.exit(), r.err());
    assertEquals("hello nash (debug true)\n", r.out());
    CliRunner.Result help = CliRunner.run("--plugin", jar.toString(), "--help");
    assertTrue(help.out().contains("  hello "), help.out());
    assertEquals(2, CliRunner.run("hello").exit(), "without the jar there is no such command");
  }

  @Test
  void resultsFolderNamesAreConfined() throws Exception {
    for (String name : List.of("..", ".", "../../x", "a/b", "/tmp/abs", "\"\"", "\" x\"", "a\\\\b")) {
      Path cfg = config("n.yaml", "name: " + name + "\n" + SMALL);
      CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--quiet");
      assertEquals(2, r.exit(), name + ": " + r.err());
      assertTrue(r.err().contains("cannot be a results folder name"), name + ": " + r.err());
    }
    assertEquals("quickstart", Cli.safeName("quickstart", "name"));
    assertEquals("a..b", Cli.safeName("a..b", "name"));
    assertThrows(NashException.class, () -> Cli.safeName(null, "name"));
    // --out is the user's explicit choice and is not confined.
    Path cfg = config("ok.yaml", "name: ../escape\n" + SMALL);
    assertEquals(0, CliRunner.run("run", cfg.toString(), "--quiet", "--out", dir.resolve("chosen").toString()).exit());
  }

  @Test
  void oneSpellingPerFlagOldOnesWithANote() throws Exception {
    CliRunner.Result r = CliRunner.run("scan", "--benchmark", "nb201", "--dataset", ",", "--out", dir.resolve("s0").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--dataset was given without a value"), r.err());
    r = CliRunner.run("scan", "--benchmark", "nb201", "--datasets", ",", "--out", dir.resolve("s").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--datasets is deprecated; use --dataset"), r.err());
    assertFalse(Files.exists(dir.resolve("s")));
    r = CliRunner.run("spotcheck", "--archs", ",");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--archs is deprecated; use --arch") && r.err().contains("--arch was given without a value"),
        r.err());
    assertEquals(2, CliRunner.run("spotcheck").exit(), "an architecture is required");
    r = CliRunner.run("space", "info", "--benchmark", "nb201", "--pool", "skip,conv3x3");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("pool skip+c3x3: 64 architectures"), r.out());
    assertTrue(r.err().contains("loading benchmark nb201..."), "a message before slow loading: " + r.err());
  }

  @Test
  void progressInALogIsPlainLines() throws Exception {
    Path cfg = config("p.yaml", SMALL);
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", dir.resolve("o").toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("\r"), "no carriage-return frames when stderr is not a terminal: " + r.err());
    assertTrue(r.err().startsWith("p: loading benchmark nb201...\n"), r.err());
    assertTrue(r.err().contains("trials: 2/2 (100%)"), r.err());
  }

  @Test
  void ctrlCSaysHowToResume() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path cfg = config("long.yaml", SMALL.replace("seeds: 2", "seeds: 100000").replace("queries: 10", "queries: 200"));
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dnash.data.mirror=" + System.getProperty("nash.data.mirror", ""), "org.nash.cli.Nash", "run", cfg.toString(),
        "--out", dir.resolve("o").toString(), "--threads", "1");
    pb.redirectErrorStream(true);
    Path log = dir.resolve("log.txt");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("trials on nb201") && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    p.destroy(); // SIGTERM: the shutdown hooks run as on Ctrl-C
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = Files.readString(log);
    assertTrue(out.contains("nash: interrupted; rerun the same command to resume"), out);
  }

  @Test
  void mirrorIsFoundBesideTheCheckoutNotTheWorkingDirectory() throws Exception {
    assumeTrue(System.getenv("NASH_DATA_MIRROR") == null, "NASH_DATA_MIRROR overrides the default");
    String mirror = System.getProperty("nash.data.mirror");
    String home = System.getProperty("nash.home");
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Path shared = Files.createDirectories(dir.resolve("shared").resolve("data"));
    try {
      System.clearProperty("nash.data.mirror");
      System.setProperty("nash.home", checkout.toString());
      assertEquals(shared.toAbsolutePath().normalize(), DataCatalog.defaultMirrorDir());
    } finally {
      restore("nash.data.mirror", mirror);
      restore("nash.home", home);
    }
    // Nash itself sets nash.home from where its classes are: this checkout (cli/target/classes).
    Path self = Path.of(System.getProperty("nash.home"));
    assertTrue(Files.isRegularFile(self.resolve("cli").resolve("pom.xml")), self.toString());
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
