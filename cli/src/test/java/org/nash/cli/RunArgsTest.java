package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plain {@code nash run} form read without picocli gives the command picocli would give; the rest falls back. */
class RunArgsTest {
  private static RunCommand picocli(String... args) {
    CommandLine cl = Nash.commandLine(new Nash(), "run");
    CommandLine.ParseResult pr = cl.parseArgs(args);
    return (RunCommand) pr.subcommand().commandSpec().userObject();
  }

  private static void same(String... args) {
    Nash nash = new Nash();
    RunCommand fast = RunArgs.parse(args, nash);
    assertNotNull(fast, Arrays.toString(args));
    RunCommand slow = picocli(args);
    String what = Arrays.toString(args);
    assertSame(nash, fast.nash, what);
    assertEquals(slow.config, fast.config, what);
    assertEquals(slow.out, fast.out, what);
    assertEquals(slow.threads, fast.threads, what);
    assertEquals(slow.quiet, fast.quiet, what);
    assertEquals(slow.shard, fast.shard, what);
    assertEquals(slow.strict, fast.strict, what);
    assertEquals(slow.acceptChanged, fast.acceptChanged, what);
  }

  @Test
  void thePlainFormIsReadAsPicocliReadsIt() {
    same("run", "configs/quickstart.yaml");
    same("run", "configs/nb201-all-pools.yaml", "--shard", "0/5000", "--threads", "1", "--out", "/tmp/x", "--quiet");
    same("run", "--quiet", "--out", "out dir/with space", "c.yaml", "--strict");
    same("run", "c.yaml", "--threads", "12", "--shard", "auto");
    same("run", "c.yaml", "--threads", "0");
    same("run", "c.yaml", "--accept-changed-searcher", "re", "--accept-changed-searcher", "ls", "--shard", "auto/8");
  }

  /**
   * A new option of {@code run} must be taught to {@link RunArgs} (or make it fall back): otherwise the fast
   * path would leave its field unset where picocli sets a default.
   */
  @Test
  void runHasNoOptionRunArgsDoesNotKnow() {
    CommandLine run = Nash.commandLine(new Nash(), "run").getSubcommands().get("run");
    Set<String> names = new TreeSet<>();
    run.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
    // --debug and --plugin are the global options, which send every command through picocli
    assertEquals(new TreeSet<>(List.of("--out", "--threads", "--quiet", "--shard", "--strict",
        "--accept-changed-searcher", "-h", "--help", "-V", "--version", "--debug", "--plugin")), names,
        "run's options changed: teach RunArgs the new one and extend RunArgsTest");
    assertEquals(1, run.getCommandSpec().positionalParameters().size(), "run takes one positional, the config");
  }

  @Test
  void everythingElseGoesThroughPicocli() {
    for (List<String> args : List.of(
        List.of("run"),
        List.of("query", "x"),
        List.of("run", "a.yaml", "b.yaml"),
        List.of("run", "--help"),
        List.of("run", "c.yaml", "-h"),
        List.of("run", "c.yaml", "--version"),
        List.of("run", "c.yaml", "--debug"),
        List.of("run", "c.yaml", "--plugin", "x.jar"),
        List.of("run", "c.yaml", "--out=dir"),
        List.of("run", "c.yaml", "--out"),
        List.of("run", "c.yaml", "--out", "a", "--out", "b"),
        List.of("run", "c.yaml", "--quiet", "--quiet"),
        List.of("run", "c.yaml", "--out", "-x"),
        List.of("run", "@args.txt"),
        List.of("run", "c.yaml", "--threads", "two"),
        List.of("run", "c.yaml", "--threads", "010"),
        List.of("run", "c.yaml", "--threads", "-1"),
        List.of("run", "c.yaml", "--threads", "99999999999"),
        List.of("run", "c.yaml", "--thread", "2"),
        List.of("run", "c.yaml", "--"),
        List.of("run", ""),
        List.of("run", "c\u0000.yaml"))) {
      assertNull(RunArgs.parse(args.toArray(String[]::new), new Nash()), args.toString());
    }
  }
}
