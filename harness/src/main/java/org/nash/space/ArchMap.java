package org.nash.space;

import java.util.Arrays;

/**
 * A map from the architectures of one space to values, keyed by their codes in an open-addressing
 * table: what a trial's "seen" set needs a hundred times per trial, without a node per entry or a
 * boxed key (a {@code HashMap<Arch, ?>} was a fifth of a table-speed trial's CPU). Not thread-safe;
 * no iteration, so nothing can depend on an order.
 */
public final class ArchMap<V> {
  private int[] codes; // code + 1; 0 marks an empty slot
  private Object[] values;
  private int size;
  private int mask;
  private SearchSpace space;

  public ArchMap() {
    this(64);
  }

  /** @param expected entries expected; the table grows past it */
  public ArchMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    codes = new int[cap];
    values = new Object[cap];
    mask = cap - 1;
  }

  public int size() {
    return size;
  }

  private static int slot(int code, int mask) {
    int h = code * 0x9E3779B1;
    return (h ^ (h >>> 16)) & mask;
  }

  /** The value of {@code a}, or null. */
  @SuppressWarnings("unchecked")
  public V get(Arch a) {
    if (space != null && a.space() != space) {
      return null;
    }
    int key = a.code() + 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      int k = codes[i];
      if (k == key) {
        return (V) values[i];
      }
      if (k == 0) {
        return null;
      }
    }
  }

  public boolean containsKey(Arch a) {
    return get(a) != null;
  }

  /** Sets the value of {@code a} (non-null); returns the previous one or null. */
  @SuppressWarnings("unchecked")
  public V put(Arch a, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value for " + a);
    }
    if (space == null) {
      space = a.space();
    } else if (a.space() != space) {
      throw new IllegalArgumentException("architecture " + a + " of " + a.space() + " in a map of " + space);
    }
    int key = a.code() + 1;
    int i = slot(key, mask);
    for (; codes[i] != 0; i = (i + 1) & mask) {
      if (codes[i] == key) {
        V old = (V) values[i];
        values[i] = value;
        return old;
      }
    }
    codes[i] = key;
    values[i] = value;
    if (++size * 2 > codes.length) {
      grow();
    }
    return null;
  }

  private void grow() {
    int[] oldCodes = codes;
    Object[] oldValues = values;
    codes = new int[oldCodes.length * 2];
    values = new Object[oldCodes.length * 2];
    mask = codes.length - 1;
    for (int j = 0; j < oldCodes.length; j++) {
      if (oldCodes[j] != 0) {
        int i = slot(oldCodes[j], mask);
        while (codes[i] != 0) {
          i = (i + 1) & mask;
        }
        codes[i] = oldCodes[j];
        values[i] = oldValues[j];
      }
    }
  }

  public void clear() {
    Arrays.fill(codes, 0);
    Arrays.fill(values, null);
    size = 0;
  }
}
