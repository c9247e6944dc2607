package org.nash.nb101;

/**
 * Exact canonical form of a pruned cell (a full DAG: input the only source, output the only sink):
 * the smallest encoding over all topological vertex orders. Two cells get the same key exactly when
 * they are isomorphic (with input, output and op labels preserved), which is what nasbench's hash
 * identifies; the key is far cheaper than the MD5 hash, so enumeration and look-ups use it.
 *
 * <p>Key layout: {@code V << 40 | adjacency << 10 | labels}, adjacency bit {@code x + y(y-1)/2}
 * for edge x->y (nasbench's {@code gen_is_edge_fn} order), labels 2 bits per interior vertex,
 * vertex 1 most significant. Vertex count and adjacency dominate, so the minimum is found in two
 * steps: orders minimizing the adjacency first, then the labels among those.
 */
final class Canon {
  private Canon() {}

  static int bit(int x, int y) {
    return x + y * (y - 1) / 2;
  }

  /**
   * All topological orders of vertices 1..n-2 (input first and output last are implied); each
   * order as {@code perm[newPosition] = oldVertex}. At most 120 for n = 7.
   */
  static int[][] topoOrders(int n, int[] succ) {
    int[] pred = new int[n];
    for (int v = 0; v < n; v++) {
      for (int m = succ[v]; m != 0; m &= m - 1) {
        pred[Integer.numberOfTrailingZeros(m)] |= 1 << v;
      }
    }
    java.util.List<int[]> out = new java.util.ArrayList<>();
    int[] perm = new int[n];
    perm[0] = 0;
    perm[n - 1] = n - 1;
    extend(n, pred, perm, 1, 1, out);
    return out.toArray(new int[0][]);
  }

  private static void extend(int n, int[] pred, int[] perm, int pos, int placed, java.util.List<int[]> out) {
    if (pos == n - 1) {
      out.add(perm.clone());
      return;
    }
    for (int v = 1; v < n - 1; v++) {
      if ((placed >>> v & 1) == 0 && (pred[v] & ~placed) == 0) {
        perm[pos] = v;
        extend(n, pred, perm, pos + 1, placed | 1 << v, out);
      }
    }
  }

  static int adjacencyCode(int n, int[] succ, int[] perm) {
    int[] inv = new int[n];
    for (int i = 0; i < n; i++) {
      inv[perm[i]] = i;
    }
    int code = 0;
    for (int v = 0; v < n; v++) {
      for (int m = succ[v]; m != 0; m &= m - 1) {
        int w = Integer.numberOfTrailingZeros(m);
        code |= 1 << bit(inv[v], inv[w]);
      }
    }
    return code;
  }

  /** Orders of a structure that give the minimal adjacency code; element 0 of the result holds it. */
  static final class Structure {
    final int n;
    final int minAdjacency;
    final int[][] orders;

    Structure(int n, int[] succ) {
      this.n = n;
      int[][] all = topoOrders(n, succ);
      int best = Integer.MAX_VALUE;
      int count = 0;
      int[][] keep = new int[all.length][];
      for (int[] p : all) {
        int c = adjacencyCode(n, succ, p);
        if (c < best) {
          best = c;
          count = 0;
        }
        if (c == best) {
          keep[count++] = p;
        }
      }
      this.minAdjacency = best;
      this.orders = java.util.Arrays.copyOf(keep, count);
    }

    /** Canonical key for interior labels {@code ops[v]} (0..2) of the original vertex numbering. */
    long key(int[] ops) {
      int bestLabels = Integer.MAX_VALUE;
      for (int[] p : orders) {
        int l = 0;
        for (int i = 1; i < n - 1; i++) {
          l = l << 2 | ops[p[i]];
        }
        bestLabels = Math.min(bestLabels, l);
      }
      return (long) n << 40 | (long) minAdjacency << 10 | (n > 2 ? bestLabels : 0);
    }
  }

  /** Canonical key of a pruned spec. */
  static long key(Nb101Spec pruned) {
    int[] labels = pruned.labels();
    return new Structure(pruned.vertices(), pruned.succMasks()).key(labels);
  }

  /** The spec a key describes, in its canonical vertex order. */
  static Nb101Spec decode(long key) {
    int n = (int) (key >>> 40);
    int adj = (int) (key >>> 10) & ((1 << 30) - 1);
    int labels = (int) key & 1023;
    int[] succ = new int[n];
    for (int y = 1; y < n; y++) {
      for (int x = 0; x < y; x++) {
        if ((adj >>> bit(x, y) & 1) != 0) {
          succ[x] |= 1 << y;
        }
      }
    }
    int[] ops = new int[n];
    ops[0] = -1;
    ops[n - 1] = -2;
    for (int v = n - 2; v >= 1; v--) {
      ops[v] = labels & 3;
      labels >>>= 2;
    }
    return Nb101Spec.ofMasks(n, succ, ops);
  }
}
