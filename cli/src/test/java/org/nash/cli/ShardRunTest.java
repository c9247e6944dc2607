package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
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
 * Sharded runs of the real configs through the command line ({@code run --shard}, {@code merge},
 * {@code report}): N shards merged are the bytes of one run, and a retraining oracle's per-shard stores
 * are folded in by the merge. How shards resume, and which shards a merge refuses, is tested on the
 * synthetic benchmark in the harness' ShardMergeTest.
 */
class ShardRunTest {
  @TempDir
  Path dir;

  private static final Path CONFIGS = Path.of(System.getProperty("user.dir")).resolve("../configs").normalize();

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

  /** A sharded retraining study of tiny CPU trainings (C=4, N=1, 64 images, 1 epoch): 2 trials of 3 queries. */
  private static String tinyRetraining(String name) {
    return """
        name: %s
        benchmark: nb201
        oracle: retrain
        oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 64, threads: 1}
        datasets: [cifar10]
        pools: ["skip,c3x3"]
        searchers: [{name: rs}]
        budget: {queries: 3}
        seeds: 2
        """.formatted(name);
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
    // the status table of 'merge --status' (its states are tested in the harness' ShardMergeTest)
    CliRunner.Result status = ok("merge", out.toString(), "--status");
    assertTrue(status.out().matches("(?s)0-of-4 +done +75/75 trials\n1-of-4 +done +75/75 trials\n2-of-4 +done +75/75"
        + " trials\n3-of-4 +done +75/75 trials\n4 of 4 shards done\n"), status.out());
    // configs/quickstart.yaml's single-run bytes (the project's reference)
    assertEquals("6f0d9324fd5c839cf534f493bed17790dd69275686f8be75bbf964da9172d84b", sha256(out.resolve(TrialsFile.NAME)));
    assertTrue(Files.exists(out.resolve("config.yaml")) && Files.exists(out.resolve("summary.csv")));
    // merging again changes nothing; a rerun shard finds itself done
    TreeMap<String, byte[]> before = snapshot(out);
    assertTrue(ok("merge", out.toString()).out().contains("already merged"));
    CliRunner.Result again = ok("run", cfg, "--out", out.toString(), "--shard", "2/4", "--quiet");
    assertTrue(again.out().contains("75 already done, 0 run now"), again.out());
    // the rerun is a session of the shard, recorded in its run.json; nothing else changes
    String shardInfo = Path.of("shards", "2-of-4", org.nash.results.RunInfo.NAME).toString();
    TreeMap<String, byte[]> after = snapshot(out);
    List<org.nash.results.RunInfo.Session> sessions = org.nash.results.RunInfo.read(out.resolve("shards/2-of-4"))
        .orElseThrow().sessions();
    assertEquals(2, sessions.size());
    assertEquals(0, sessions.get(1).ran(), "the rerun's session ran nothing");
    before.remove(shardInfo);
    after.remove(shardInfo);
    assertSame(before, after);
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
    Path cfg = config("retrain.yaml", tinyRetraining("retrain-shards"));
    Path out = dir.resolve("r");
    // The shards run here (with this JVM's data cache): their stores are in their folders, whatever the cache.
    Path userStore = org.nash.data.DataCatalog.defaultCacheDir().resolve(org.nash.retrain.store.TrainedStore.FILE_NAME);
    long before = Files.exists(userStore) ? Files.size(userStore) : -1;
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/2", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/2", "--quiet");
    assertEquals(before, Files.exists(userStore) ? Files.size(userStore) : -1, "shards write no shared store");
    // The merge runs in a JVM whose default store is a fresh one (table images and decoded images shared).
    Path cache = TestCaches.sharing(dir.resolve("cache"), true);
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

  /** A plain run of a sharded retraining folder (not merged yet) reads the shards' stores: nothing is trained again. */
  @Test
  void aPlainRunOfAShardedRetrainingFolderTrainsNothingAShardTrained() throws Exception {
    Path cfg = config("retrain-plain.yaml", tinyRetraining("retrain-plain"));
    Path out = dir.resolve("plain");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "0/2", "--quiet");
    ok("run", cfg.toString(), "--out", out.toString(), "--shard", "1/2", "--quiet");
    // Each task killed after its trainings were stored but before its trial lines were written: the
    // plain run must run every trial again, and finds every cell in the shards' stores.
    for (String k : List.of("0-of-2", "1-of-2")) {
      Files.write(out.resolve("shards").resolve(k).resolve(TrialsFile.NAME), new byte[0]);
    }
    // The plain run's default store is a fresh, empty one.
    Path cache = TestCaches.sharing(dir.resolve("cache-plain"), true);
    String log = nash(cache, "run", cfg.toString(), "--out", out.toString(), "--quiet");
    assertTrue(log.contains("read from the 2 shard store(s) of " + out), log);
    List<TrialResult> trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(2, trials.size());
    assertEquals(0, trials.stream().mapToInt(t -> t.sources().getOrDefault("trained", 0)).sum(),
        "every cell a shard trained is read back, none trained again: " + trials);
    assertTrue(trials.stream().mapToInt(t -> t.sources().getOrDefault("cached", 0)).sum() > 0);
  }
}
