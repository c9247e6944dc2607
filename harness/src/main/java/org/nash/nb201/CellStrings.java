package org.nash.nb201;

import java.util.List;
import org.nash.NashException;

/**
 * NAS-Bench-201's cell string, {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}, for any op list: the
 * format {@link Nb201Space} and {@link Nb201xSpace} share (6 edges, edge order of the string).
 */
final class CellStrings {
  static final int EDGES = 6;

  private CellStrings() {}

  /** The op id of each edge, in string order; a malformed string is an error naming the space. */
  static int[] parse(String space, List<String> ops, String s) {
    if (s == null) {
      throw bad(space, "null", "expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2|");
    }
    String[] nodes = s.split("\\+", -1);
    if (nodes.length != 3) {
      throw bad(space, s, "expected 3 node groups separated by '+', found " + nodes.length);
    }
    int[] out = new int[EDGES];
    int e = 0;
    for (int node = 0; node < 3; node++) {
      String g = nodes[node];
      if (!g.startsWith("|") || !g.endsWith("|") || g.length() < 2) {
        throw bad(space, s, "node group " + (node + 1) + " '" + g + "' must start and end with '|'");
      }
      String[] tokens = g.substring(1, g.length() - 1).split("\\|", -1);
      if (tokens.length != node + 1) {
        throw bad(space, s, "node " + (node + 1) + " needs " + (node + 1) + " incoming edges, found " + tokens.length);
      }
      for (int j = 0; j < tokens.length; j++) {
        String t = tokens[j];
        int tilde = t.lastIndexOf('~');
        if (tilde < 0) {
          throw bad(space, s, "token '" + t + "' is not of the form op~input");
        }
        String op = t.substring(0, tilde);
        String in = t.substring(tilde + 1);
        if (!in.equals(Integer.toString(j))) {
          throw bad(space, s, "token '" + t + "' has input '" + in + "', expected " + j);
        }
        int id = ops.indexOf(op);
        if (id < 0) {
          throw bad(space, s, "token '" + t + "' has unknown op '" + op + "'; expected one of " + ops);
        }
        out[e++] = id;
      }
    }
    return out;
  }

  static String format(List<String> ops, int[] edges) {
    StringBuilder sb = new StringBuilder(120);
    int e = 0;
    for (int node = 0; node < 3; node++) {
      if (node > 0) {
        sb.append('+');
      }
      sb.append('|');
      for (int j = 0; j <= node; j++) {
        sb.append(ops.get(edges[e++])).append('~').append(j).append('|');
      }
    }
    return sb.toString();
  }

  private static NashException bad(String space, String s, String why) {
    return new NashException("bad " + space + " architecture string '" + s + "': " + why);
  }
}
