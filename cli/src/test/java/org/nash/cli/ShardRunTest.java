package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/**
 * Sharded runs on real NB-201 data: N shards merged are the bytes of one run; a killed shard resumes
 * without duplicates; merging refuses missing, unfinished, damaged and mismatched shards and writes
 * nothing then.
 */
class ShardRunTest {
  @TempDir
  Path dir;

  private static final Path CONFIGS = Path.of(System.getProperty("user.dir")).resolve("../configs").normalize();

  private static final String SMALL = """
      name: shards
      benchmark: nb201
      datasets: [cifar10, ImageNet16-120]
      pools: [full, "skip,c1x1,c3x3"]
      searchers:
        - {name: rs}
        - {name: re, params: {population: 10, sample: 3}}
      budget: {queries: 100}
      seeds: 3
      """;

  private static CliRunner.Result ok(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
    return r;
  }

  private static CliRunner.Result refused(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.exit(), String.join(" ", args) + " should be refused: " + r.out() + r.err());
    return r;
  }

  private static String sha256(Path f) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
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
  void quickstartInFourShardsIsTheSingleRun() throws Exception {
    String cfg = CONFIGS.resolve("quickstart.yaml").toString();
    Path out = dir.resolve("q");
    for (int k = 0; k < 4; k++) {
      CliRunner.Result r = ok("run", cfg, "--out", out.toString(), "--shard", k + "/4", "--quiet");
      assertTrue(r.out().contains("shard " + k + "/4: 75 trials"), r.out());
    }
    CliRunner.Result m = ok("merge", out.toString());
    assertTrue(m.out().contains("300 trials from 4 shards merged into"), m.out());
    // configs/quickstart.yaml's single-run bytes (the project's reference)
    assertEquals("6f0d9324fd5c839cf534f493bed17790dd69275686f8be75bbf964da9172d84b", sha256(out.resolve(TrialsFile.NAME)));
    assertTrue(Files.exists(out.resolve("config.yaml")) && Files.exists(out.resolve("summary.csv")));
    // merging again changes nothing; a rerun shard finds itself done
    TreeMap<String, byte[]> before = snapshot(out);
    assertTrue(ok("merge", out.toString()).out().contains("already merged"));
    CliRunner.Result again = ok("run", cfg, "--out", out.toString(), "--shard", "2/4", "--quiet");
    assertTrue(again.out().contains("75 already done, 0 run now"), again.out());
    assertSame(before, snapshot(out));
  }

  @Test
  void nb201ProtocolShardsAndAPlainResumeAreTheSingleRun() throws Exception {
    Path cfg = config("nb201-protocol.yaml",
        Files.readString(CONFIGS.resolve("nb201-protocol.yaml")).replace("seeds: 500", "seeds: 12"));
    Path single = dir.resolve("single");
    ok("run", cfg.toString(), "--out", single.toString(), "--quiet");
    byte[] expected = Files.readAllBytes(single.resolve(TrialsFile.NAME));

    Path sharded = dir.resolve("sharded");
    for (int k = 0; k < 4; k++) {
      ok("run", cfg.toString(), "--out", sharded.toString(), "--shard", k + "/4", "--quiet", "--threads", "1");
    }
    ok("merge", sharded.toString());
    assertArrayEquals(expected, Files.readAllBytes(sharded.resolve(TrialsFile.NAME)));

    // Two shards done elsewhere; a plain run finishes the other two here and merges.
    Path half = dir.resolve("half");
    ok("run", cfg.toString(), "--out", half.toString(), "--shard", "0/4", "--quiet");
    ok("run", cfg.toString(), "--out", half.toString(), "--shard", "2/4", "--quiet");
    CliRunner.Result r = ok("run", cfg.toString(), "--out", half.toString(), "--quiet");
    assertTrue(r.err().contains("merged 4 shards"), r.err());
    assertArrayEquals(expected, Files.readAllBytes(half.resolve(TrialsFile.NAME)));
    assertTrue(Files.exists(half.resolve("shards/1-of-4/trials.jsonl")), "the missing shards ran into their folders");
    // and the report of a sharded folder reads the merged trials
    Path rep = dir.resolve("rep");
    ok("run", cfg.toString(), "--out", rep.toString(), "--shard", "0/2", "--quiet");
    ok("run", cfg.toString(), "--out", rep.toString(), "--shard", "1/2", "--quiet");
    ok("report", rep.toString());
    assertArrayEquals(expected, Files.readAllBytes(rep.resolve(TrialsFile.NAME)));
  }

  @Test
  void aKilledShardResumesWithoutDuplicates() throws Exception {
    Path cfg = config("kill.yaml", SMALL.replace("seeds: 3", "seeds: 40").replace("queries: 100", "queries: 300")
        + "trace: true\n");
    Path single = dir.resolve("single");
    ok("run", cfg.toString(), "--out", single.toString(), "--quiet");
    byte[] expected = Files.readAllBytes(single.resolve(TrialsFile.NAME));

    Path out = dir.resolve("killed");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/2", "--quiet");
    Path trials = out.resolve("shards/1-of-2/trials.jsonl");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dnash.data=" + dir.resolve("cache"), Nash.class.getName(), "run", cfg.toString(), "--out", out.toString(),
        "--shard", "1/2", "--threads", "2", "--quiet"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
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
    CliRunner.Result m = refused("merge", out.toString());
    assertTrue(m.err().contains("shard 1/2 is incomplete"), m.err());
    assertTrue(m.err().contains("1-of-2" + java.io.File.separator + "trials.jsonl"), m.err());
    assertTrue(m.err().contains("nothing was written"), m.err());
    assertTrue(ok("merge", out.toString(), "--status").out().contains("1-of-2       incomplete"));
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));
    assertSame(before, snapshot(out));

    CliRunner.Result again = ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/2", "--quiet");
    assertTrue(again.out().contains("shard 1/2: 160 trials"), again.out());
    List<TrialResult> shard = TrialsFile.read(trials).trials();
    assertEquals(160, shard.size());
    assertEquals(160, new HashSet<>(shard.stream().map(TrialResult::key).toList()).size());
    ok("merge", out.toString());
    assertArrayEquals(expected, Files.readAllBytes(out.resolve(TrialsFile.NAME)));
  }

  @Test
  void mergeRefusesMissingUnfinishedAndDamagedShards() throws Exception {
    Path cfg = config("small.yaml", SMALL);
    Path out = dir.resolve("m");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/3", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/3", "--quiet");
    CliRunner.Result missing = refused("merge", out.toString());
    assertTrue(missing.err().contains("missing shard(s) 2 of 3"), missing.err());
    CliRunner.Result status = ok("merge", out.toString(), "--status");
    assertTrue(status.out().matches("(?s)0-of-3 +done +8/8 trials\n1-of-3 +done +8/8 trials\n2-of-3 +missing +0/8"
        + " trials\n2 of 3 shards done\n"), status.out());
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "2/3", "--quiet");

    Path one = out.resolve("shards/1-of-3/trials.jsonl");
    byte[] good = Files.readAllBytes(one);
    List<String> lines = new ArrayList<>(Files.readAllLines(one));
    lines.set(1, "{}");
    Files.writeString(one, String.join("\n", lines) + "\n");
    TreeMap<String, byte[]> before = snapshot(out);
    CliRunner.Result damaged = refused("merge", out.toString());
    assertTrue(damaged.err().contains("1-of-3" + java.io.File.separator + "trials.jsonl:2: not a trial record"),
        damaged.err());
    assertSame(before, snapshot(out));
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));

    // a cut last line (a shard killed while writing) is named with its line
    Files.write(one, java.util.Arrays.copyOf(good, good.length - 20));
    CliRunner.Result cut = refused("merge", out.toString());
    assertTrue(cut.err().contains("1-of-3" + java.io.File.separator + "trials.jsonl:" + lines.size()
        + ": last line is incomplete"), cut.err());
    assertFalse(Files.exists(out.resolve(TrialsFile.NAME)));

    // rerunning the shard repairs its tail; the merge then succeeds
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/3", "--quiet");
    assertArrayEquals(good, Files.readAllBytes(one));
    ok("merge", out.toString());
    Path single = dir.resolve("single");
    ok("run", cfg.toString(), "--out", single.toString(), "--quiet");
    assertArrayEquals(Files.readAllBytes(single.resolve(TrialsFile.NAME)), Files.readAllBytes(out.resolve(TrialsFile.NAME)));
  }

  @Test
  void mismatchedShardsAreRefused() throws Exception {
    Path cfg = config("small.yaml", SMALL);
    Path out = dir.resolve("x");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/3", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/3", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "2/3", "--quiet");
    TreeMap<String, byte[]> before = snapshot(out);

    CliRunner.Result otherN = refused("run", cfg.toString(), "--out", out.toString(), "--shard", "1/2", "--quiet");
    assertTrue(otherN.err().contains("holds shards of 3"), otherN.err());
    Path budget = config("budget.yaml", SMALL.replace("queries: 100", "queries: 101"));
    CliRunner.Result otherCfg = refused("run", budget.toString(), "--out", out.toString(), "--shard", "1/3", "--quiet");
    assertTrue(otherCfg.err().contains("budget.queries (folder: 100, this config: 101)"), otherCfg.err());
    Path seeds = config("seeds.yaml", SMALL.replace("seeds: 3", "seeds: 4"));
    CliRunner.Result otherSeeds = refused("run", seeds.toString(), "--out", out.toString(), "--shard", "1/3", "--quiet");
    assertTrue(otherSeeds.err().contains("seeds (folder: 3, this config: 4)"), otherSeeds.err());
    assertSame(before, snapshot(out));

    // a trial of shard 1 in shard 0's file: another sharding, refused by the merge
    Path zero = out.resolve("shards/0-of-3/trials.jsonl");
    byte[] zeroBytes = Files.readAllBytes(zero);
    String foreign = Files.readAllLines(out.resolve("shards/1-of-3/trials.jsonl")).get(0);
    Files.writeString(zero, foreign + "\n", java.nio.file.StandardOpenOption.APPEND);
    CliRunner.Result wrongShard = refused("merge", out.toString());
    assertTrue(wrongShard.err().contains("belongs to shard 1/3, not to 0/3"), wrongShard.err());
    Files.write(zero, zeroBytes);

    // shards of another data version
    Path cfg2 = out.resolve("shards/2-of-3/config.yaml");
    String saved = Files.readString(cfg2);
    Files.writeString(cfg2, saved.replaceFirst("data version \\S+", "data version 0123456789ab"));
    CliRunner.Result version = refused("merge", out.toString());
    assertTrue(version.err().contains("data version 0123456789ab"), version.err());
    Files.writeString(cfg2, saved);

    // a trials.jsonl that is not this merge is never replaced
    Files.writeString(out.resolve(TrialsFile.NAME), "precious\n");
    CliRunner.Result kept = refused("merge", out.toString());
    assertTrue(kept.err().contains("is not the merge"), kept.err());
    assertEquals("precious\n", Files.readString(out.resolve(TrialsFile.NAME)));
    Files.delete(out.resolve(TrialsFile.NAME));
    ok("merge", out.toString());
  }

  /** nash in a fresh JVM whose cache (and so default result store) is {@code cache}. */
  private String nash(Path cache, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dnash.data=" + cache, Nash.class.getName()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("nash.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + out);
    return out;
  }

  @Test
  void shardsOfARetrainingRunKeepTheirOwnStoresAndTheMergeFoldsThemIn() throws Exception {
    Path cfg = config("retrain.yaml", """
        name: retrain-shards
        benchmark: nb201
        oracle: retrain
        oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 200, threads: 1}
        datasets: [cifar10]
        pools: ["skip,c3x3"]
        searchers: [{name: rs}]
        budget: {queries: 3}
        seeds: 2
        """);
    Path out = dir.resolve("r");
    // The shards run here (with this JVM's data cache): their stores are in their folders, whatever the cache.
    Path userStore = org.nash.data.DataCatalog.defaultCacheDir().resolve(org.nash.retrain.store.TrainedStore.FILE_NAME);
    long before = Files.exists(userStore) ? Files.size(userStore) : -1;
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/2", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/2", "--quiet");
    assertEquals(before, Files.exists(userStore) ? Files.size(userStore) : -1, "shards write no shared store");
    // The merge runs in a JVM whose default store is a fresh one (the decoded tables shared, to save time).
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache);
    Path tables = org.nash.data.DataCatalog.defaultCacheDir().resolve("nasbench201");
    if (Files.isDirectory(tables)) {
      Files.createSymbolicLink(cache.resolve("nasbench201"), tables);
    }
    Path defaultStore = cache.resolve(org.nash.retrain.store.TrainedStore.FILE_NAME);
    java.util.Map<org.nash.retrain.store.TrainedStore.Key, org.nash.retrain.store.TrainedStore.Entry> union =
        new java.util.HashMap<>();
    for (String k : List.of("0-of-2", "1-of-2")) {
      try (var s = org.nash.retrain.store.TrainedStore.open(out.resolve("shards").resolve(k).resolve("trained.sqlite"))) {
        assertFalse(s.all().isEmpty(), k);
        s.all().forEach(e -> union.putIfAbsent(e.key(), e));
      }
    }
    String merged = nash(cache, "merge", out.toString());
    assertTrue(merged.contains("result store " + defaultStore.toAbsolutePath()), merged);
    try (var s = org.nash.retrain.store.TrainedStore.open(defaultStore)) {
      List<org.nash.retrain.store.TrainedStore.Entry> all = s.all();
      assertEquals(union.size(), all.size(), "each trained cell once");
      all.forEach(e -> assertEquals(union.get(e.key()), e));
    }
    List<TrialResult> trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(List.of(0, 1), trials.stream().map(TrialResult::seed).toList());
    // merging again adds nothing
    assertTrue(nash(cache, "merge", out.toString()).contains(", 0 new"));
  }
}
