package org.nash.surrogate.encoding;

import org.nash.space.Arch;
import org.nash.space.CellSpace;

/**
 * One-hot op per edge plus what trees find hard to assemble from it: the same one-hot with dead
 * edges (not on any input-to-output path of non-none ops) set to none, counts of live ops per
 * kind, whether the cell is connected, and for each of the 4 input-to-output node paths whether it
 * is live and how many ops of each kind it passes.
 */
public final class CellStructure implements Encoding {
  /** Edge endpoints in official string order (node1&lt;-0 | node2&lt;-0,1 | node3&lt;-0,1,2). */
  private static final int[] SRC = {0, 0, 1, 0, 1, 2};
  private static final int[] DST = {1, 2, 2, 3, 3, 3};
  /** The 4 node paths from input (0) to output (3), as edge ids: 0-3, 0-1-3, 0-2-3, 0-1-2-3. */
  private static final int[][] PATHS = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};

  private final int k;
  private final int none;

  public CellStructure(CellSpace space) {
    this.k = space.opNames().size();
    this.none = space.opId("none");
  }

  @Override
  public String name() {
    return "onehot-struct";
  }

  @Override
  public int dim() {
    return 2 * CellSpace.EDGES * k + k + 1 + PATHS.length * (1 + k);
  }

  @Override
  public void encode(Arch arch, float[] out, int offset) {
    int[] ops = arch.ops();
    int e = CellSpace.EDGES;
    boolean[] fromIn = new boolean[4];
    boolean[] toOut = new boolean[4];
    fromIn[0] = true;
    toOut[3] = true;
    for (int i = 0; i < e; i++) {
      if (ops[i] != none && fromIn[SRC[i]]) {
        fromIn[DST[i]] = true;
      }
    }
    for (int i = e - 1; i >= 0; i--) {
      if (ops[i] != none && toOut[DST[i]]) {
        toOut[SRC[i]] = true;
      }
    }
    int live = offset + e * k;
    int counts = live + e * k;
    for (int i = 0; i < e; i++) {
      out[offset + i * k + ops[i]] = 1;
      boolean alive = ops[i] != none && fromIn[SRC[i]] && toOut[DST[i]];
      int eff = alive || none < 0 ? ops[i] : none;
      out[live + i * k + eff] = 1;
      if (alive) {
        out[counts + ops[i]]++;
      }
    }
    out[counts + k] = fromIn[3] ? 1 : 0;
    int paths = counts + k + 1;
    for (int p = 0; p < PATHS.length; p++) {
      int base = paths + p * (1 + k);
      boolean alive = true;
      for (int edge : PATHS[p]) {
        alive &= ops[edge] != none;
      }
      if (alive) {
        out[base] = 1;
        for (int edge : PATHS[p]) {
          out[base + 1 + ops[edge]]++;
        }
      }
    }
  }
}
