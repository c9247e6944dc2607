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
    MessageDigest md = MD5.get();
    int[] pred = new int[n];
    for (int v = 0; v < n; v++) {
      for (int w = 0; w < n; w++) {
        if ((succ[v] >>> w & 1) != 0) {
          pred[w] |= 1 << v;
        }
      }
    }
    byte[][] h = new byte[n][];
    for (int v = 0; v < n; v++) {
      String t = "(" + Integer.bitCount(succ[v]) + ", " + Integer.bitCount(pred[v]) + ", " + labels[v] + ")";
      h[v] = md5Hex(md, t.getBytes(java.nio.charset.StandardCharsets.US_ASCII), t.length());
    }
    // Message: up to n in-neighbour hashes + '|' + up to n out-neighbour hashes + '|' + own hash.
    byte[] buf = new byte[(2 * n + 1) * 32 + 2];
    byte[][] tmp = new byte[n][];
    byte[][] next = new byte[n][];
    for (int round = 0; round < n; round++) {
      for (int v = 0; v < n; v++) {
        int len = appendSorted(buf, 0, h, pred[v], tmp);
        buf[len++] = '|';
        len = appendSorted(buf, len, h, succ[v], tmp);
        buf[len++] = '|';
        System.arraycopy(h[v], 0, buf, len, 32);
        len += 32;
        next[v] = md5Hex(md, buf, len);
      }
      byte[][] swap = h;
      h = next;
      next = swap;
    }
    byte[][] sorted = h.clone();
    Arrays.sort(sorted, Arrays::compare);
    StringBuilder sb = new StringBuilder(n * 36 + 2).append('[');
    for (int v = 0; v < n; v++) {
      if (v > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(new String(sorted[v], java.nio.charset.StandardCharsets.US_ASCII)).append('\'');
    }
    String fp = sb.append(']').toString();
    return new String(md5Hex(md, fp.getBytes(java.nio.charset.StandardCharsets.US_ASCII), fp.length()),
        java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Appends the hashes of the vertices in {@code mask}, in sorted (hex string) order. */
  private static int appendSorted(byte[] buf, int pos, byte[][] h, int mask, byte[][] tmp) {
    int k = 0;
    for (int m = mask; m != 0; m &= m - 1) {
      tmp[k++] = h[Integer.numberOfTrailingZeros(m)];
    }
    // Insertion sort: at most 6 entries.
    for (int i = 1; i < k; i++) {
      byte[] x = tmp[i];
      int j = i - 1;
      while (j >= 0 && Arrays.compare(tmp[j], x) > 0) {
        tmp[j + 1] = tmp[j];
        j--;
      }
      tmp[j + 1] = x;
    }
    for (int i = 0; i < k; i++) {
      System.arraycopy(tmp[i], 0, buf, pos, 32);
      pos += 32;
    }
    return pos;
  }

  private static byte[] md5Hex(MessageDigest md, byte[] data, int len) {
    md.update(data, 0, len);
    byte[] d = md.digest();
    byte[] out = new byte[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 15];
      out[2 * i + 1] = HEX[d[i] & 15];
    }
    return out;
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
