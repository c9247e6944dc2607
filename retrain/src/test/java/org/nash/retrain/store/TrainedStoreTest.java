package org.nash.retrain.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.retrain.train.EpochResult;

/** The result store on its own: round trip, first writer wins, refusals of foreign files. */
class TrainedStoreTest {
  @TempDir
  Path dir;

  static TrainedStore.Entry entry(int arch, double acc) {
    TrainedStore.Key k = new TrainedStore.Key("nb201", arch, "cifar10-valid", "x-valid", 2, 0, "abcd", "00ff", "cpu");
    List<EpochResult> epochs = List.of(new EpochResult(1, 2.3, 10, 2.2, 12, 1.5, 100, 0.1),
        new EpochResult(2, 2.1, 15, 2.0, acc, 1.4, 110, 0.05));
    return new TrainedStore.Entry(k, "channels=4", acc, 2.0, 15, 2.1, 1234, 3.25, "cpu()", "0.1", "0.36.0", "2.7.1-cpu",
        epochs, "2026-01-01T00:00:00Z");
  }

  @Test
  void storesAndAnswersExactValuesAcrossOpenings() {
    Path p = dir.resolve("sub").resolve("trained.sqlite");
    TrainedStore.Entry e = entry(9930, 17.123456789012345);
    try (TrainedStore s = TrainedStore.open(p)) {
      assertTrue(s.get(e.key()).isEmpty());
      assertTrue(s.put(e));
      assertFalse(s.put(entry(9930, 99)), "a stored key is kept");
    }
    try (TrainedStore s = TrainedStore.open(p)) {
      assertEquals(e, s.get(e.key()).orElseThrow());
      assertEquals(List.of(e), s.all());
      assertTrue(s.get(new TrainedStore.Key("nb201", 9930, "cifar10-valid", "x-valid", 2, 1, "abcd", "00ff", "cpu")).isEmpty(),
          "another seed is another key");
    }
  }

  @Test
  void divergedTrainingWithNanLossIsStoredAndReadBack() {
    TrainedStore.Entry good = entry(11, 10.0);
    TrainedStore.Key k = new TrainedStore.Key("nb201", 12, "cifar10-valid", "x-valid", 2, 0, "abcd", "00ff", "cpu");
    TrainedStore.Entry nan = new TrainedStore.Entry(k, "channels=4", 10.0, Double.NaN, 9.5, Double.NaN, 1234, 3.25,
        "cpu()", "0.1", "0.36.0", "2.7.1-cpu", List.of(new EpochResult(1, Double.NaN, 9.5, Double.NaN, 10.0, 1.5, 100,
        0.1)), "2026-01-01T00:00:00Z");
    try (TrainedStore s = TrainedStore.open(dir.resolve("t.sqlite"))) {
      assertTrue(s.put(good));
      assertTrue(s.put(nan), "a NaN loss must not make the row disappear");
      assertEquals(nan, s.get(k).orElseThrow());
      assertEquals(2, s.all().size());
    }
  }

  @Test
  void aGpuTrainingDoesNotAnswerACpuQuery() {
    TrainedStore.Entry cpu = entry(9930, 20);
    TrainedStore.Key k = cpu.key();
    TrainedStore.Key gpuKey = new TrainedStore.Key(k.benchmark(), k.arch(), k.dataset(), k.split(), k.epochs(), k.seed(),
        k.settingsHash(), k.dataSha256(), "gpu");
    TrainedStore.Entry gpu = new TrainedStore.Entry(gpuKey, cpu.settings(), 21, 2.0, 15, 2.1, 1234, 1.0, "gpu(0)", "0.1",
        "0.36.0", "2.7.1-cu128", cpu.perEpoch(), "2026-01-01T00:00:00Z");
    try (TrainedStore s = TrainedStore.open(dir.resolve("d.sqlite"))) {
      assertTrue(s.put(gpu));
      assertTrue(s.get(k).isEmpty(), "a GPU training is no answer for the CPU");
      assertTrue(s.put(cpu), "both kept");
      assertEquals(21, s.get(gpuKey).orElseThrow().validAccuracy());
      assertEquals(20, s.get(k).orElseThrow().validAccuracy());
    }
    assertEquals("gpu", TrainedStore.Key.kindOf("gpu(1)"));
    assertEquals("cpu", TrainedStore.Key.kindOf("cpu()"));
  }

  /** A store written before the device kind joined the key: upgraded in place, every row kept. */
  @Test
  void formatOneStoreIsUpgradedKeepingItsRows() throws Exception {
    Path p = dir.resolve("old.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p)) {
      var st = c.createStatement();
      st.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
      st.execute("INSERT INTO meta VALUES ('format', 'nash-trained-store/1')");
      // the schema of format 1, verbatim
      st.execute("CREATE TABLE IF NOT EXISTS trained (benchmark TEXT NOT NULL, arch INTEGER NOT NULL, "
          + "dataset TEXT NOT NULL, split TEXT NOT NULL, epochs INTEGER NOT NULL, seed INTEGER NOT NULL, "
          + "settings_hash TEXT NOT NULL, data_sha256 TEXT NOT NULL, settings TEXT NOT NULL, "
          + "valid_accuracy REAL, valid_loss REAL, train_accuracy REAL, train_loss REAL, parameters INTEGER NOT NULL, "
          + "seconds REAL NOT NULL, device TEXT NOT NULL, "
          + "nash_version TEXT NOT NULL, djl_version TEXT NOT NULL, libtorch_version TEXT NOT NULL, "
          + "per_epoch TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (benchmark, arch, dataset, split, epochs, "
          + "seed, settings_hash, data_sha256))");
      st.execute("INSERT INTO trained VALUES ('nb201', 1835, 'cifar10-valid', 'x-valid', 1, 0, 'abcd', '00ff', 's', "
          + "33.5, 1.9, 30.1, 2.0, 1234, 654.0, 'cpu()', '0.1', '0.36.0', '2.7.1-cpu', '[]', '2026-01-01T00:00:00Z')");
      st.execute("INSERT INTO trained VALUES ('nb201', 9930, 'cifar10-valid', 'x-valid', 1, 0, 'abcd', '00ff', 's', "
          + "40.0, NULL, 30.1, 2.0, 1234, 12.0, 'gpu(0)', '0.1', '0.36.0', '2.7.1-cu128', '[]', '2026-01-01T00:00:00Z')");
    }
    try (TrainedStore s = TrainedStore.open(p)) {
      List<TrainedStore.Entry> all = s.all();
      assertEquals(2, all.size());
      TrainedStore.Entry cpu = s.get(new TrainedStore.Key("nb201", 1835, "cifar10-valid", "x-valid", 1, 0, "abcd", "00ff",
          "cpu")).orElseThrow();
      assertEquals(33.5, cpu.validAccuracy());
      assertEquals(654.0, cpu.seconds());
      TrainedStore.Entry gpu = s.get(new TrainedStore.Key("nb201", 9930, "cifar10-valid", "x-valid", 1, 0, "abcd", "00ff",
          "gpu")).orElseThrow();
      assertTrue(Double.isNaN(gpu.validLoss()));
      assertEquals("gpu(0)", gpu.device());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p);
        var rs = c.createStatement().executeQuery("SELECT value FROM meta WHERE name = 'format'")) {
      assertTrue(rs.next());
      assertEquals(TrainedStore.FORMAT, rs.getString(1));
    }
    try (TrainedStore s = TrainedStore.open(p)) {
      assertEquals(2, s.all().size(), "opened again: nothing more to do");
    }
  }

  @Test
  void corruptFileIsRefusedAndKept() throws Exception {
    Path p = dir.resolve("trained.sqlite");
    byte[] junk = new byte[8192];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (byte) (i * 31);
    }
    Files.write(p, junk);
    NashException ex = assertThrows(NashException.class, () -> TrainedStore.open(p));
    assertTrue(ex.getMessage().contains(p.toString()) && ex.getMessage().contains("left untouched"), ex.getMessage());
    assertArrayEquals(junk, Files.readAllBytes(p));
  }

  @Test
  void anotherSqliteDatabaseIsRefused() throws Exception {
    Path p = dir.resolve("other.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p)) {
      c.createStatement().execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
      c.createStatement().execute("INSERT INTO meta VALUES ('format', 'someone-else/3')");
    }
    NashException ex = assertThrows(NashException.class, () -> TrainedStore.open(p));
    assertTrue(ex.getMessage().contains("format 'someone-else/3'"), ex.getMessage());
  }

  /** Every file beside {@code p} and their bytes: what a refused open must leave as it was. */
  private static java.util.TreeMap<String, String> folder(Path p) throws Exception {
    java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
    try (var files = Files.list(p.getParent())) {
      for (Path f : files.toList()) {
        m.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return m;
  }

  @Test
  void anotherProgramsDatabaseIsRefusedUnchangedAndNothingIsCreatedBesideIt() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Path app = dir.resolve("a/app.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + app)) {
      c.createStatement().execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
      c.createStatement().execute("INSERT INTO users VALUES (1, 'ada')");
    }
    var before = folder(app);
    NashException ex = assertThrows(NashException.class, () -> TrainedStore.open(app));
    assertTrue(ex.getMessage().contains("tables [users]") && ex.getMessage().contains("left untouched"), ex.getMessage());
    assertEquals(before, folder(app), "no table added, no WAL switched on, no journal left beside it");

    // Another program's id, even with a table named like nash's and nash's format row.
    Files.createDirectories(dir.resolve("b"));
    Path other = dir.resolve("b/other.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
      c.createStatement().execute("PRAGMA application_id = 42");
      c.createStatement().execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
      c.createStatement().execute("INSERT INTO meta VALUES ('format', '" + TrainedStore.FORMAT + "')");
    }
    before = folder(other);
    ex = assertThrows(NashException.class, () -> TrainedStore.open(other));
    assertTrue(ex.getMessage().contains("application_id 42"), ex.getMessage());
    assertEquals(before, folder(other));

    // An empty database nash did not create.
    Files.createDirectories(dir.resolve("c"));
    Path empty = dir.resolve("c/empty.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + empty)) {
      c.createStatement().execute("PRAGMA user_version = 3");
    }
    before = folder(empty);
    assertThrows(NashException.class, () -> TrainedStore.open(empty));
    assertEquals(before, folder(empty));
  }

  @Test
  void aNewStoreCarriesNashsApplicationId() throws Exception {
    Path p = dir.resolve("new.sqlite");
    try (TrainedStore s = TrainedStore.open(p)) {
      s.put(entry(1835, 33.5));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p);
        var rs = c.createStatement().executeQuery("PRAGMA application_id")) {
      assertTrue(rs.next());
      assertEquals(TrainedStore.APPLICATION_ID, rs.getInt(1));
    }
    try (TrainedStore s = TrainedStore.open(p)) {
      assertEquals(1, s.all().size());
    }
  }
}
