package org.nash.surrogate.encoding;

import org.nash.nb101.Nb101Space;
import org.nash.nb101.Nb101Spec;
import org.nash.space.Arch;

/**
 * NB101 adjacency + ops of the cell's representative spec padded to 7 vertices (the output always
 * vertex 6, as NASLib pads): 21 upper-triangle edge bits, for each of the 5 interior slots a
 * one-hot over {conv3x3, conv1x1, maxpool, absent}, then vertex, edge and per-op counts.
 */
public final class Nb101Adjacency implements Encoding {
  private static final int V = Nb101Spec.MAX_VERTICES;
  private static final int EDGE_BITS = V * (V - 1) / 2;
  private static final int SLOTS = V - 2;
  private static final int OPS = Nb101Space.OPS.size();
  private final Nb101Space space;

  public Nb101Adjacency(Nb101Space space) {
    this.space = space;
  }

  @Override
  public String name() {
    return "adjacency";
  }

  @Override
  public int dim() {
    return EDGE_BITS + SLOTS * (OPS + 1) + 2 + OPS;
  }

  @Override
  public void encode(Arch arch, float[] out, int offset) {
    encode(space.spec(arch), out, offset);
  }

  /** Features of a spec of at most 7 vertices. */
  public static void encode(Nb101Spec s, float[] out, int offset) {
    int n = s.vertices();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (s.hasEdge(i, j)) {
          out[offset + pairIndex(padded(i, n), padded(j, n))] = 1;
        }
      }
    }
    int slots = offset + EDGE_BITS;
    int counts = slots + SLOTS * (OPS + 1);
    for (int slot = 0; slot < SLOTS; slot++) {
      int v = slot + 1;
      int op = v < n - 1 ? s.op(v) : OPS; // OPS = absent
      out[slots + slot * (OPS + 1) + op] = 1;
      if (op < OPS) {
        out[counts + 2 + op]++;
      }
    }
    out[counts] = n;
    out[counts + 1] = s.edges();
  }

  private static int padded(int v, int n) {
    return v == n - 1 ? V - 1 : v;
  }

  /** Row-major index of (i, j), i &lt; j, in the strict upper triangle of a 7x7 matrix. */
  private static int pairIndex(int i, int j) {
    return i * (2 * V - i - 1) / 2 + (j - i - 1);
  }
}
