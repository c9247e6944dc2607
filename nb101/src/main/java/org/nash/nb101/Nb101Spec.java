package org.nash.nb101;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nash.NashException;

/**
 * A NAS-Bench-101 cell as nasbench's {@code ModelSpec} holds it: an upper-triangular adjacency
 * matrix over V vertices (0 = input, V-1 = output) and one op per interior vertex. Immutable.
 *
 * <p>Op ids follow nasbench's {@code available_ops} order: 0 conv3x3-bn-relu, 1 conv1x1-bn-relu,
 * 2 maxpool3x3 (the same ids as {@link Nb101Space} ops). String form (see {@link #toString()}):
 * the row-major matrix bits as in the official data rows, a colon, then the V op names, e.g.
 * {@code 0110000010...:input,conv3x3-bn-relu,...,output}.
 */
public final class Nb101Spec {
  public static final int MAX_VERTICES = 7;
  public static final int MAX_EDGES = 9;
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";

  private final int n;
  private final int[] succ; // succ[v] bit w set = edge v -> w
  private final int[] ops; // ops[v] for 0 < v < n-1; -1 at input, -2 at output (the hash labels)

  private Nb101Spec(int n, int[] succ, int[] ops) {
    this.n = n;
    this.succ = succ;
    this.ops = ops;
  }

  /**
   * A spec from a square 0/1 upper-triangular matrix and interior op ids (length V-2).
   *
   * @throws NashException if the matrix is not square, not 0/1, not strictly upper-triangular, or an
   *     op id is out of range
   */
  public static Nb101Spec of(int[][] matrix, int... interiorOps) {
    int n = matrix.length;
    if (n < 2 || n > 31) {
      throw new NashException("NAS-Bench-101 matrix must have 2 to 31 vertices, got " + n);
    }
    if (interiorOps.length != n - 2) {
      throw new NashException("a " + n + "-vertex cell needs " + (n - 2) + " interior ops, got " + interiorOps.length);
    }
    int[] succ = new int[n];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new NashException("NAS-Bench-101 matrix must be square: row " + i + " has " + matrix[i].length + " entries, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        int x = matrix[i][j];
        if (x != 0 && x != 1) {
          throw new NashException("NAS-Bench-101 matrix entry (" + i + ", " + j + ") is " + x + "; expected 0 or 1");
        }
        if (x == 1) {
          if (j <= i) {
            throw new NashException("NAS-Bench-101 matrix must be upper triangular, but has an edge " + i + " -> " + j);
          }
          succ[i] |= 1 << j;
        }
      }
    }
    int[] ops = new int[n];
    ops[0] = -1;
    ops[n - 1] = -2;
    for (int v = 1; v < n - 1; v++) {
      int op = interiorOps[v - 1];
      if (op < 0 || op >= Nb101Space.OPS.size()) {
        throw new NashException("op id " + op + " at vertex " + v + " is out of range; expected 0 ("
            + Nb101Space.OPS.get(0) + "), 1 (" + Nb101Space.OPS.get(1) + ") or 2 (" + Nb101Space.OPS.get(2) + ")");
      }
      ops[v] = op;
    }
    return new Nb101Spec(n, succ, ops);
  }

  /** A spec from a matrix and the full op list as nasbench writes it (input, ..., output). */
  public static Nb101Spec of(int[][] matrix, List<String> opNames) {
    if (opNames.size() != matrix.length) {
      throw new NashException("a " + matrix.length + "-vertex matrix needs " + matrix.length + " ops (input, ..., output), got " + opNames.size());
    }
    return of(matrix, interiorOps(opNames));
  }

  /** Built from successor masks without checks; package use (enumeration, decoding). */
  static Nb101Spec ofMasks(int n, int[] succ, int[] ops) {
    return new Nb101Spec(n, succ, ops);
  }

  private static int[] interiorOps(List<String> names) {
    int n = names.size();
    if (n < 2 || !INPUT.equals(names.get(0)) || !OUTPUT.equals(names.get(n - 1))) {
      throw new NashException("NAS-Bench-101 ops must start with 'input' and end with 'output': " + names);
    }
    int[] out = new int[n - 2];
    for (int v = 1; v < n - 1; v++) {
      int id = opId(names.get(v));
      if (id < 0) {
        throw new NashException("unknown NAS-Bench-101 op '" + names.get(v) + "' at vertex " + v + "; expected one of "
            + Nb101Space.OPS + " (or aliases " + Nb101Space.ALIASES + ")");
      }
      out[v - 1] = id;
    }
    return out;
  }

  static int opId(String name) {
    for (int i = 0; i < Nb101Space.OPS.size(); i++) {
      if (Nb101Space.OPS.get(i).equalsIgnoreCase(name) || Nb101Space.ALIASES.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Parses the string form {@code <V*V matrix bits row-major>:<V comma-separated ops>}; ops may be
   * official names or aliases (c3x3, c1x1, pool).
   */
  public static Nb101Spec parse(String s) {
    int colon = s == null ? -1 : s.indexOf(':');
    if (colon < 0) {
      throw new NashException("bad NAS-Bench-101 spec '" + s + "': expected <matrix bits>:<ops>, e.g. "
          + "0100000000000100000000000...:input,conv3x3-bn-relu,...,output");
    }
    return fromRow(s.substring(0, colon), s.substring(colon + 1));
  }

  /**
   * A spec from the official row fields: the adjacency bit string (row-major, V*V chars of 0/1) and
   * the comma-separated op names.
   */
  public static Nb101Spec fromRow(String bits, String opsCsv) {
    int n = (int) Math.round(Math.sqrt(bits.length()));
    if (n * n != bits.length() || n < 2) {
      throw new NashException("adjacency '" + bits + "' has " + bits.length() + " bits; expected V*V for 2 <= V <= 7");
    }
    int[][] m = new int[n][n];
    for (int i = 0; i < bits.length(); i++) {
      char c = bits.charAt(i);
      if (c != '0' && c != '1') {
        throw new NashException("adjacency '" + bits + "' has '" + c + "' at position " + i + "; expected 0 or 1");
      }
      m[i / n][i % n] = c - '0';
    }
    return of(m, Arrays.asList(opsCsv.split(",", -1)));
  }

  public int vertices() {
    return n;
  }

  public int edges() {
    int e = 0;
    for (int s : succ) {
      e += Integer.bitCount(s);
    }
    return e;
  }

  public boolean hasEdge(int from, int to) {
    return (succ[from] >>> to & 1) != 0;
  }

  /** Op id of interior vertex v (0 &lt; v &lt; V-1); -1 for the input, -2 for the output. */
  public int op(int v) {
    return ops[v];
  }

  /** Op ids of the interior vertices, in vertex order. */
  public int[] interiorOps() {
    return Arrays.copyOfRange(ops, 1, n - 1);
  }

  public int[][] matrix() {
    int[][] m = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = succ[i] >>> j & 1;
      }
    }
    return m;
  }

  /** Op names including input and output, as nasbench lists them. */
  public List<String> opNames() {
    List<String> out = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      out.add(v == 0 ? INPUT : v == n - 1 ? OUTPUT : Nb101Space.OPS.get(ops[v]));
    }
    return out;
  }

  int[] succMasks() {
    return succ.clone();
  }

  int[] labels() {
    return ops.clone();
  }

  /**
   * The spec with every vertex not on an input-to-output path removed (nasbench ModelSpec._prune),
   * or null when the input does not reach the output.
   */
  public Nb101Spec pruned() {
    int fromIn = 1;
    for (int v = 0; v < n; v++) {
      if ((fromIn >>> v & 1) != 0) {
        fromIn |= succ[v];
      }
    }
    int toOut = 1 << (n - 1);
    for (int v = n - 1; v >= 0; v--) {
      if ((succ[v] & toOut) != 0) {
        toOut |= 1 << v;
      }
    }
    int keep = fromIn & toOut;
    if ((keep >>> (n - 1) & 1) == 0 || (keep & 1) == 0) {
      return null;
    }
    if (keep == (1 << n) - 1) {
      return this;
    }
    int m = Integer.bitCount(keep);
    int[] newIndex = new int[n];
    int k = 0;
    for (int v = 0; v < n; v++) {
      newIndex[v] = (keep >>> v & 1) != 0 ? k++ : -1;
    }
    int[] s2 = new int[m];
    int[] o2 = new int[m];
    for (int v = 0; v < n; v++) {
      if (newIndex[v] < 0) {
        continue;
      }
      o2[newIndex[v]] = ops[v];
      for (int w = 0; w < n; w++) {
        if ((succ[v] >>> w & 1) != 0 && newIndex[w] >= 0) {
          s2[newIndex[v]] |= 1 << newIndex[w];
        }
      }
    }
    o2[0] = -1;
    o2[m - 1] = -2;
    return new Nb101Spec(m, s2, o2);
  }

  /**
   * Why this spec is outside the NAS-Bench-101 space after pruning, as nasbench's
   * {@code NASBench.is_valid} decides; null when it is inside.
   */
  public String invalidReason() {
    Nb101Spec p = pruned();
    if (p == null) {
      return "no path from input to output";
    }
    if (p.n > MAX_VERTICES) {
      return "too many vertices after pruning: " + p.n + " (max " + MAX_VERTICES + ")";
    }
    if (p.edges() > MAX_EDGES) {
      return "too many edges after pruning: " + p.edges() + " (max " + MAX_EDGES + ")";
    }
    return null;
  }

  public boolean isValid() {
    return invalidReason() == null;
  }

  /** nasbench's hash of the pruned spec ({@code ModelSpec.hash_spec}); 32 hex digits. */
  public String hash() {
    Nb101Spec p = pruned();
    if (p == null) {
      throw new NashException("NAS-Bench-101 spec " + this + " has no path from input to output, so it has no hash");
    }
    return Nb101Hash.hashModule(p.n, p.succ, p.ops);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Nb101Spec s && s.n == n && Arrays.equals(s.succ, succ) && Arrays.equals(s.ops, ops);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(succ) + Arrays.hashCode(ops);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(n * n + 20 * n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sb.append((char) ('0' + (succ[i] >>> j & 1)));
      }
    }
    return sb.append(':').append(String.join(",", opNames())).toString();
  }
}
