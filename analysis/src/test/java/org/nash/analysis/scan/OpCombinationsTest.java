package org.nash.analysis.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Op combinations on a synthetic 4-op cell space (all 4^6 cells) with and without an interaction. */
class OpCombinationsTest {
  private static final List<String> OPS = List.of("none", "skip", "c1x1", "c3x3");

  private static int[][] cells() {
    int[][] out = new int[4096][6];
    for (int r = 0; r < 4096; r++) {
      int x = r;
      for (int e = 5; e >= 0; e--) {
        out[r][e] = x % 4;
        x /= 4;
      }
    }
    return out;
  }

  @Test
  void onlyEdgesThatShareANodeCombine() {
    assertEquals(12, OpCombinations.PAIRS.length);
    // 1<-0 with 3<-2, 2<-0 with 3<-1, 2<-1 with 3<-0 share no node
    for (int[] p : OpCombinations.PAIRS) {
      assertTrue(!Arrays.equals(p, new int[] {0, 5}) && !Arrays.equals(p, new int[] {1, 4})
          && !Arrays.equals(p, new int[] {2, 3}));
    }
    // skip on 1<-0 and c3x3 on 2<-1 meet at node 1; on 1<-0 and 3<-2 they do not
    assertTrue(OpCombinations.holds(new int[] {1, 0, 3, 0, 0, 0}, new int[] {1, 3}));
    assertTrue(!OpCombinations.holds(new int[] {1, 0, 0, 0, 0, 3}, new int[] {1, 3}));
  }

  @Test
  void anInteractionIsFoundAndAnAdditiveSpaceHasNone() {
    int[][] ops = cells();
    double[] additive = new double[ops.length];
    double[] interacting = new double[ops.length];
    for (int r = 0; r < ops.length; r++) {
      int[] o = ops[r];
      double base = Arrays.stream(o).filter(x -> x == 3).count() + 0.001 * (r % 7);
      additive[r] = base;
      // a bonus per pair of node-sharing edges that carry skip and c3x3 (wherever they are)
      interacting[r] = base + 0.5 * adjacent(o, 1, 3);
    }
    OpCombinations.Interaction none = OpCombinations.interaction("a", ops, additive, 4, 1);
    OpCombinations.Interaction some = OpCombinations.interaction("b", ops, interacting, 4, 1);
    assertTrue(Math.abs(none.added()) < 0.005, "additive: " + none);
    assertTrue(some.added() > 0.05, "interacting: " + some);
    List<OpCombinations.Enrichment> en = OpCombinations.enrichment("b", ops, interacting, OPS);
    OpCombinations.Enrichment sc = en.stream().filter(e -> e.top() == 0.01 && e.ops().equals("skip+c3x3"))
        .findFirst().orElseThrow();
    assertTrue(sc.enrichment() > 1.5 && sc.pHolm() < 0.05, sc.toString());
    assertEquals(41, sc.topN());
    // the cells holding a combination, counted independently from the node sets of the edges
    long byHand = Arrays.stream(ops).filter(o -> adjacent(o, 1, 3) > 0).count();
    assertEquals(byHand, sc.cells());
    OpCombinations.Enrichment nn = en.stream().filter(e -> e.top() == 0.01 && e.ops().equals("none+none"))
        .findFirst().orElseThrow();
    assertEquals(Arrays.stream(ops).filter(o -> adjacent(o, 0, 0) > 0).count(), nn.cells());
  }

  /** Pairs of edges sharing a node (edge e joins SRC[e] -> DST[e]) that carry ops a and b. */
  private static int adjacent(int[] o, int a, int b) {
    int[] src = {0, 0, 1, 0, 1, 2};
    int[] dst = {1, 2, 2, 3, 3, 3};
    int n = 0;
    for (int e = 0; e < 6; e++) {
      for (int f = e + 1; f < 6; f++) {
        boolean share = src[e] == src[f] || src[e] == dst[f] || dst[e] == src[f] || dst[e] == dst[f];
        if (share && (o[e] == a && o[f] == b || o[e] == b && o[f] == a)) {
          n++;
        }
      }
    }
    return n;
  }
}
