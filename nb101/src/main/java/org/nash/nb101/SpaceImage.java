package org.nash.nb101;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The enumerated NAS-Bench-101 space (canonical key and representative of each of the 423,624 cells,
 * 6.8 MB) as a file in the cache, so a command that loads nb101 reads it in milliseconds instead of
 * enumerating every labelled DAG again (most of a second of CPU). The file is trusted only when its
 * magic, size, checksum and order are right and 64 representatives re-derive their keys; anything
 * else is enumerated afresh and the file rewritten.
 */
final class SpaceImage {
  /** "NB101SP1": bump the last digit whenever the enumeration or the key layout changes. */
  private static final long MAGIC = 0x4e42313031535031L;
  private static final int HEADER = 8 + 4 + 8;

  /** What the image holds: keys ascending, representatives by code, and the labelled graph count. */
  record Cells(long[] keys, long[] reps, long labelled) {}

  private SpaceImage() {}

  static Path file(Path cacheDir) {
    return cacheDir.resolve("nasbench101").resolve("space-v1.bin");
  }

  /** The image at {@code f}, or null when it is missing or not sound. */
  static Cells read(Path f, int n) {
    try {
      if (!Files.isRegularFile(f) || Files.size(f) != HEADER + 16L * n + 8) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
      CRC32C crc = new CRC32C();
      crc.update(b.array(), 0, b.capacity() - 8);
      if (b.getLong() != MAGIC || b.getInt() != n || b.getLong(b.capacity() - 8) != crc.getValue()) {
        return null;
      }
      long labelled = b.getLong();
      long[] keys = new long[n];
      long[] reps = new long[n];
      b.asLongBuffer().get(keys);
      b.position(HEADER + 8 * n);
      b.asLongBuffer().get(reps);
      for (int c = 1; c < n; c++) {
        if (keys[c - 1] >= keys[c]) {
          return null;
        }
      }
      SplittableRandom rng = new SplittableRandom(n);
      for (int k = 0; k < 64; k++) {
        int c = rng.nextInt(n);
        if (Canon.key(Canon.decode(reps[c]).pruned()) != keys[c]) {
          return null;
        }
      }
      return new Cells(keys, reps, labelled);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes the image (temporary file, then rename); a failure only costs the next command the enumeration. */
  static void write(Path f, Cells a) {
    try {
      Files.createDirectories(f.toAbsolutePath().getParent());
      int n = a.keys().length;
      ByteBuffer b = ByteBuffer.allocate(HEADER + 16 * n + 8);
      b.putLong(MAGIC).putInt(n).putLong(a.labelled());
      b.asLongBuffer().put(a.keys());
      b.position(HEADER + 8 * n);
      b.asLongBuffer().put(a.reps());
      CRC32C crc = new CRC32C();
      crc.update(b.array(), 0, b.capacity() - 8);
      b.putLong(b.capacity() - 8, crc.getValue());
      Path tmp = Files.createTempFile(f.toAbsolutePath().getParent(), "space", ".part");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          out.write(b.array());
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      // An optimisation only: without the file the space is enumerated again.
    }
  }
}
