package org.nash.retrain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.plugin.Params;
import org.nash.retrain.RetrainOracle;
import org.nash.retrain.TableOrRetrainOracle;

/**
 * {@code nash merge} of a sharded run whose oracle trains: each shard kept its trainings in its own
 * store (no shared SQLite over a network file system); the merge folds them into the default store,
 * each key once, and merging again adds nothing.
 */
class ShardStoreMergeTest {
  @TempDir
  Path dir;
  private String previous;

  @BeforeEach
  void cacheHere() {
    previous = System.getProperty("nash.data");
    System.setProperty("nash.data", dir.resolve("cache").toString());
  }

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty("nash.data");
    } else {
      System.setProperty("nash.data", previous);
    }
  }

  private Path shard(String name, TrainedStore.Entry... entries) {
    Path d = dir.resolve("run/shards").resolve(name);
    try (TrainedStore s = TrainedStore.open(d.resolve(TrainedStore.FILE_NAME))) {
      for (TrainedStore.Entry e : entries) {
        s.put(e);
      }
    }
    return d;
  }

  @Test
  void shardStoresAreMergedIntoTheDefaultStoreOnce() {
    TrainedStore.Entry a = TrainedStoreTest.entry(1, 11.5);
    TrainedStore.Entry b = TrainedStoreTest.entry(2, 12.5);
    TrainedStore.Entry c = TrainedStoreTest.entry(3, 13.5);
    try (TrainedStore pre = TrainedStore.open(TrainedStore.defaultPath())) {
      pre.put(c); // trained by an earlier single-machine run
    }
    Path s0 = shard("0-of-3", a, b);
    Path s1 = shard("1-of-3", b, c);
    Path s2 = dir.resolve("run/shards/2-of-3"); // a shard that trained nothing has no store
    String note = new RetrainOracle.Provider().mergeShards(new Params("oracle 'retrain'", Map.of()),
        List.of(s0, s1, s2), null);
    assertTrue(note.contains("4 training(s) from 2 shard store(s), 2 new"), note);
    try (TrainedStore s = TrainedStore.open(TrainedStore.defaultPath())) {
      assertEquals(List.of(a, b, c), s.all());
    }
    String again = new TableOrRetrainOracle.Provider().mergeShards(new Params("oracle 'table-or-retrain'", Map.of()),
        List.of(s0, s1, s2), null);
    assertTrue(again.contains(", 0 new"), again);
    assertTrue(Files.exists(s0.resolve(TrainedStore.FILE_NAME)), "the shard stores are kept");
  }

  @Test
  void aNamedStoreWasSharedAndHasNothingToMerge() {
    Path s0 = shard("0-of-1", TrainedStoreTest.entry(1, 11.5));
    assertNull(new RetrainOracle.Provider().mergeShards(new Params("oracle 'retrain'",
        Map.of("store", dir.resolve("mine.sqlite").toString())), List.of(s0), null));
    assertNull(new RetrainOracle.Provider().mergeShards(new Params("oracle 'retrain'", Map.of("store", "none")),
        List.of(s0), null));
    assertTrue(!Files.exists(TrainedStore.defaultPath()));
  }
}
