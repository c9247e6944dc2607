package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A time budget below the cost of one query: trials without a result. The report names the groups
 * (empty, or how many of their trials) and analyses the rest, instead of failing as an internal error.
 */
class ReportNoQueryTest {
  @TempDir
  Path dir;

  private Path run(String name, String datasets, int seconds) throws Exception {
    Path cfg = dir.resolve(name + ".yaml");
    Files.writeString(cfg, "name: " + name + "\nbenchmark: nb201\ndatasets: [" + datasets + "]\nfidelity: hp12\n"
        + "pools: [full]\nsearchers: [{name: rs}, {name: re}]\nbudget: {seconds: " + seconds + "}\nseeds: 5\n");
    Path out = dir.resolve(name);
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.out() + r.err());
    return out;
  }

  @Test
  void groupsWhoseTrialsMadeNoQueryAreNamedAndTheRestIsReported() throws Exception {
    Path none = run("none", "cifar10", 1);
    CliRunner.Result r = CliRunner.run("report", none.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    String all = r.out() + r.err();
    assertTrue(all.contains("cifar10/full/rs (all 5 trials: the group is empty)")
        && all.contains("cifar10/full/re (all 5 trials: the group is empty)") && all.contains("below the cost of one"
        + " query"), all);
    assertTrue(Files.readString(none.resolve("index.html")).contains("the group is empty"));

    // cifar100's estimated costs are twice cifar10's: at 130 s its groups are empty, cifar10's partly.
    Path partial = run("partial", "cifar10, cifar100", 130);
    r = CliRunner.run("report", partial.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    all = r.out() + r.err();
    assertTrue(all.contains("cifar100/full/rs (all 5 trials: the group is empty)")
        && all.contains("cifar10/full/rs (1 of 5 trials)"), all);
    assertTrue(Files.exists(partial.resolve("compare/curves.csv")),
        "the groups with results are analysed");
  }
}
