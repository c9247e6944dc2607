package org.nash.nb101;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nash.data.DataCatalog;

/**
 * nasbench's hash of every NAS-Bench-101 cell, by code, with a hash-to-code look-up. Computing it
 * takes some 24 million MD5 digests (10-30 s of CPU), so it is built only when a hash must be
 * resolved without a table, and cached on disk ({@link #cacheFile()}); a cached file is
 * spot-checked against freshly computed hashes before use.
 */
public final class HashIndex {
  private static final long MAGIC = 0x4e42313031484931L; // "NB101HI1"

  private final long[] hi; // by code
  private final long[] lo;
  private final int[] codesByHash;

  private HashIndex(long[] hi, long[] lo) {
    this.hi = hi;
    this.lo = lo;
    Integer[] order = new Integer[hi.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Nb101Hash.compare(hi[a], lo[a], hi[b], lo[b]));
    codesByHash = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      codesByHash[i] = order[i];
    }
  }

  /** {@code nash.nb101.hashcache} if set, else {@code <nash cache>/nasbench101/hash-index-v1.bin}. */
  public static Path cacheFile() {
    String p = System.getProperty("nash.nb101.hashcache");
    return p != null && !p.isBlank() ? Paths.get(p)
        : DataCatalog.defaultCacheDir().resolve("nasbench101").resolve("hash-index-v1.bin");
  }

  static HashIndex load(Nb101Space space) {
    Path f = cacheFile();
    HashIndex idx = read(f, space);
    if (idx == null) {
      idx = compute(space);
      write(idx, f);
    }
    return idx;
  }

  /** Computes every hash from the representatives, in parallel. */
  static HashIndex compute(Nb101Space space) {
    int n = space.size();
    long[] hi = new long[n];
    long[] lo = new long[n];
    IntStream.range(0, n).parallel().forEach(c -> {
      Nb101Spec s = space.spec(space.byIndex(c));
      byte[] h = Nb101Hash.hashBytes(s.vertices(), s.succMasks(), s.labels());
      String hex = new String(h, java.nio.charset.StandardCharsets.US_ASCII);
      hi[c] = Nb101Hash.hi(hex);
      lo[c] = Nb101Hash.lo(hex);
    });
    return new HashIndex(hi, lo);
  }

  private static HashIndex read(Path f, Nb101Space space) {
    if (!Files.isRegularFile(f)) {
      return null;
    }
    int n = space.size();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
      if (in.readLong() != MAGIC || in.readInt() != n) {
        return null;
      }
      long[] hi = new long[n];
      long[] lo = new long[n];
      for (int c = 0; c < n; c++) {
        hi[c] = in.readLong();
        lo[c] = in.readLong();
      }
      // A stale or damaged cache must not silently map hashes to the wrong cells.
      SplittableRandom rng = new SplittableRandom(n);
      for (int k = 0; k < 64; k++) {
        int c = rng.nextInt(n);
        String h = space.hashOfRepresentative(c);
        if (Nb101Hash.hi(h) != hi[c] || Nb101Hash.lo(h) != lo[c]) {
          return null;
        }
      }
      return new HashIndex(hi, lo);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void write(HashIndex idx, Path f) {
    try {
      Files.createDirectories(f.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(f.toAbsolutePath().getParent(), "hash-index", ".part");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeLong(MAGIC);
        out.writeInt(idx.hi.length);
        for (int c = 0; c < idx.hi.length; c++) {
          out.writeLong(idx.hi[c]);
          out.writeLong(idx.lo[c]);
        }
      }
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // The cache is an optimisation only: without it the index is rebuilt next time.
    }
  }

  public int size() {
    return hi.length;
  }

  public String hash(int code) {
    return Nb101Hash.hex(hi[code], lo[code]);
  }

  /** Code of a hash, or -1. */
  public int code(long h, long l) {
    int a = 0;
    int b = codesByHash.length - 1;
    while (a <= b) {
      int mid = (a + b) >>> 1;
      int c = codesByHash[mid];
      int cmp = Nb101Hash.compare(hi[c], lo[c], h, l);
      if (cmp == 0) {
        return c;
      }
      if (cmp < 0) {
        a = mid + 1;
      } else {
        b = mid - 1;
      }
    }
    return -1;
  }

  /** Number of distinct hashes (equal to the cell count when hash_module has no collisions here). */
  public int distinct() {
    int d = codesByHash.length == 0 ? 0 : 1;
    for (int i = 1; i < codesByHash.length; i++) {
      int a = codesByHash[i - 1];
      int b = codesByHash[i];
      if (hi[a] != hi[b] || lo[a] != lo[b]) {
        d++;
      }
    }
    return d;
  }
}
