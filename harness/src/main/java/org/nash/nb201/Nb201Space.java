package org.nash.nb201;

import java.util.List;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.CellSpace;

/**
 * NAS-Bench-201 (= NATS-Bench topology space): 15,625 cells, 5 ops per edge. String
 * {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}. The official index order is not derivable from the
 * cell, so it is given by the arch-string column of the benchmark file (row i = index i).
 */
public final class Nb201Space extends CellSpace {
  public static final List<String> OPS =
      List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
  public static final List<String> ALIASES = List.of("none", "skip", "c1x1", "c3x3", "pool");
  public static final int SIZE = 15_625;

  private final int[] codeByIndex;
  private final int[] indexByCode;

  /** @param officialOrder arch strings in official index order (all 15,625, each once) */
  public Nb201Space(List<String> officialOrder) {
    this(parseAll(officialOrder));
  }

  private Nb201Space(int[] codes) {
    super("nb201", OPS, ALIASES, 0);
    codeByIndex = codes;
    indexByCode = invert(codeByIndex, codeRange());
    for (int i = 0; i < SIZE; i++) {
      if (indexByCode[codeByIndex[i]] != i) {
        throw new NashException("NAS-Bench-201 order lists " + format(fromCode(codeByIndex[i])) + " twice (rows "
            + indexByCode[codeByIndex[i]] + " and " + i + ")");
      }
    }
  }

  /** The space from its codes in official index order (as {@link #codes()} gives them, e.g. from a table image). */
  public static Nb201Space fromCodes(int[] codes) {
    if (codes.length != SIZE) {
      throw new NashException("NAS-Bench-201 order has " + codes.length + " architectures, expected " + SIZE);
    }
    for (int c : codes) {
      if (c < 0 || c >= SIZE) {
        throw new NashException("NAS-Bench-201 code " + c + " is out of range");
      }
    }
    return new Nb201Space(codes.clone());
  }

  /** The codes in official index order. */
  public int[] codes() {
    return codeByIndex.clone();
  }

  private static int[] parseAll(List<String> officialOrder) {
    if (officialOrder.size() != SIZE) {
      throw new NashException("NAS-Bench-201 order has " + officialOrder.size() + " architectures, expected " + SIZE);
    }
    int[] codes = new int[SIZE];
    for (int i = 0; i < SIZE; i++) {
      codes[i] = parseCode(officialOrder.get(i));
    }
    return codes;
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public Arch byIndex(int index) {
    return fromCode(codeByIndex[index]);
  }

  @Override
  public int indexOf(Arch a) {
    return indexByCode[a.code()];
  }

  @Override
  public Arch parse(String s) {
    return fromCode(parseCode(s));
  }

  private static int parseCode(String s) {
    int[] ops = CellStrings.parse("nb201", OPS, s);
    int code = 0;
    for (int k = EDGES - 1; k >= 0; k--) {
      code = code * OPS.size() + ops[k];
    }
    return code;
  }

  @Override
  public String format(Arch a) {
    return CellStrings.format(OPS, ops(a));
  }
}
