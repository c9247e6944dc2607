package org.nash.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nash.NashException;
import org.nash.io.Progress;

/**
 * The files nash reads and where to find them. A file is taken from, in order: the cache
 * ({@code NASH_DATA}, default {@code ~/.cache/nash}); a local mirror ({@code NASH_DATA_MIRROR},
 * default {@code ../shared/data} when it exists); the upstream URL, downloaded into the cache with a
 * progress bar. Every file taken is checked against its sha256 (once per catalog instance).
 */
public final class DataCatalog {
  private static final String CATALOG = "catalog.json";

  private final Map<String, DataEntry> entries;
  private final Path cacheDir;
  private final Path mirrorDir;
  private final boolean allowDownload;
  private final Map<String, Path> verified = new ConcurrentHashMap<>();
  private volatile Progress.Factory progress = Progress.PLAIN_LINES;

  public DataCatalog(Path cacheDir, Path mirrorDir, boolean allowDownload) {
    this(loadEntries(), cacheDir, mirrorDir, allowDownload);
  }

  DataCatalog(Map<String, DataEntry> entries, Path cacheDir, Path mirrorDir, boolean allowDownload) {
    this.entries = entries;
    this.cacheDir = cacheDir;
    this.mirrorDir = mirrorDir;
    this.allowDownload = allowDownload;
  }

  /** How downloads show their progress (plain lines on stderr unless the caller sets a bar). */
  public DataCatalog withProgress(Progress.Factory factory) {
    this.progress = factory;
    return this;
  }

  /** The catalog configured from the environment (see class comment); downloads allowed. */
  public static DataCatalog fromEnvironment() {
    return new DataCatalog(defaultCacheDir(), defaultMirrorDir(), true);
  }

  public static Path defaultCacheDir() {
    String env = firstNonBlank(System.getProperty("nash.data"), System.getenv("NASH_DATA"));
    return env != null ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".cache", "nash");
  }

  /**
   * {@code NASH_DATA_MIRROR}, else {@code ../shared/data} beside the checkout if present. The checkout
   * is {@code nash.home} (set by the launcher and the CLI from the jar's location), else the working
   * directory.
   */
  public static Path defaultMirrorDir() {
    String env = firstNonBlank(System.getProperty("nash.data.mirror"), System.getenv("NASH_DATA_MIRROR"));
    if (env != null) {
      return Paths.get(env);
    }
    String home = System.getProperty("nash.home");
    Path base = home != null && !home.isBlank() ? Paths.get(home) : Paths.get("");
    Path sibling = base.resolve(Paths.get("..", "shared", "data")).toAbsolutePath().normalize();
    return Files.isDirectory(sibling) ? sibling : null;
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  private static Map<String, DataEntry> loadEntries() {
    // Jackson's streaming parser, not databind: building an ObjectMapper costs every command a quarter
    // of a second of class loading before its first look-up (issue 26).
    try (InputStream in = DataCatalog.class.getResourceAsStream(CATALOG);
         com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(in)) {
      Map<String, DataEntry> map = new LinkedHashMap<>();
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        throw new IOException("expected a JSON array of entries");
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        Map<String, String> f = new java.util.HashMap<>();
        long size = 0;
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          String name = p.getCurrentName();
          com.fasterxml.jackson.core.JsonToken t = p.nextToken();
          switch (name) {
            case "id", "path", "url", "sha256", "holds", "md5" -> f.put(name, t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL ? null : p.getValueAsString());
            case "size" -> size = p.getLongValue();
            default -> throw new IOException("unknown field '" + name + "' at " + p.getCurrentLocation());
          }
        }
        DataEntry e = new DataEntry(f.get("id"), f.get("path"), f.get("url"), f.get("sha256"), size, f.get("holds"),
            f.get("md5"));
        map.put(e.id(), e);
      }
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in data catalog", e);
    }
  }

  public List<DataEntry> entries() {
    return new ArrayList<>(entries.values());
  }

  public DataEntry entry(String id) {
    DataEntry e = entries.get(id);
    if (e == null) {
      throw new NashException("unknown data entry '" + id + "'; known: " + String.join(", ", entries.keySet()));
    }
    return e;
  }

  public Path cacheDir() {
    return cacheDir;
  }

  public Path mirrorDir() {
    return mirrorDir;
  }

  /** Where the file is now (cache first, then mirror), without verifying; null if nowhere. */
  public Path locate(DataEntry e) {
    Path cached = cacheDir.resolve(e.path());
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    if (mirrorDir != null) {
      Path mirrored = mirrorDir.resolve(e.path());
      if (Files.isRegularFile(mirrored)) {
        return mirrored;
      }
    }
    return null;
  }

  /** The verified local path of an entry, downloading it if it is nowhere local. */
  public Path resolve(String id) {
    Path done = verified.get(id);
    if (done != null) {
      return done;
    }
    DataEntry e = entry(id);
    Path p = locate(e);
    if (p == null) {
      p = download(e);
    }
    verify(e, p);
    verified.put(id, p);
    return p;
  }

  /** Checks size and sha256; a mismatch names the file and both hashes. */
  public static void verify(DataEntry e, Path p) {
    if (e.sha256() == null) {
      return;
    }
    String actual = sha256(p);
    if (!actual.equalsIgnoreCase(e.sha256())) {
      throw new NashException("sha256 mismatch for " + e.id() + " at " + p + ": expected " + e.sha256()
          + ", found " + actual + ". The file is corrupt or a different version; delete it and run again"
          + " (nash data verify lists every file)");
    }
  }

  public static String sha256(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException ex) {
      throw new NashException("cannot read " + p + ": " + ex.getMessage(), ex);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private Path download(DataEntry e) {
    String where = "not in the cache (" + cacheDir.resolve(e.path()) + ")"
        + (mirrorDir == null ? " and no mirror is set (NASH_DATA_MIRROR)" : " nor in the mirror (" + mirrorDir.resolve(e.path()) + ")");
    if (e.url() == null) {
      throw new NashException("data file " + e.id() + " (" + e.fileName() + ") is " + where
          + ", and it has no download address; put it in one of those places");
    }
    if (!allowDownload) {
      throw new NashException("data file " + e.id() + " (" + e.fileName() + ") is " + where
          + ", and downloads are off; fetch " + e.url() + " into the cache");
    }
    Path target = cacheDir.resolve(e.path());
    Path part = null;
    try {
      Files.createDirectories(target.getParent());
      part = Files.createTempFile(target.getParent(), e.fileName(), ".part");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<InputStream> resp = client.send(HttpRequest.newBuilder(URI.create(e.url())).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        throw new IOException("HTTP " + resp.statusCode());
      }
      try (InputStream in = resp.body();
           Progress pb = progress.start("downloading " + e.fileName(), e.size(), "bytes");
           var out = Files.newOutputStream(part)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          pb.advance(n);
        }
      }
      verify(e, part);
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      part = null;
      return target;
    } catch (IOException | InterruptedException ex) {
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new NashException("data file " + e.id() + " (" + e.fileName() + ") is " + where
          + ", and downloading " + e.url() + " failed: " + ex, ex);
    } finally {
      if (part != null) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // best effort: a stale .part file is never read
        }
      }
    }
  }
}
