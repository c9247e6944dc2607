package org.nash.nb201;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.nash.space.Arch;
import org.nash.space.CellSpace;
import org.nash.space.OpPool;

/**
 * NAS-Bench-201's cell with more operations ({@code nb201x}): the same 4 nodes, 6 edges and string
 * format, each edge one of NB-201's five ops (ids 0..4, the same ids as {@link Nb201Space}) or one of
 * six more from AutoDL-Projects' operation dictionary ({@code nor_conv_5x5}, {@code sep_conv_3x3},
 * {@code sep_conv_5x5}, {@code dil_conv_3x3}, {@code dil_conv_5x5}, {@code max_pool_3x3}): 11^6 =
 * 1,771,561 cells. No benchmark fixes an order for them, so the index is the code (edge 1&lt;-0 the
 * lowest digit). Pool {@code full} is NB-201's five ops, so that configs written for nb201 mean the same;
 * {@code all} (or {@code extended}) is all eleven.
 */
public final class Nb201xSpace extends CellSpace {
  public static final List<String> OPS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3",
      "avg_pool_3x3", "nor_conv_5x5", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5",
      "max_pool_3x3");
  public static final List<String> ALIASES = List.of("none", "skip", "c1x1", "c3x3", "pool", "c5x5", "sep3x3",
      "sep5x5", "dil3x3", "dil5x5", "maxpool");
  /** NB-201's ops are the first ids: a cell whose ids are all below this is an NB-201 cell. */
  public static final int NB201_OPS = Nb201Space.OPS.size();
  public static final int SIZE = 1_771_561;
  /** The label of the pool of all eleven ops. */
  public static final String ALL = "all";

  public Nb201xSpace() {
    super("nb201x", OPS, ALIASES, 0);
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public Arch byIndex(int index) {
    return fromCode(index);
  }

  @Override
  public int indexOf(Arch a) {
    return a.code();
  }

  /** Whether every op of the cell is one of NB-201's five (the cells NB-201's table holds). */
  public boolean isNb201(Arch a) {
    return nb201Code(a.code()) >= 0;
  }

  /** The NB-201 code ({@link Nb201Space}'s mixed radix 5) of a cell of NB-201's ops, else -1. */
  public static int nb201Code(int code) {
    int out = 0;
    int pow = 1;
    for (int e = 0; e < EDGES; e++, code /= OPS.size(), pow *= NB201_OPS) {
      int op = code % OPS.size();
      if (op >= NB201_OPS) {
        return -1;
      }
      out += op * pow;
    }
    return out;
  }

  @Override
  protected OpPool namedPool(String name) {
    if (name.equalsIgnoreCase("full")) {
      BitSet five = new BitSet();
      five.set(0, NB201_OPS);
      return pool(five);
    }
    if (name.equalsIgnoreCase(ALL) || name.equalsIgnoreCase("extended")) {
      return fullPool();
    }
    return null;
  }

  @Override
  protected String poolLabel(OpPool pool) {
    if (pool.cardinality() == OPS.size()) {
      return ALL;
    }
    return pool.cardinality() == NB201_OPS && pool.ids()[NB201_OPS - 1] == NB201_OPS - 1 ? "full" : null;
  }

  @Override
  public Arch parse(String s) {
    return fromOps(CellStrings.parse(name(), OPS, s));
  }

  @Override
  public String format(Arch a) {
    return CellStrings.format(OPS, ops(a));
  }

  /** The op names of a cell that NB-201 lacks, in edge order without repeats (empty for an NB-201 cell). */
  public List<String> newOps(Arch a) {
    List<String> out = new ArrayList<>();
    for (int op : ops(a)) {
      if (op >= NB201_OPS && !out.contains(OPS.get(op))) {
        out.add(OPS.get(op));
      }
    }
    return out;
  }
}
