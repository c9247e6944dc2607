package org.nash.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A 4-node cell with 6 edges (node1&lt;-0 | node2&lt;-0,1 | node3&lt;-0,1,2), each edge one op: the
 * NAS-Bench-201 space and the TransNAS-Bench-101 micro space. The code is the mixed-radix number
 * sum(op[e] * k^e) over the edges in official string order; the official index order is given by
 * the benchmark's data (NB201) or by the benchmark's enumeration (TNB micro).
 */
public abstract class CellSpace extends SearchSpace {
  public static final int EDGES = 6;
  /** Source node of each edge, in official string order. */
  static final int[] SRC = {0, 0, 1, 0, 1, 2};
  /** Target node of each edge, in official string order. */
  static final int[] DST = {1, 2, 2, 3, 3, 3};

  private final int k;
  private final int noneOp;
  private final int[] pow = new int[EDGES + 1];

  protected CellSpace(String name, List<String> opNames, List<String> aliases, int noneOp) {
    super(name, opNames, aliases);
    this.k = opNames.size();
    this.noneOp = noneOp;
    pow[0] = 1;
    for (int e = 1; e <= EDGES; e++) {
      pow[e] = pow[e - 1] * k;
    }
  }

  @Override
  public final int codeRange() {
    return pow[EDGES];
  }

  public final Arch fromOps(int... ops) {
    if (ops.length != EDGES) {
      throw new IllegalArgumentException("a cell has " + EDGES + " edges, got " + ops.length);
    }
    int code = 0;
    for (int e = 0; e < EDGES; e++) {
      if (ops[e] < 0 || ops[e] >= k) {
        throw new IllegalArgumentException("op id " + ops[e] + " out of range on edge " + e);
      }
      code += ops[e] * pow[e];
    }
    return arch(code);
  }

  public final Arch fromCode(int code) {
    if (code < 0 || code >= pow[EDGES]) {
      throw new IllegalArgumentException("code " + code + " out of range for " + name());
    }
    return arch(code);
  }

  public final int op(Arch a, int edge) {
    return (a.code() / pow[edge]) % k;
  }

  @Override
  public final int[] ops(Arch a) {
    int[] out = new int[EDGES];
    int c = a.code();
    for (int e = 0; e < EDGES; e++) {
      out[e] = c % k;
      c /= k;
    }
    return out;
  }

  /** As {@link SearchSpace#inPool}, by arithmetic on the code: planning a study checks every cell of every pool. */
  @Override
  public final boolean inPool(Arch a, OpPool pool) {
    int c = a.code();
    for (int e = 0; e < EDGES; e++) {
      if (!pool.contains(c % k)) {
        return false;
      }
      c /= k;
    }
    return true;
  }

  @Override
  public final boolean hasDisconnected() {
    return noneOp >= 0;
  }

  @Override
  public final boolean isConnected(Arch a) {
    if (noneOp < 0) {
      return true;
    }
    int reach = 1; // bit n: node n is reachable from the input
    int c = a.code();
    for (int e = 0; e < EDGES; e++, c /= k) {
      if ((reach >> SRC[e] & 1) != 0 && c % k != noneOp) {
        reach |= 1 << DST[e];
      }
    }
    return (reach & 8) != 0;
  }

  @Override
  public final List<Arch> moves(Arch a) {
    List<Arch> out = new ArrayList<>(EDGES * (k - 1));
    int code = a.code();
    for (int e = 0; e < EDGES; e++) {
      int cur = (code / pow[e]) % k;
      for (int op = 0; op < k; op++) {
        if (op != cur) {
          out.add(arch(code + (op - cur) * pow[e]));
        }
      }
    }
    return out;
  }

  /** The code with {@code edge}'s op changed from {@code cur} to {@code op}. */
  final int withOp(int code, int edge, int cur, int op) {
    return code + (op - cur) * pow[edge];
  }

  /**
   * How many one-edge moves of {@code code} land in {@code member}; with {@link #nthMove} a mutation
   * draws a neighbour without building the list (the same neighbour {@link #moves} order gives).
   */
  final int countMoves(int code, BitSet member) {
    int n = 0;
    for (int e = 0; e < EDGES; e++) {
      int p = pow[e];
      int base = code - ((code / p) % k) * p;
      for (int op = 0, c = base; op < k; op++, c += p) {
        if (c != code && member.get(c)) {
          n++;
        }
      }
    }
    return n;
  }

  /** The {@code n}-th (from 0) move of {@code code} in {@code member}, in {@link #moves} order; -1 if none. */
  final int nthMove(int code, int n, BitSet member) {
    for (int e = 0; e < EDGES; e++) {
      int p = pow[e];
      int base = code - ((code / p) % k) * p;
      for (int op = 0, c = base; op < k; op++, c += p) {
        if (c != code && member.get(c) && n-- == 0) {
          return c;
        }
      }
    }
    return -1;
  }

  /**
   * The official indices of the cells whose every op lies in {@code pool}, ascending: the pool's
   * |pool|^6 codes enumerated, instead of testing every cell of the space (planning a study of all 31
   * NB-201 pools builds a domain per dataset x pool: 44,000 cells per dataset instead of 484,000).
   */
  final int[] poolIndices(OpPool pool) {
    // the same for every dataset's domain of a pool: made once per pool
    return poolIndices.computeIfAbsent(pool, this::enumeratePool).clone();
  }

  private final java.util.Map<OpPool, int[]> poolIndices = new java.util.concurrent.ConcurrentHashMap<>();

  private int[] enumeratePool(OpPool pool) {
    int[] ids = pool.ids();
    int n = 1;
    for (int e = 0; e < EDGES; e++) {
      n *= ids.length;
    }
    int size = size();
    int[] byCode = indexTable();
    BitSet found = new BitSet(size); // ascending indices without a sort
    int[] digit = new int[EDGES];
    int code = 0;
    for (int e = 0; e < EDGES; e++) {
      code += ids[0] * pow[e];
    }
    // The codes in the same order as before, each from the last by a carry (the digits' loop ran
    // six times per code); a table instead of a virtual indexOf per code. This loop runs 44,000 times
    // in a study of all NB-201 pools and was the largest compilation of a shard's start-up (issue 26).
    int last = ids.length - 1;
    for (int j = 0; j < n; j++) {
      int index = byCode != null ? byCode[code] : indexOf(arch(code));
      if (index >= 0 && index < size) {
        found.set(index);
      }
      for (int e = 0; e < EDGES; e++) {
        int d = digit[e];
        if (d < last) {
          digit[e] = d + 1;
          code += (ids[d + 1] - ids[d]) * pow[e];
          break;
        }
        digit[e] = 0;
        code -= (ids[last] - ids[0]) * pow[e];
      }
    }
    int[] out = new int[found.cardinality()];
    for (int i = found.nextSetBit(0), m = 0; i >= 0; i = found.nextSetBit(i + 1)) {
      out[m++] = i;
    }
    return out;
  }

  /** Every code's official index (or -1), for spaces of up to 65,536 codes (NB-201, TNB micro); else null. */
  private int[] indexTable() {
    int[] t = indexTable;
    if (t == null && codeRange() <= 1 << 16) {
      t = new int[codeRange()];
      for (int c = 0; c < t.length; c++) {
        t[c] = indexOf(arch(c));
      }
      indexTable = t; // a racing thread may make its own: the same values
    }
    return t;
  }

  private volatile int[] indexTable;

  /** Splits {@code [0, codeRange)} into official indices; built by subclasses from their data. */
  protected static int[] invert(int[] codeByIndex, int codeRange) {
    int[] indexByCode = new int[codeRange];
    Arrays.fill(indexByCode, -1);
    for (int i = 0; i < codeByIndex.length; i++) {
      indexByCode[codeByIndex[i]] = i;
    }
    return indexByCode;
  }
}
