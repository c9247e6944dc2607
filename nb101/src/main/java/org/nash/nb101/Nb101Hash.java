package org.nash.nb101;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.nash.NashException;

/**
 * The NAS-Bench-101 cell hash: nasbench's {@code graph_util.hash_module}, an iterated MD5 over
 * (out-degree, in-degree, label) per vertex, refined with the sorted hashes of in- and
 * out-neighbours once per vertex, then an MD5 of the sorted vertex hashes. The byte strings fed to
 * MD5 reproduce Python's formatting exactly: {@code str((out, in, label))} gives
 * {@code "(1, 0, -1)"} and {@code str(sorted(hashes))} gives {@code "['ab..', 'cd..']"}.
 *
 * <p>Labels as in {@code ModelSpec.hash_spec}: -1 input, -2 output, interior op = its index in
 * nasbench's {@code available_ops} (0 conv3x3-bn-relu, 1 conv1x1-bn-relu, 2 maxpool3x3).
 */
public final class Nb101Hash {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private Nb101Hash() {}

  /**
   * hash_module of a directed graph given as successor bit masks ({@code succ[v]} bit w = edge
   * v->w; any graph of up to 32 vertices, not only upper-triangular ones).
   */
  public static String hashModule(int n, int[] succ, int[] labels) {
    return new String(hashBytes(n, succ, labels), java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** hash_module as 32 ASCII hex bytes. */
  static byte[] hashBytes(int n, int[] succ, int[] labels) {
    MessageDigest md = MD5.get();
    byte[] digest = new byte[16];
    int[] pred = new int[n];
    for (int v = 0; v < n; v++) {
      for (int m = succ[v]; m != 0; m &= m - 1) {
        pred[Integer.numberOfTrailingZeros(m)] |= 1 << v;
      }
    }
    // Vertex hashes live in one array, 32 hex bytes each; two generations alternate.
    byte[] h = new byte[n * 32];
    byte[] next = new byte[n * 32];
    for (int v = 0; v < n; v++) {
      byte[] t = ("(" + Integer.bitCount(succ[v]) + ", " + Integer.bitCount(pred[v]) + ", " + labels[v] + ")")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      md5Hex(md, t, t.length, digest, h, v * 32);
    }
    // Message: up to n in-neighbour hashes + '|' + up to n out-neighbour hashes + '|' + own hash.
    byte[] buf = new byte[(2 * n + 1) * 32 + 2];
    int[] order = new int[n];
    for (int round = 0; round < n; round++) {
      for (int v = 0; v < n; v++) {
        int len = appendSorted(buf, 0, h, pred[v], order);
        buf[len++] = '|';
        len = appendSorted(buf, len, h, succ[v], order);
        buf[len++] = '|';
        System.arraycopy(h, v * 32, buf, len, 32);
        len += 32;
        md5Hex(md, buf, len, digest, next, v * 32);
      }
      byte[] swap = h;
      h = next;
      next = swap;
    }
    int k = sortVertices(h, (1 << n) - 1, order);
    byte[] fp = new byte[n * 36 + 2];
    int len = 0;
    fp[len++] = '[';
    for (int i = 0; i < k; i++) {
      if (i > 0) {
        fp[len++] = ',';
        fp[len++] = ' ';
      }
      fp[len++] = '\'';
      System.arraycopy(h, order[i] * 32, fp, len, 32);
      len += 32;
      fp[len++] = '\'';
    }
    fp[len++] = ']';
    byte[] out = new byte[32];
    md5Hex(md, fp, len, digest, out, 0);
    return out;
  }

  /** Vertices of {@code mask} into {@code order}, sorted by their hash (hex string order). */
  private static int sortVertices(byte[] h, int mask, int[] order) {
    int k = 0;
    for (int m = mask; m != 0; m &= m - 1) {
      int x = Integer.numberOfTrailingZeros(m);
      int j = k - 1;
      while (j >= 0 && Arrays.compare(h, order[j] * 32, order[j] * 32 + 32, h, x * 32, x * 32 + 32) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
      k++;
    }
    return k;
  }

  /** Appends the hashes of the vertices in {@code mask}, in sorted (hex string) order. */
  private static int appendSorted(byte[] buf, int pos, byte[] h, int mask, int[] order) {
    int k = sortVertices(h, mask, order);
    for (int i = 0; i < k; i++) {
      System.arraycopy(h, order[i] * 32, buf, pos, 32);
      pos += 32;
    }
    return pos;
  }

  private static void md5Hex(MessageDigest md, byte[] data, int len, byte[] digest, byte[] out, int at) {
    md.update(data, 0, len);
    try {
      md.digest(digest, 0, 16);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < 16; i++) {
      out[at + 2 * i] = HEX[(digest[i] >> 4) & 15];
      out[at + 2 * i + 1] = HEX[digest[i] & 15];
    }
  }

  /** High 64 bits of a 32-digit hex hash (hex order = unsigned order of (hi, lo)). */
  public static long hi(String hex) {
    check(hex);
    return Long.parseUnsignedLong(hex, 0, 16, 16);
  }

  public static long lo(String hex) {
    check(hex);
    return Long.parseUnsignedLong(hex, 16, 32, 16);
  }

  public static String hex(long hi, long lo) {
    return String.format("%016x%016x", hi, lo);
  }

  public static boolean isHash(String s) {
    if (s == null || s.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static void check(String hex) {
    if (!isHash(hex)) {
      throw new NashException("'" + hex + "' is not a NAS-Bench-101 hash (32 lower-case hex digits)");
    }
  }

  /** Unsigned comparison of two 128-bit hashes, same as comparing their hex strings. */
  static int compare(long hi1, long lo1, long hi2, long lo2) {
    int c = Long.compareUnsigned(hi1, hi2);
    return c != 0 ? c : Long.compareUnsigned(lo1, lo2);
  }
}
