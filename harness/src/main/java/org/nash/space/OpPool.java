package org.nash.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.nash.NashException;

/**
 * A non-empty subset of a space's operations. Restricting a search to a pool means sampling,
 * mutation and neighbourhoods only produce architectures whose ops are all in the pool.
 */
public final class OpPool {
  private final SearchSpace space;
  private final BitSet ops;

  OpPool(SearchSpace space, BitSet ops) {
    if (ops.isEmpty()) {
      throw new NashException("operation pool for " + space.name() + " is empty; give at least one of "
          + String.join(", ", space.opNames()));
    }
    this.space = space;
    this.ops = (BitSet) ops.clone();
  }

  /**
   * Parses a comma-separated pool of official op names or short aliases (for example
   * {@code skip,c1x1,c3x3,pool,none}); {@code all} or {@code full} is the whole space.
   */
  public static OpPool parse(SearchSpace space, String spec) {
    String s = spec == null ? "" : spec.trim();
    OpPool named = space.namedPool(s);
    if (named != null) {
      return named;
    }
    if (s.equalsIgnoreCase("all") || s.equalsIgnoreCase("full")) {
      return space.fullPool();
    }
    BitSet bits = new BitSet();
    for (String token : s.split(",")) {
      String t = token.trim();
      if (t.isEmpty()) {
        continue;
      }
      int op = space.opId(t);
      if (op < 0) {
        throw new NashException("unknown operation '" + t + "' in pool '" + spec + "' for " + space.name()
            + "; expected names or aliases from: " + space.describeOps());
      }
      bits.set(op);
    }
    return new OpPool(space, bits);
  }

  public SearchSpace space() {
    return space;
  }

  public boolean contains(int op) {
    return op >= 0 && ops.get(op);
  }

  /** Op ids in increasing order. */
  public int[] ids() {
    return ops.stream().toArray();
  }

  public int cardinality() {
    return ops.cardinality();
  }

  public boolean isFull() {
    return ops.cardinality() == space.opNames().size();
  }

  /** Short canonical label, e.g. {@code skip+c1x1+c3x3} or {@code full}. */
  public String label() {
    String own = space.poolLabel(this);
    if (own != null) {
      return own;
    }
    if (isFull()) {
      return "full";
    }
    List<String> names = new ArrayList<>();
    for (int op : ids()) {
      names.add(space.opAlias(op));
    }
    return String.join("+", names);
  }

  /** Every non-empty subset of the space's ops, smallest first then by bit pattern. */
  public static List<OpPool> allSubsets(SearchSpace space) {
    int n = space.opNames().size();
    List<OpPool> out = new ArrayList<>();
    for (int mask = 1; mask < (1 << n); mask++) {
      out.add(new OpPool(space, BitSet.valueOf(new long[] {mask})));
    }
    out.sort((a, b) -> a.cardinality() != b.cardinality()
        ? Integer.compare(a.cardinality(), b.cardinality())
        : Arrays.compare(a.ids(), b.ids()));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpPool p && p.space == space && p.ops.equals(ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return label();
  }
}
