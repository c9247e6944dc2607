package org.nash.retrain.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.retrain.train.EpochResult;

/**
 * The persistent store of trained cells: an embedded SQLite database (default
 * {@code <cache>/trained.sqlite}, the cache being {@code NASH_DATA} or {@code ~/.cache/nash}). A
 * query whose {@link Key} is stored is answered from it, so a resumed or repeated run never trains a
 * stored cell again. WAL journal and a busy timeout let several processes write it at once. A file
 * that is not a nash store is an error and is never replaced.
 */
public final class TrainedStore implements AutoCloseable {
  /** Written into the {@code meta} table; a store of another format is refused. */
  public static final String FORMAT = "nash-trained-store/2";
  /** Format 1 had no device kind in the key; it is migrated in place (its rows keep their device). */
  static final String FORMAT_1 = "nash-trained-store/1";
  public static final String FILE_NAME = "trained.sqlite";
  /**
   * {@code PRAGMA application_id} of a nash store ("nash" in ASCII), set when nash creates one: a
   * database that carries another id belongs to another program and is never opened for writing.
   */
  public static final int APPLICATION_ID = 0x6e617368;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_COLUMNS = "benchmark, arch, dataset, split, epochs, seed, settings_hash, "
      + "data_sha256, device_kind";
  private static final String COLUMNS = KEY_COLUMNS + ", "
      + "settings, valid_accuracy, valid_loss, train_accuracy, train_loss, parameters, seconds, device, nash_version, "
      + "djl_version, libtorch_version, per_epoch, created";

  /**
   * What identifies a training: the same key always gives the same numbers (the training seed is
   * derived from it), so a stored value can stand for a fresh one.
   *
   * @param settingsHash sha256 prefix of {@code settings}, the canonical text of every training setting
   * @param dataSha256 sha256 of the exact training and evaluation images ({@code RetrainData.sha256})
   * @param deviceKind {@code cpu} or {@code gpu}: kernels differ, so a GPU training does not answer a CPU
   *     query (the exact device, e.g. {@code gpu(1)}, is in the value)
   */
  public record Key(String benchmark, int arch, String dataset, String split, int epochs, long seed,
      String settingsHash, String dataSha256, String deviceKind) {

    /** {@code cpu} or {@code gpu} of a device's name ({@code cpu()}, {@code gpu(0)}, {@code gpu}). */
    public static String kindOf(String device) {
      return device != null && device.trim().toLowerCase(java.util.Locale.ROOT).startsWith("gpu") ? "gpu" : "cpu";
    }
  }

  /** One stored training. {@code perEpoch} has every epoch's train/valid loss and accuracy. */
  public record Entry(Key key, String settings, double validAccuracy, double validLoss, double trainAccuracy,
      double trainLoss, long parameters, double seconds, String device, String nashVersion, String djlVersion,
      String libtorchVersion, List<EpochResult> perEpoch, String created) {}

  private final Path path;
  private final Connection conn;

  private TrainedStore(Path path, Connection conn) {
    this.path = path;
    this.conn = conn;
  }

  public static Path defaultPath() {
    return DataCatalog.defaultCacheDir().resolve(FILE_NAME);
  }

  /** Opens (creating if absent) the store at {@code path}; a file that is not a nash store is an error. */
  public static TrainedStore open(Path path) {
    Path abs = path.toAbsolutePath();
    boolean existed = Files.exists(abs);
    if (existed && !Files.isRegularFile(abs)) {
      throw new NashException("result store " + abs + " is not a file");
    }
    try {
      Files.createDirectories(abs.getParent());
    } catch (IOException e) {
      throw new NashException("cannot create the folder of result store " + abs + ": " + e.getMessage(), e);
    }
    Connection c = null;
    try {
      // Looked at read-only first: a file that is not a nash store is refused before anything is written
      // to it (no table, no WAL switch, no journal beside it).
      if (existed && abs.toFile().length() > 0) {
        inspect(abs);
      }
      c = DriverManager.getConnection("jdbc:sqlite:" + abs);
      try (Statement st = c.createStatement()) {
        // A busy timeout first: another process may hold the write lock while it creates the schema.
        st.execute("PRAGMA busy_timeout = 60000");
        // Reading the schema is the first access to the file's contents: a corrupt file fails here.
        st.executeQuery("SELECT count(*) FROM sqlite_master").close();
        if (applicationId(st) == 0) {
          // A new store (or one made before nash marked its stores): mark it as nash's.
          st.execute("PRAGMA application_id = " + APPLICATION_ID);
        }
        st.execute("PRAGMA journal_mode = WAL");
        st.execute("PRAGMA synchronous = NORMAL");
        st.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        st.execute("INSERT OR IGNORE INTO meta VALUES ('format', '" + FORMAT + "')");
        String format = format(st);
        if (FORMAT_1.equals(format)) {
          migrateFrom1(c, abs);
          format = format(st);
        }
        if (!FORMAT.equals(format)) {
          throw new NashException("result store " + abs + " has format '" + format + "', expected '" + FORMAT
              + "'; it is left untouched: give another path (oracle param store, --store)");
        }
        st.execute(createTrained("trained"));
      }
      return new TrainedStore(abs, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new NashException("result store " + abs + " cannot be used: " + e.getMessage() + (existed
          ? ". The file is left untouched (it is not replaced): move it away or give another path with the oracle "
              + "param store (nash store --store)" : ""), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static int applicationId(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Opens an existing file read-only and refuses it unless it is a nash store: nash's application id,
   * or (a store made before the id) no other id and exactly nash's tables with a nash format. Corrupt
   * files and other programs' databases fail here, untouched.
   */
  private static void inspect(Path abs) throws SQLException {
    org.sqlite.SQLiteConfig ro = new org.sqlite.SQLiteConfig();
    ro.setReadOnly(true);
    ro.setBusyTimeout(60000);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs, ro.toProperties());
        Statement st = c.createStatement()) {
      java.util.TreeSet<String> tables = new java.util.TreeSet<>();
      try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      int id = applicationId(st);
      String format = null;
      if (tables.contains("meta")) {
        try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE name = 'format'")) {
          format = rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
          format = null; // a meta table of another shape
        }
      }
      String why = null;
      if (id != 0 && id != APPLICATION_ID) {
        why = "it is another program's SQLite database (application_id " + id + ", nash's is " + APPLICATION_ID + ")";
      } else if (id == 0 && !java.util.Set.of("meta", "trained").containsAll(tables)) {
        why = "it is an SQLite database with tables " + tables + " that are not a nash store's (meta, trained)";
      } else if (format != null && !FORMAT.equals(format) && !FORMAT_1.equals(format)) {
        why = "it has format '" + format + "', expected '" + FORMAT + "'";
      } else if (format == null && id == 0 && !tables.isEmpty()) {
        // (with nash's id and no format yet: another process is creating the store; the write path checks)
        why = "it has no nash store format in a meta table";
      } else if (id == 0 && tables.isEmpty()) {
        why = "it is an SQLite database with no tables that nash did not create";
      }
      if (why != null) {
        throw new NashException("result store " + abs + ": " + why + "; it is left untouched: give another path "
            + "(oracle param store, --store)");
      }
    }
  }

  private static String format(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE name = 'format'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String createTrained(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (benchmark TEXT NOT NULL, arch INTEGER NOT NULL, "
        + "dataset TEXT NOT NULL, split TEXT NOT NULL, epochs INTEGER NOT NULL, seed INTEGER NOT NULL, "
        + "settings_hash TEXT NOT NULL, data_sha256 TEXT NOT NULL, device_kind TEXT NOT NULL, settings TEXT NOT NULL, "
        // SQLite stores NaN as NULL: a diverged training's NaN loss is NULL here and NaN when read.
        + "valid_accuracy REAL, valid_loss REAL, train_accuracy REAL, train_loss REAL, parameters INTEGER NOT NULL, "
        + "seconds REAL NOT NULL, device TEXT NOT NULL, nash_version TEXT NOT NULL, djl_version TEXT NOT NULL, "
        + "libtorch_version TEXT NOT NULL, per_epoch TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (" + KEY_COLUMNS
        + "))";
  }

  /**
   * Format 1 to 2: the device kind joins the key, taken from each row's device. One transaction
   * (another process opening the store meanwhile waits, then finds format 2); the rows are copied,
   * never dropped.
   */
  private static void migrateFrom1(Connection c, Path abs) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      // A write first, so the transaction holds the write lock before it reads (waits on busy_timeout).
      st.execute("UPDATE meta SET value = value WHERE name = 'format'");
      if (FORMAT_1.equals(format(st))) {
        String old = "benchmark, arch, dataset, split, epochs, seed, settings_hash, data_sha256, settings, "
            + "valid_accuracy, valid_loss, train_accuracy, train_loss, parameters, seconds, device, nash_version, "
            + "djl_version, libtorch_version, per_epoch, created";
        st.execute(createTrained("trained_2"));
        st.execute("INSERT INTO trained_2 (" + old + ", device_kind) SELECT " + old + ", CASE WHEN lower(device) "
            + "LIKE 'gpu%' THEN 'gpu' ELSE 'cpu' END FROM trained");
        st.execute("DROP TABLE trained");
        st.execute("ALTER TABLE trained_2 RENAME TO trained");
        st.execute("UPDATE meta SET value = '" + FORMAT + "' WHERE name = 'format'");
        System.err.println("nash: result store " + abs + " upgraded from " + FORMAT_1 + " to " + FORMAT
            + " (device kind cpu/gpu added to the key; every row kept)");
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  public Path path() {
    return path;
  }

  /** The stored training of {@code key}, if any. */
  public synchronized Optional<Entry> get(Key key) {
    try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM trained WHERE benchmark = ? AND "
        + "arch = ? AND dataset = ? AND split = ? AND epochs = ? AND seed = ? AND settings_hash = ? AND data_sha256 = ? "
        + "AND device_kind = ?")) {
      bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new NashException("result store " + path + ": cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores a training. A key stored meanwhile by another process is kept (the same key gives the same
   * numbers); returns whether this call stored it.
   */
  public synchronized boolean put(Entry e) {
    // ON CONFLICT DO NOTHING covers the key only; OR IGNORE would also drop a row breaking NOT NULL.
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO trained (" + COLUMNS + ") VALUES "
        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      bindKey(ps, e.key());
      int i = 10;
      ps.setString(i++, e.settings());
      ps.setDouble(i++, e.validAccuracy());
      ps.setDouble(i++, e.validLoss());
      ps.setDouble(i++, e.trainAccuracy());
      ps.setDouble(i++, e.trainLoss());
      ps.setLong(i++, e.parameters());
      ps.setDouble(i++, e.seconds());
      ps.setString(i++, e.device());
      ps.setString(i++, e.nashVersion());
      ps.setString(i++, e.djlVersion());
      ps.setString(i++, e.libtorchVersion());
      ps.setString(i++, JSON.writeValueAsString(e.perEpoch()));
      ps.setString(i, e.created() != null ? e.created() : Instant.now().toString());
      return ps.executeUpdate() == 1;
    } catch (SQLException | JsonProcessingException ex) {
      throw new NashException("result store " + path + ": cannot write " + e.key() + ": " + ex.getMessage(), ex);
    }
  }

  /** Every stored training, in key order. */
  public synchronized List<Entry> all() {
    List<Entry> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM trained ORDER BY benchmark, dataset, split, "
            + "epochs, settings_hash, data_sha256, device_kind, arch, seed")) {
      while (rs.next()) {
        out.add(entry(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new NashException("result store " + path + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void bindKey(PreparedStatement ps, Key k) throws SQLException {
    ps.setString(1, k.benchmark());
    ps.setInt(2, k.arch());
    ps.setString(3, k.dataset());
    ps.setString(4, k.split());
    ps.setInt(5, k.epochs());
    ps.setLong(6, k.seed());
    ps.setString(7, k.settingsHash());
    ps.setString(8, k.dataSha256());
    ps.setString(9, k.deviceKind());
  }

  private Entry entry(ResultSet rs) throws SQLException {
    Key k = new Key(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getLong(6),
        rs.getString(7), rs.getString(8), rs.getString(9));
    List<EpochResult> epochs;
    try {
      epochs = JSON.readValue(rs.getString(21), new TypeReference<List<EpochResult>>() {});
    } catch (JsonProcessingException e) {
      throw new NashException("result store " + path + ": per-epoch record of " + k + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    return new Entry(k, rs.getString(10), real(rs, 11), real(rs, 12), real(rs, 13), real(rs, 14),
        rs.getLong(15), rs.getDouble(16), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20),
        epochs, rs.getString(22));
  }

  /** A REAL column, NULL read back as the NaN it was written as. */
  private static double real(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing with a clearer message
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new NashException("result store " + path + ": cannot close: " + e.getMessage(), e);
    }
  }
}
