package org.nash.nb101;

import java.util.Arrays;

/** Open-addressing map from a 128-bit key to a non-negative int; no boxing, no removal. */
final class Key128Map {
  private long[] hi;
  private long[] lo;
  private int[] val;
  private int size;
  private int mask;

  Key128Map(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    alloc(cap);
  }

  private void alloc(int cap) {
    hi = new long[cap];
    lo = new long[cap];
    val = new int[cap];
    Arrays.fill(val, -1);
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  private static int slot(long h, long l) {
    long x = h * 0x9E3779B97F4A7C15L ^ l;
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    return (int) (x ^ x >>> 29);
  }

  /** The value for the key, or -1. */
  int get(long h, long l) {
    for (int i = slot(h, l) & mask; ; i = (i + 1) & mask) {
      if (val[i] < 0) {
        return -1;
      }
      if (hi[i] == h && lo[i] == l) {
        return val[i];
      }
    }
  }

  /** Stores the value unless the key is present; returns the existing value or -1 if inserted. */
  int putIfAbsent(long h, long l, int v) {
    if (2 * (size + 1) > val.length) {
      grow();
    }
    for (int i = slot(h, l) & mask; ; i = (i + 1) & mask) {
      if (val[i] < 0) {
        hi[i] = h;
        lo[i] = l;
        val[i] = v;
        size++;
        return -1;
      }
      if (hi[i] == h && lo[i] == l) {
        return val[i];
      }
    }
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    int[] ov = val;
    alloc(ov.length * 2);
    size = 0;
    for (int i = 0; i < ov.length; i++) {
      if (ov[i] >= 0) {
        putIfAbsent(oh[i], ol[i], ov[i]);
      }
    }
  }
}
