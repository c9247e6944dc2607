package org.nash.testing;

import java.util.List;
import org.nash.space.Arch;
import org.nash.space.CellSpace;

/**
 * The synthetic benchmark's space: the 6-edge cell of NB-201 and TNB micro with four operations
 * ({@code none, skip_connect, nor_conv_1x1, nor_conv_3x3}, aliases {@code none, skip, c1x1, c3x3}), so
 * pools are written as in real configs and a two-op pool holds 2^6 = 64 cells. 4,096 cells; row r is
 * the cell whose edge ops, edge 0 first, are the base-4 digits of r (most significant first). String:
 * {@code syn-} and the six digits, e.g. {@code syn-301233}.
 */
public final class SyntheticSpace extends CellSpace {
  public static final List<String> OPS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3");
  public static final List<String> ALIASES = List.of("none", "skip", "c1x1", "c3x3");
  public static final int SIZE = 4_096;
  private static final String PREFIX = "syn-";

  public SyntheticSpace() {
    super("synthetic", OPS, ALIASES, 0);
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public Arch byIndex(int index) {
    if (index < 0 || index >= SIZE) {
      throw new IndexOutOfBoundsException("synthetic row " + index);
    }
    int[] ops = new int[EDGES];
    for (int e = EDGES - 1; e >= 0; e--) {
      ops[e] = index % 4;
      index /= 4;
    }
    return fromOps(ops);
  }

  @Override
  public int indexOf(Arch a) {
    int r = 0;
    for (int op : ops(a)) {
      r = r * 4 + op;
    }
    return r;
  }

  @Override
  public Arch parse(String s) {
    if (s == null || !s.startsWith(PREFIX) || s.length() != PREFIX.length() + EDGES) {
      throw badString(String.valueOf(s), "expected '" + PREFIX + "' and six digits 0-3, e.g. syn-301233");
    }
    int[] ops = new int[EDGES];
    for (int e = 0; e < EDGES; e++) {
      char c = s.charAt(PREFIX.length() + e);
      if (c < '0' || c > '3') {
        throw badString(s, "op '" + c + "' of edge " + e + " is not one of 0 (none), 1 (skip), 2 (c1x1), 3 (c3x3)");
      }
      ops[e] = c - '0';
    }
    return fromOps(ops);
  }

  @Override
  public String format(Arch a) {
    StringBuilder sb = new StringBuilder(PREFIX);
    for (int op : ops(a)) {
      sb.append(op);
    }
    return sb.toString();
  }
}
