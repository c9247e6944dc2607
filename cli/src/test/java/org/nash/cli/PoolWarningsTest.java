package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML pitfall `pools: [full, skip,c1x1,c3x3]` and degenerate pools are named; --strict refuses them. */
class PoolWarningsTest {
  @TempDir
  Path dir;

  private CliRunner.Result run(String pools, String... more) throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, """
        benchmark: nb201
        datasets: [cifar10]
        pools: %s
        searchers: [{name: rs}]
        budget: {queries: 5}
        seeds: 1
        """.formatted(pools));
    String[] args = new String[4 + more.length];
    System.arraycopy(new String[] {"run", cfg.toString(), "--out", dir.resolve("out-" + more.length).toString()}, 0, args, 0, 4);
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRunner.run(args);
  }

  @Test
  void anUnquotedPoolSplitByYamlIsNamed() throws Exception {
    CliRunner.Result r = run("[full, skip,c1x1,c3x3]");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("warning: pool 'skip' has a single operation: 1 architecture(s)"), r.err());
    assertTrue(r.err().contains("warning: pools skip, c1x1, c3x3 look like one pool split by YAML")
        && r.err().contains("\"skip,c1x1,c3x3\""), r.err());

    r = run("[full, skip,c1x1,c3x3]", "--strict");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("look like one pool split by YAML") && r.err().contains("--strict"), r.err());
    assertFalse(Files.exists(dir.resolve("out-1")), "a refused run writes nothing");
  }

  @Test
  void deliberateSinglesNextToTheirUnionAreNotASplitList() throws Exception {
    CliRunner.Result r = run("[skip, c3x3, \"skip,c3x3\", full]");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("pool 'skip' has a single operation"), r.err());
    assertFalse(r.err().contains("split by YAML"), r.err());
    r = run("[full, \"skip,c1x1,c3x3\"]", "--strict");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("warning:"), r.err());
  }
}
