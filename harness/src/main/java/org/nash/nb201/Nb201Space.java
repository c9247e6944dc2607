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
    if (s == null) {
      throw bad("null", "expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2|");
    }
    String[] nodes = s.split("\\+", -1);
    if (nodes.length != 3) {
      throw bad(s, "expected 3 node groups separated by '+', found " + nodes.length);
    }
    int[] ops = new int[EDGES];
    int e = 0;
    for (int node = 0; node < 3; node++) {
      String g = nodes[node];
      if (!g.startsWith("|") || !g.endsWith("|") || g.length() < 2) {
        throw bad(s, "node group " + (node + 1) + " '" + g + "' must start and end with '|'");
      }
      String[] tokens = g.substring(1, g.length() - 1).split("\\|", -1);
      if (tokens.length != node + 1) {
        throw bad(s, "node " + (node + 1) + " needs " + (node + 1) + " incoming edges, found " + tokens.length);
      }
      for (int j = 0; j < tokens.length; j++) {
        String t = tokens[j];
        int tilde = t.lastIndexOf('~');
        if (tilde < 0) {
          throw bad(s, "token '" + t + "' is not of the form op~input");
        }
        String op = t.substring(0, tilde);
        String in = t.substring(tilde + 1);
        if (!in.equals(Integer.toString(j))) {
          throw bad(s, "token '" + t + "' has input '" + in + "', expected " + j);
        }
        int id = OPS.indexOf(op);
        if (id < 0) {
          throw bad(s, "token '" + t + "' has unknown op '" + op + "'; expected one of " + OPS);
        }
        ops[e++] = id;
      }
    }
    int code = 0;
    for (int k = EDGES - 1; k >= 0; k--) {
      code = code * OPS.size() + ops[k];
    }
    return code;
  }

  /** As {@code badString}, usable before the space exists (parsing the official order). */
  private static NashException bad(String s, String why) {
    return new NashException("bad nb201 architecture string '" + s + "': " + why);
  }

  @Override
  public String format(Arch a) {
    int[] ops = ops(a);
    StringBuilder sb = new StringBuilder(100);
    int e = 0;
    for (int node = 0; node < 3; node++) {
      if (node > 0) {
        sb.append('+');
      }
      sb.append('|');
      for (int j = 0; j <= node; j++) {
        sb.append(OPS.get(ops[e++])).append('~').append(j).append('|');
      }
    }
    return sb.toString();
  }
}
