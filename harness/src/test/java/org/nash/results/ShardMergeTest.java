package org.nash.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.config.ConfigLoader;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.Shard;
import org.nash.run.ExperimentRunner;
import org.nash.testing.RunMain;
import org.nash.testing.Synthetic;

/**
 * Sharded runs on the synthetic benchmark: N shards merged are the bytes of one run; a killed shard
 * resumes without duplicates; merging refuses missing, unfinished, damaged and mismatched shards and
 * writes nothing then. (The real configs' shards, the report of a sharded folder and the retraining
 * oracle's per-shard stores are tested through the command line in the cli module's ShardRunTest.)
 */
class ShardMergeTest {
  @TempDir
  Path dir;

  private static final String SMALL = """
      name: shards
      benchmark: synthetic
      datasets: [smooth, rugged]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: test-random}
        - {name: test-sweep, params: {from: 3}}
      budget: {queries: 100}
      seeds: 3
      """;

  /** {@code nash run CONFIG --out OUT [--shard K/N]} without the command line. */
  private static ExperimentRunner.Outcome run(Path cfg, Path out, String shard) {
    ClassLoader loader = ShardMergeTest.class.getClassLoader();
    if (shard == null) {
      try (Plan plan = Synthetic.plan(ConfigLoader.load(cfg))) {
        return ExperimentRunner.run(plan, out, 2, null);
      }
    }
    Shard sh = Shard.parse(shard, Map.of());
    try (Plan plan = Planner.plan(ConfigLoader.load(cfg), Synthetic.catalog(), loader, sh, out)) {
      return ExperimentRunner.runShard(plan, out, sh, 2, null);
    }
  }

  private static ShardMerge.Outcome merge(Path out) {
    return ShardMerge.merge(out, Synthetic.catalog(), ShardMergeTest.class.getClassLoader());
  }

  private static List<ShardMerge.ShardStatus> status(Path out) {
    return ShardMerge.status(out, Synthetic.catalog(), ShardMergeTest.class.getClassLoader());
  }

  private static NashException refused(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(NashException.class, e);
  }

  private static TreeMap<String, byte[]> snapshot(Path d) throws Exception {
    TreeMap<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".nash.lock"))
          .toList()) {
        out.put(d.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void assertSame(TreeMap<String, byte[]> a, TreeMap<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
  }

  private Path config(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void shardsMergedAndAPlainResumeAreTheSingleRun() throws Exception {
    Path cfg = config("small.yaml", SMALL.replace("seeds: 3", "seeds: 12"));
    Path single = dir.resolve("single");
    run(cfg, single, null);
    byte[] expected = Files.readAllBytes(single.resolve(TrialsFile.NAME));

    Path sharded = dir.resolve("sharded");
    for (int k = 0; k < 4; k++) {
      assertEquals(24, run(cfg, sharded, k + "/4").total());
    }
    ShardMerge.Outcome m = merge(sharded);
    assertEquals(96, m.total());
    assertFalse(m.unchanged());
    assertArrayEquals(expected, Files.readAllBytes(sharded.resolve(TrialsFile.NAME)));
    // merging again changes nothing; a rerun shard finds itself done
    TreeMap<String, byte[]> before = snapshot(sharded);
    assertTrue(merge(sharded).unchanged(), "already merged");
    ExperimentRunner.Outcome again = run(cfg, sharded, "2/4");
    assertEquals(24, again.skipped());
    assertEquals(0, again.ran());
    // the rerun is a session of the shard (its run.json says so); nothing else changed
    Path shardInfo = Path.of("shards", "2-of-4", RunInfo.NAME);
    TreeMap<String, byte[]> after = snapshot(sharded);
    List<RunInfo.Session> sessions = RunInfo.read(sharded.resolve(shardInfo.getParent())).orElseThrow().sessions();
    assertEquals(2, sessions.size());
    assertEquals(0, sessions.get(1).ran());
    before.remove(shardInfo.toString());
    after.remove(shardInfo.toString());
    assertSame(before, after);

    // Two shards done elsewhere; a plain run finishes the other two here and merges.
    Path half = dir.resolve("half");
    run(cfg, half, "0/4");
    run(cfg, half, "2/4");
    ExperimentRunner.Outcome r = run(cfg, half, null);
    assertTrue(r.repaired().contains("merged 4 shards"), r.repaired());
    assertArrayEquals(expected, Files.readAllBytes(half.resolve(TrialsFile.NAME)));
    assertTrue(Files.exists(half.resolve("shards/1-of-4/trials.jsonl")), "the missing shards ran into their folders");
  }

  @Test
  void aShardMissingAMiddleTrialIsRerunAndMergedInGridOrder() throws Exception {
    Path cfg = config("small.yaml", SMALL.replace("seeds: 3", "seeds: 6"));
    Path single = dir.resolve("single");
    run(cfg, single, null);
    byte[] expected = Files.readAllBytes(single.resolve(TrialsFile.NAME));

    Path sharded = dir.resolve("sharded");
    for (int k = 0; k < 2; k++) {
      run(cfg, sharded, k + "/2");
    }
    // A middle trial of shard 1 is lost (a line removed): the rerun appends it at the end.
    Path f = new Shard(1, 2).folder(sharded).resolve(TrialsFile.NAME);
    List<String> lines = new ArrayList<>(Files.readAllLines(f));
    String lost = lines.remove(lines.size() / 2);
    Files.write(f, lines);
    ExperimentRunner.Outcome rerun = run(cfg, sharded, "1/2");
    assertEquals(1, rerun.total() - rerun.skipped(), "only the lost trial runs again");
    List<String> after = Files.readAllLines(f);
    assertEquals(lost, after.get(after.size() - 1), "appended at the end, out of grid order");

    assertEquals(List.of("done", "done"), status(sharded).stream().map(ShardMerge.ShardStatus::state).toList());
    merge(sharded);
    assertArrayEquals(expected, Files.readAllBytes(sharded.resolve(TrialsFile.NAME)),
        "merged in grid order: the bytes of one run");
    assertTrue(merge(sharded).unchanged());
  }

  @Test
  void aKilledShardResumesWithoutDuplicates() throws Exception {
    Path cfg = config("kill.yaml", SMALL.replace("seeds: 3", "seeds: 40").replace("queries: 100", "queries: 300")
        + "trace: true\n");
    Path single = dir.resolve("single");
    run(cfg, single, null);
    byte[] expected = Files.readAllBytes(single.resolve(TrialsFile.NAME));

    Path out = dir.resolve("killed");
    run(cfg, out, "0/2");
    Path trials = out.resolve("shards/1-of-2/trials.jsonl");
    Process p = new ProcessBuilder(RunMain.command(cfg, out, 2, "1/2")).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log.txt").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && System.nanoTime() < deadline
        && (!Files.exists(trials) || Files.size(trials) < expected.length / 6)) {
      Thread.sleep(5);
    }
    assertTrue(p.isAlive(), "the shard finished before it could be killed; log: " + Files.readString(dir.resolve("log.txt")));
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
    long partial = Files.size(trials);
    assertTrue(partial > 0 && partial < expected.length / 2, "killed half way: " + partial);

    // The merge names the unfinished shard and writes nothing.
    TreeMap<String, byte[]> before = snapshot(out);
    NashException m = refused(() -> merge(out));
    assertTrue(m.getMessage().contains("shard 1/2 is incomplete"), m.getMessage());
    assertTrue(m.getMessage().contains("1-of-2" + java.io.File.separator + "trials.jsonl"), m.getMessage());
    assertTrue(m.getMessage().contains("nothing was written"), m.getMessage());
    assertEquals("incomplete", status(out).get(1).state());
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));
    assertSame(before, snapshot(out));

    ExperimentRunner.Outcome again = run(cfg, out, "1/2");
    assertEquals(160, again.total());
    List<TrialResult> shard = TrialsFile.read(trials).trials();
    assertEquals(160, shard.size());
    assertEquals(160, new HashSet<>(shard.stream().map(TrialResult::key).toList()).size());
    merge(out);
    assertArrayEquals(expected, Files.readAllBytes(out.resolve(TrialsFile.NAME)));
  }

  @Test
  void mergeRefusesMissingUnfinishedAndDamagedShards() throws Exception {
    Path cfg = config("small.yaml", SMALL);
    Path out = dir.resolve("m");
    run(cfg, out, "0/3");
    run(cfg, out, "1/3");
    NashException missing = refused(() -> merge(out));
    assertTrue(missing.getMessage().contains("missing shard(s) 2 of 3"), missing.getMessage());
    List<ShardMerge.ShardStatus> st = status(out);
    assertEquals(List.of("0-of-3 done 8/8", "1-of-3 done 8/8", "2-of-3 missing 0/8"), st.stream()
        .map(s -> s.shard().folderName() + " " + s.state() + " " + s.done() + "/" + s.expected()).toList());
    assertEquals(2, st.stream().filter(s -> s.state().equals("done")).count(), "2 of 3 shards done");
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));
    run(cfg, out, "2/3");

    Path one = out.resolve("shards/1-of-3/trials.jsonl");
    byte[] good = Files.readAllBytes(one);
    List<String> lines = new ArrayList<>(Files.readAllLines(one));
    lines.set(1, "{}");
    Files.writeString(one, String.join("\n", lines) + "\n");
    TreeMap<String, byte[]> before = snapshot(out);
    NashException damaged = refused(() -> merge(out));
    assertTrue(damaged.getMessage().contains("1-of-3" + java.io.File.separator + "trials.jsonl:2: not a trial record"),
        damaged.getMessage());
    assertSame(before, snapshot(out));
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));

    // a cut last line (a shard killed while writing) is named with its line
    Files.write(one, java.util.Arrays.copyOf(good, good.length - 20));
    NashException cut = refused(() -> merge(out));
    assertTrue(cut.getMessage().contains("1-of-3" + java.io.File.separator + "trials.jsonl:" + lines.size()
        + ": last line is incomplete"), cut.getMessage());
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));

    // rerunning the shard repairs its tail; the merge then succeeds
    run(cfg, out, "1/3");
    assertArrayEquals(good, Files.readAllBytes(one));
    merge(out);
    Path single = dir.resolve("single");
    run(cfg, single, null);
    assertArrayEquals(Files.readAllBytes(single.resolve(TrialsFile.NAME)), Files.readAllBytes(out.resolve(TrialsFile.NAME)));
  }

  @Test
  void mismatchedShardsAreRefused() throws Exception {
    Path cfg = config("small.yaml", SMALL);
    Path out = dir.resolve("x");
    run(cfg, out, "0/3");
    run(cfg, out, "1/3");
    run(cfg, out, "2/3");
    TreeMap<String, byte[]> before = snapshot(out);

    NashException otherN = refused(() -> run(cfg, out, "1/2"));
    assertTrue(otherN.getMessage().contains("holds shards of 3"), otherN.getMessage());
    Path budget = config("budget.yaml", SMALL.replace("queries: 100", "queries: 101"));
    NashException otherCfg = refused(() -> run(budget, out, "1/3"));
    assertTrue(otherCfg.getMessage().contains("budget.queries (folder: 100, this config: 101)"), otherCfg.getMessage());
    Path seeds = config("seeds.yaml", SMALL.replace("seeds: 3", "seeds: 4"));
    NashException otherSeeds = refused(() -> run(seeds, out, "1/3"));
    assertTrue(otherSeeds.getMessage().contains("seeds (folder: 3, this config: 4)"), otherSeeds.getMessage());
    assertSame(before, snapshot(out));

    // a trial of shard 1 in shard 0's file: another sharding, refused by the merge
    Path zero = out.resolve("shards/0-of-3/trials.jsonl");
    byte[] zeroBytes = Files.readAllBytes(zero);
    String foreign = Files.readAllLines(out.resolve("shards/1-of-3/trials.jsonl")).get(0);
    Files.writeString(zero, foreign + "\n", java.nio.file.StandardOpenOption.APPEND);
    NashException wrongShard = refused(() -> merge(out));
    assertTrue(wrongShard.getMessage().contains("belongs to shard 1/3, not to 0/3"), wrongShard.getMessage());
    Files.write(zero, zeroBytes);

    // shards of another data version (recorded in each shard's run.json)
    Path info = out.resolve("shards/2-of-3").resolve(RunInfo.NAME);
    String saved = Files.readString(info);
    ObjectMapper json = new ObjectMapper();
    ObjectNode edited = (ObjectNode) json.readTree(saved);
    edited.put("data_version", "0123456789ab");
    Files.writeString(info, json.writeValueAsString(edited));
    NashException version = refused(() -> merge(out));
    assertTrue(version.getMessage().contains("data version 0123456789ab"), version.getMessage());
    Files.writeString(info, saved);

    // a trials.jsonl that is not this merge is never replaced
    Files.writeString(out.resolve(TrialsFile.NAME), "precious\n");
    NashException kept = refused(() -> merge(out));
    assertTrue(kept.getMessage().contains("is not the merge"), kept.getMessage());
    assertEquals("precious\n", Files.readString(out.resolve(TrialsFile.NAME)));
    Files.delete(out.resolve(TrialsFile.NAME));
    merge(out);
  }
}
