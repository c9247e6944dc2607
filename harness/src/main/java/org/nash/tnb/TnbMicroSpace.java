package org.nash.tnb;

import java.util.List;
import org.nash.space.Arch;
import org.nash.space.CellSpace;

/**
 * TransNAS-Bench-101 micro space: 4,096 cells, 4 ops per edge (0 none, 1 skip, 2 conv1x1,
 * 3 conv3x3), string {@code 64-41414-a_bc_def}. Row r of the micro tables is official TNB index
 * {@link #OFFICIAL_OFFSET} + r, in base-4 order of the digits abcdef.
 */
public final class TnbMicroSpace extends CellSpace {
  public static final List<String> OPS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3");
  public static final List<String> ALIASES = List.of("none", "skip", "c1x1", "c3x3");
  public static final int SIZE = 4_096;
  /** Official TNB API index of the first micro architecture (macro holds 0..3255). */
  public static final int OFFICIAL_OFFSET = 3_256;
  private static final String PREFIX = "64-41414-";

  public TnbMicroSpace() {
    super("tnb-micro", OPS, ALIASES, 0);
  }

  @Override
  public int size() {
    return SIZE;
  }

  /** Row r has digits abcdef = r written in base 4 (a most significant). */
  @Override
  public Arch byIndex(int index) {
    if (index < 0 || index >= SIZE) {
      throw new IndexOutOfBoundsException("TNB micro row " + index);
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
    if (s == null || !s.startsWith(PREFIX)) {
      throw badString(String.valueOf(s), "expected the prefix '" + PREFIX + "' then a_bc_def with digits 0-3");
    }
    String cell = s.substring(PREFIX.length());
    if (cell.length() != 8 || cell.charAt(1) != '_' || cell.charAt(4) != '_') {
      throw badString(s, "cell part '" + cell + "' must have the shape a_bc_def");
    }
    int[] ops = new int[EDGES];
    int e = 0;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (i == 1 || i == 4) {
        continue;
      }
      if (c < '0' || c > '3') {
        throw badString(s, "op '" + c + "' at position " + (i + 1) + " of the cell is unknown; expected 0 (none), 1 (skip), 2 (conv1x1) or 3 (conv3x3)");
      }
      ops[e++] = c - '0';
    }
    return fromOps(ops);
  }

  @Override
  public String format(Arch a) {
    int[] o = ops(a);
    return PREFIX + o[0] + "_" + o[1] + o[2] + "_" + o[3] + o[4] + o[5];
  }
}
