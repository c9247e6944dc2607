package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nash slurm submit --dry-run} and the checks that need no cluster: which shards a folder
 * still needs, the scripts written for them, and the refusals (SlurmClusterTest submits for real).
 */
class SlurmSubmitTest {
  @TempDir
  Path dir;

  private Path config() throws Exception {
    Path f = dir.resolve("small.yaml");
    Files.writeString(f, """
        name: small
        benchmark: nb201
        datasets: [cifar10]
        pools: [full]
        searchers: [{name: rs}, {name: re}]
        budget: {queries: 20}
        seeds: 4
        """);
    return f;
  }

  private static CliRunner.Result ok(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.out() + r.err());
    return r;
  }

  private static CliRunner.Result dryRun(Path cfg, Path out, String... extra) {
    String[] args = new String[6 + extra.length];
    System.arraycopy(new String[] {"slurm", "submit", cfg.toString(), "--out", out.toString(), "--dry-run"}, 0, args, 0, 6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    return ok(args);
  }

  @Test
  void aDryRunSubmitsOnlyWhatTheFolderStillNeeds() throws Exception {
    Path cfg = config();
    Path out = dir.resolve("study");
    CliRunner.Result r = dryRun(cfg, out, "--shards", "4", "--partition", "gpu", "--gres", "gpu:1", "--time", "1:00:00");
    assertTrue(r.out().contains("would submit shards 0-3 of 4: sbatch --parsable --array=0-3 "
        + out.resolve("slurm/shards.sbatch")),
        r.out());
    assertTrue(r.out().contains("--dependency=afterok:<array job id> --kill-on-invalid-dep=yes"), r.out());
    String script = Files.readString(out.resolve("slurm/shards.sbatch"));
    assertTrue(script.contains("#SBATCH --array=0-3\n") && script.contains("#SBATCH --gres=gpu:1\n"), script);
    assertTrue(script.contains(Path.of(System.getProperty("nash.home"), "nash").toAbsolutePath().normalize()
        + " run " + cfg.toAbsolutePath() + " --out " + out.toAbsolutePath() + " --shard auto/4"), script);
    assertFalse(Files.readString(out.resolve("slurm/merge.sbatch")).contains("--gres"));
    assertFalse(Files.exists(out.resolve("slurm/submissions.jsonl")), "a dry run records no submission");

    // Shards 0 and 2 done (here, as a task would): the array is over 1 and 3 only.
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/4", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "2/4", "--quiet");
    r = dryRun(cfg, out, "--shards", "4");
    assertTrue(r.out().contains("would submit shards 1,3 of 4: sbatch --parsable --array=1,3 "), r.out());
    // The script still names every shard (its text never changes as shards complete); sbatch's --array wins.
    assertTrue(Files.readString(out.resolve("slurm/shards.sbatch")).contains("#SBATCH --array=0-3\n"));

    // All done, not merged: the merge alone, without a dependency.
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/4", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "3/4", "--quiet");
    r = dryRun(cfg, out, "--shards", "4");
    assertFalse(r.out().contains("would submit shards"), r.out());
    assertTrue(r.out().contains("would submit the merge: sbatch --parsable " + out.resolve("slurm/merge.sbatch")), r.out());

    ok("merge", out.toString());
    r = dryRun(cfg, out, "--shards", "4");
    assertTrue(r.out().contains("all 4 shards of small are complete and merged"), r.out());
  }

  @Test
  void refusalsNameWhatIsWrong() throws Exception {
    Path cfg = config();
    Path out = dir.resolve("study");
    CliRunner.Result r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", out.toString(), "--dry-run");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("give --shards N"), r.err());

    // A folder submitted before keeps its shard count and its config.
    Files.createDirectories(out.resolve("slurm"));
    Files.writeString(out.resolve("slurm/submissions.jsonl"), "{\"submitted\":\"2026-01-01T00:00:00Z\",\"config\":\""
        + cfg.toAbsolutePath() + "\",\"out\":\"" + out.toAbsolutePath() + "\",\"shards\":4,\"array\":[0,1,2,3],"
        + "\"array_job\":\"41\",\"merge_job\":\"42\",\"launcher\":\"/x/nash\",\"resources\":{}}\n");
    r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", out.toString(), "--shards", "3", "--dry-run");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("is split into 4 shards") && r.err().contains("--shards 3"), r.err());
    Path other = dir.resolve("other.yaml");
    Files.copy(cfg, other);
    r = CliRunner.run("slurm", "submit", other.toString(), "--out", out.toString(), "--dry-run");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("was submitted with config " + cfg.toAbsolutePath()), r.err());
    // The count comes from the earlier submission.
    assertTrue(dryRun(cfg, out).out().contains("would submit shards 0-3 of 4"));

    r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", dir.resolve("with space").toString(), "--shards", "2");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("no space"), r.err());
    r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", dir.resolve("x").toString(), "--shards", "2",
        "--partition", "a b", "--dry-run");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--partition 'a b'"), r.err());
    r = CliRunner.run("slurm", "status", dir.resolve("nothing").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("no Slurm submission recorded"), r.err());
  }

  @Test
  void anEditedScriptIsNeverOverwritten() throws Exception {
    Path cfg = config();
    Path out = dir.resolve("study");
    Path pre = dir.resolve("setup.sh");
    Files.writeString(pre, "module load java/17\n");
    dryRun(cfg, out, "--shards", "2", "--sbatch-option", "export=ALL", "--preamble", pre.toString());
    Path shards = out.resolve("slurm/shards.sbatch");
    Path merge = out.resolve("slurm/merge.sbatch");
    String written = Files.readString(shards);
    assertTrue(written.contains("#SBATCH --export=ALL\n") && written.contains("module load java/17\n"), written);
    assertTrue(Files.readString(merge).contains("module load java/17\n"));

    // The user adds a line, as docs/CLUSTER.md says they may.
    String edited = written.replace("#SBATCH --export=ALL\n", "#SBATCH --export=ALL\n#SBATCH --qos=long\n");
    Files.writeString(shards, edited);
    // The same options: the edited script is used as it is.
    CliRunner.Result r = dryRun(cfg, out, "--sbatch-option", "export=ALL", "--preamble", pre.toString());
    assertTrue(r.out().contains("using " + shards + " as you edited it"), r.out());
    assertEquals(edited, Files.readString(shards));
    // No option that goes into the scripts: used as it is too.
    r = dryRun(cfg, out);
    assertTrue(r.out().contains("as you edited it"), r.out());
    assertEquals(edited, Files.readString(shards));
    // Other options would write another script: refused, naming it; nothing is written.
    String mergeBefore = Files.readString(merge);
    r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", out.toString(), "--partition", "gpu", "--dry-run");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(shards + " was edited since nash wrote it") && r.err().contains("never overwrites"),
        r.err());
    assertEquals(edited, Files.readString(shards));
    assertEquals(mergeBefore, Files.readString(merge), "a refused submit writes neither script");

    // A script nash wrote and nobody edited follows the options of each submit.
    Files.delete(shards);
    dryRun(cfg, out, "--partition", "gpu");
    assertTrue(Files.readString(shards).contains("#SBATCH --partition=gpu\n"));
    dryRun(cfg, out, "--partition", "big");
    assertTrue(Files.readString(shards).contains("#SBATCH --partition=big\n"));
    assertFalse(Files.readString(merge).contains("module load"), "no --preamble now: the merge script follows");

    // A script nash has no record of (hand-written, or an older nash's) is not overwritten either.
    Files.delete(out.resolve("slurm/written.json"));
    Files.writeString(shards, "#!/bin/bash\n# mine\n");
    r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", out.toString(), "--shards", "2", "--dry-run");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(shards + " was not written by nash"), r.err());
    assertEquals("#!/bin/bash\n# mine\n", Files.readString(shards));

    r = CliRunner.run("slurm", "submit", cfg.toString(), "--out", out.toString(), "--shards", "2", "--sbatch-option",
        "qos=a\nb", "--dry-run");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("newline"), r.err());
  }

  @Test
  void statusOfAnArraySubmittedByHand() throws Exception {
    Path cfg = config();
    Path out = dir.resolve("study");
    dryRun(cfg, out, "--shards", "2");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/2", "--quiet");
    CliRunner.Result r = CliRunner.run("slurm", "status", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--job ID"), r.err());
    r = CliRunner.run("slurm", "status", out.toString(), "--job", "12x");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--job 12x"), r.err());

    // sbatch DIR/slurm/shards.sbatch by hand printed 77: shard K is task 77_K.
    r = ok("slurm", "status", out.toString(), "--job", "77");
    assertTrue(r.out().contains("array job 77 submitted by hand: recorded"), r.out());
    assertTrue(r.out().matches("(?s).*\\n1\\s+done\\s+77_1.*"), r.out());
    assertTrue(r.out().matches("(?s).*\\n0\\s+(failed|incomplete)\\s+77_0.*"), r.out());
    // Recorded once: later calls need no --job.
    r = ok("slurm", "status", out.toString());
    assertTrue(r.out().contains("77_0"), r.out());
    ok("slurm", "status", out.toString(), "--job", "77");
    assertEquals(1, Files.readAllLines(out.resolve("slurm/submissions.jsonl")).size());
    String line = Files.readString(out.resolve("slurm/submissions.jsonl"));
    assertTrue(line.contains("\"by_hand\":true") && line.contains("\"array_job\":\"77\""), line);

    // Without anything nash wrote, the shard folders tell the config and count.
    Path bare = dir.resolve("bare");
    ok("run", cfg.toString(), "--out", bare.toString(), "--shard", "0/3", "--quiet");
    r = ok("slurm", "status", bare.toString(), "--job", "91");
    assertTrue(r.out().contains("3 shards: 1 done"), r.out());
  }
}
