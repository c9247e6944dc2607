package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --help on every command and subcommand of the whole tree, nash help, and the top-level listing. */
class CommandTreeHelpTest {
  /** Every command path of the tree, e.g. [], [run], [data, verify]. */
  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(path);
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      // picocli lists aliases as separate keys; the tree walks each name once.
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue;
      }
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      walk(e.getValue(), sub, out);
    }
  }

  private static List<List<String>> allPaths() {
    List<List<String>> paths = new ArrayList<>();
    walk(Nash.commandLine(new Nash()), List.of(), paths);
    return paths;
  }

  @Test
  void helpWorksOnEveryCommand() {
    List<List<String>> paths = allPaths();
    assertTrue(paths.size() >= 18, "the tree has the commands and subcommands: " + paths);
    for (List<String> p : paths) {
      List<String> args = new ArrayList<>(p);
      args.add("--help");
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      String cmd = String.join(" ", args);
      assertEquals(0, r.exit(), cmd + "\n" + r.err());
      assertTrue(r.out().contains("Usage: nash" + (p.isEmpty() ? "" : " " + String.join(" ", p))), cmd + "\n" + r.out());
      assertTrue(r.out().contains("--help"), cmd);
      assertTrue(r.out().contains("--debug") && r.out().contains("--plugin"), cmd + ": global options listed\n" + r.out());
      // nash help CMD SUB gives the same page.
      if (!p.isEmpty() && !p.get(0).equals("help")) {
        List<String> help = new ArrayList<>(List.of("help"));
        help.addAll(p);
        CliRunner.Result h = CliRunner.run(help.toArray(String[]::new));
        assertEquals(0, h.exit(), "nash help " + p + "\n" + h.err());
        assertEquals(r.out(), h.out(), "nash help " + String.join(" ", p));
      }
    }
  }

  @Test
  void topLevelHelpListsEveryCommand() {
    CliRunner.Result r = CliRunner.run("--help");
    assertEquals(0, r.exit());
    for (String c : List.of("run", "report", "scan", "reproduce", "space", "searchers", "oracles", "benchmarks",
        "surrogate", "retrain", "spotcheck", "data", "query", "help")) {
      assertTrue(r.out().matches("(?s).*\\n  " + c + " .*"), c + " listed in\n" + r.out());
    }
    assertTrue(r.out().contains("Exit codes: 0 ok, 2 user error"), r.out());
    CliRunner.Result help = CliRunner.run("help");
    assertEquals(0, help.exit(), help.err());
    assertEquals(r.out(), help.out());
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertEquals(2, CliRunner.run().exit());
    assertEquals(2, CliRunner.run("frobnicate").exit());
    assertEquals(2, CliRunner.run("run").exit());
    assertEquals(2, CliRunner.run("searchers", "--no-such-option").exit());
    assertEquals(2, CliRunner.run("space").exit());
  }
}
