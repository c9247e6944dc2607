package org.nash.tnb;

import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;

/**
 * TransNAS-Bench-101 macro space: 3,256 stage layouts {@code 64-XXXX-basic} of 4 to 6 residual
 * blocks, each block code 1 (keep), 2 (double channels), 3 (stride-2 downsample) or 4 (both). A
 * layout is valid when it doubles channels 1 to 3 times and downsamples 1 to 4 times. The official
 * index order (0..3255) comes from the benchmark's arch list.
 *
 * <p>Local moves (nash's own move set): change one block's code, insert a block anywhere (length
 * below 6), or delete one (length above 4), keeping the layout valid. NASLib's macro mutation
 * instead re-permutes the whole layout, which is not a local move.
 */
public final class TnbMacroSpace extends SearchSpace {
  public static final List<String> OPS = List.of("keep", "widen", "down", "down_widen");
  public static final List<String> ALIASES = List.of("1", "2", "3", "4");
  public static final int SIZE = 3_256;
  private static final int RANGE = 15_625; // 5^6: digits 1..4 in base 5, 0 = no block
  private static final String PREFIX = "64-";
  private static final String SUFFIX = "-basic";

  private final int[] codeByIndex;
  private final int[] indexByCode;

  /** @param officialOrder macro arch strings in official TNB index order (0..3255) */
  public TnbMacroSpace(List<String> officialOrder) {
    super("tnb-macro", OPS, ALIASES);
    if (officialOrder.size() != SIZE) {
      throw new NashException("TNB macro order has " + officialOrder.size() + " layouts, expected " + SIZE);
    }
    codeByIndex = new int[SIZE];
    indexByCode = new int[RANGE];
    java.util.Arrays.fill(indexByCode, -1);
    for (int i = 0; i < SIZE; i++) {
      int code = parseCode(officialOrder.get(i));
      if (indexByCode[code] >= 0) {
        throw new NashException("TNB macro order lists " + officialOrder.get(i) + " twice");
      }
      codeByIndex[i] = code;
      indexByCode[code] = i;
    }
  }

  /** Valid layouts: 4..6 blocks, 1..3 channel doublings (codes 2, 4), 1..4 downsamples (codes 3, 4). */
  public static boolean isValidLayout(int[] blocks) {
    if (blocks.length < 4 || blocks.length > 6) {
      return false;
    }
    int widen = 0;
    int down = 0;
    for (int b : blocks) {
      if (b < 1 || b > 4) {
        return false;
      }
      widen += (b == 2 || b == 4) ? 1 : 0;
      down += (b == 3 || b == 4) ? 1 : 0;
    }
    return widen >= 1 && widen <= 3 && down >= 1 && down <= 4;
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public int codeRange() {
    return RANGE;
  }

  @Override
  public Arch byIndex(int index) {
    return arch(codeByIndex[index]);
  }

  @Override
  public int indexOf(Arch a) {
    return indexByCode[a.code()];
  }

  /** Block codes 1..4 in stage order. */
  public int[] blocks(Arch a) {
    int n = 0;
    for (int c = a.code(); c > 0; c /= 5) {
      n++;
    }
    int[] out = new int[n];
    int c = a.code();
    for (int i = 0; i < n; i++) {
      out[i] = c % 5;
      c /= 5;
    }
    return out;
  }

  /** Op ids (block code - 1) in stage order; length 4 to 6. */
  @Override
  public int[] ops(Arch a) {
    int[] b = blocks(a);
    for (int i = 0; i < b.length; i++) {
      b[i] -= 1;
    }
    return b;
  }

  private static int encode(int[] blocks) {
    int code = 0;
    for (int i = blocks.length - 1; i >= 0; i--) {
      code = code * 5 + blocks[i];
    }
    return code;
  }

  public Arch fromBlocks(int... blocks) {
    if (!isValidLayout(blocks)) {
      throw new NashException("invalid TNB macro layout " + java.util.Arrays.toString(blocks)
          + ": needs 4-6 blocks with codes 1-4, 1-3 channel doublings (2, 4) and 1-4 downsamples (3, 4)");
    }
    return arch(encode(blocks));
  }

  @Override
  public Arch parse(String s) {
    return arch(parseCode(s));
  }

  private int parseCode(String s) {
    if (s == null || !s.startsWith(PREFIX) || !s.endsWith(SUFFIX)
        || s.length() < PREFIX.length() + SUFFIX.length()) {
      throw badString(String.valueOf(s), "expected 64-XXXX-basic with 4 to 6 block codes 1-4");
    }
    String digits = s.substring(PREFIX.length(), s.length() - SUFFIX.length());
    if (digits.length() < 4 || digits.length() > 6) {
      throw badString(s, "layout '" + digits + "' has " + digits.length() + " blocks; expected 4 to 6");
    }
    int[] blocks = new int[digits.length()];
    for (int i = 0; i < blocks.length; i++) {
      char c = digits.charAt(i);
      if (c < '1' || c > '4') {
        throw badString(s, "block code '" + c + "' at position " + (i + 1) + " is unknown; expected 1-4");
      }
      blocks[i] = c - '0';
    }
    if (!isValidLayout(blocks)) {
      throw badString(s, "layout needs 1-3 channel doublings (codes 2, 4) and 1-4 downsamples (codes 3, 4)");
    }
    return encode(blocks);
  }

  @Override
  public String format(Arch a) {
    StringBuilder sb = new StringBuilder(PREFIX);
    for (int b : blocks(a)) {
      sb.append(b);
    }
    return sb.append(SUFFIX).toString();
  }

  @Override
  public boolean isConnected(Arch a) {
    return true;
  }

  @Override
  public boolean hasDisconnected() {
    return false;
  }

  @Override
  public List<Arch> moves(Arch a) {
    int[] b = blocks(a);
    List<Arch> out = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      for (int v = 1; v <= 4; v++) {
        if (v != b[i]) {
          int[] c = b.clone();
          c[i] = v;
          addIfValid(out, c);
        }
      }
    }
    if (b.length < 6) {
      for (int i = 0; i <= b.length; i++) {
        for (int v = 1; v <= 4; v++) {
          int[] c = new int[b.length + 1];
          System.arraycopy(b, 0, c, 0, i);
          c[i] = v;
          System.arraycopy(b, i, c, i + 1, b.length - i);
          addIfValid(out, c);
        }
      }
    }
    if (b.length > 4) {
      for (int i = 0; i < b.length; i++) {
        int[] c = new int[b.length - 1];
        System.arraycopy(b, 0, c, 0, i);
        System.arraycopy(b, i + 1, c, i, b.length - i - 1);
        addIfValid(out, c);
      }
    }
    // Insertions at neighbouring positions can give the same layout: keep each once, in order.
    return new ArrayList<>(new java.util.LinkedHashSet<>(out));
  }

  private void addIfValid(List<Arch> out, int[] blocks) {
    if (isValidLayout(blocks)) {
      out.add(arch(encode(blocks)));
    }
  }
}
