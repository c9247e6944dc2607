package org.nash.surrogate.encoding;

import org.nash.space.Arch;
import org.nash.tnb.TnbMacroSpace;

/**
 * TNB macro layouts: per stage position (6) the block code 0..4 (0 = no block) as a number and
 * one-hot, then the layout's length, channel doublings and downsamples. The counts are what
 * decides the network's final width and resolution, which trees would otherwise have to
 * reassemble from the positions.
 */
public final class MacroBlocks implements Encoding {
  private static final int POSITIONS = 6;
  private static final int CODES = 5;
  private final TnbMacroSpace space;

  public MacroBlocks(TnbMacroSpace space) {
    this.space = space;
  }

  @Override
  public String name() {
    return "blocks";
  }

  @Override
  public int dim() {
    return POSITIONS + POSITIONS * CODES + 3;
  }

  @Override
  public void encode(Arch arch, float[] out, int offset) {
    int[] b = space.blocks(arch);
    int widen = 0;
    int down = 0;
    for (int p = 0; p < POSITIONS; p++) {
      int code = p < b.length ? b[p] : 0;
      out[offset + p] = code;
      out[offset + POSITIONS + p * CODES + code] = 1;
      widen += (code == 2 || code == 4) ? 1 : 0;
      down += (code == 3 || code == 4) ? 1 : 0;
    }
    int tail = offset + POSITIONS + POSITIONS * CODES;
    out[tail] = b.length;
    out[tail + 1] = widen;
    out[tail + 2] = down;
  }
}
