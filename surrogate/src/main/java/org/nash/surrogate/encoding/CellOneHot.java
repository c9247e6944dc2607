package org.nash.surrogate.encoding;

import org.nash.space.Arch;
import org.nash.space.CellSpace;

/** One-hot op per edge (NB201, TNB micro): {@code edges x ops} features, one set per edge. */
public final class CellOneHot implements Encoding {
  private final int ops;

  public CellOneHot(CellSpace space) {
    this.ops = space.opNames().size();
  }

  @Override
  public String name() {
    return "onehot";
  }

  @Override
  public int dim() {
    return CellSpace.EDGES * ops;
  }

  @Override
  public void encode(Arch arch, float[] out, int offset) {
    int[] o = arch.ops();
    for (int e = 0; e < o.length; e++) {
      out[offset + e * ops + o[e]] = 1;
    }
  }
}
