package org.nash.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;

class Nb101SpaceTest {
  static Nb101Space space;

  @BeforeAll
  static void enumerate() {
    space = Nb101Space.get();
    // Time and peak heap of a fresh enumeration (the singleton may already exist in this JVM).
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long before = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        before += p.getUsage().getUsed();
      }
    }
    long t0 = System.nanoTime();
    Nb101Space.Enumeration e = Nb101Space.enumerate();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    assertEquals(423_624, e.count);
    assertEquals(1_293_208, e.labelled);
    System.out.printf("nb101 enumeration: %d cells from %d labelled full DAGs in %d ms, peak heap growth <= %d MB"
        + " (first build incl. sorting: %d ms)%n", e.count, e.labelled, ms, (peak - before) >> 20, space.stats().millis());
  }

  @Test
  void enumerationGivesTheOfficialCount() {
    assertEquals(423_624, space.size());
    assertEquals(423_624, space.stats().uniqueCells());
  }

  @Test
  void representativeIsTheStoredOfficialForm() {
    // nasbench.query on the README's Inception-like spec returns this module_adjacency and these
    // module_operations (printed output in gary9987/tensorflow-get-started gcn/NAS_BENCH_101.md):
    // the data rows store the first isomorph in generation order, which is our representative.
    Arch a = space.fromSpec(Nb101Spec.of(Nb101HashTest.INCEPTION, 1, 0, 0, 0, 2));
    assertEquals("28cfc7874f6d200472e1a9dcd8650aa0", space.hash(a));
    Nb101Spec rep = space.spec(a);
    int[][] stored = {
        {0, 1, 1, 1, 1, 0, 0},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 1, 0},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 0}};
    assertTrue(java.util.Arrays.deepEquals(stored, rep.matrix()));
    assertEquals(List.of("input", "conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3", "conv3x3-bn-relu",
        "conv3x3-bn-relu", "output"), rep.opNames());
  }

  @Test
  void specsRoundTripAndIsomorphsShareTheCode() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) {
      Arch a = space.byIndex(rng.nextInt(space.size()));
      Nb101Spec s = space.spec(a);
      assertTrue(s.isValid());
      assertEquals(s, s.pruned());
      assertEquals(a, space.parse(s.toString()));
      // A random relabelling of the interior vertices that keeps the matrix upper triangular
      // is found by shuffling within a topological order: same cell.
      int[][] orders = Canon.topoOrders(s.vertices(), s.succMasks());
      int[] perm = orders[rng.nextInt(orders.length)];
      int n = s.vertices();
      int[] inv = new int[n];
      for (int k = 0; k < n; k++) {
        inv[perm[k]] = k;
      }
      int[][] m = new int[n][n];
      int[] ops = new int[n - 2];
      for (int v = 0; v < n; v++) {
        for (int w = 0; w < n; w++) {
          if (s.hasEdge(v, w)) {
            m[inv[v]][inv[w]] = 1;
          }
        }
        if (v > 0 && v < n - 1) {
          ops[inv[v] - 1] = s.op(v);
        }
      }
      Nb101Spec t = Nb101Spec.of(m, ops);
      assertEquals(a, space.fromSpec(t));
      if (i < 200) {
        assertEquals(s.hash(), t.hash());
        assertEquals(space.hash(a), t.hash());
      }
    }
  }

  @Test
  void parseErrorsAreClear() {
    NashException e = assertThrows(NashException.class, () -> space.parse("010000000:input,c3x3,output"));
    assertTrue(e.getMessage().contains("no path from input to output"), e.getMessage());
    assertThrows(NashException.class, () -> space.parse("hello"));
  }

  @Test
  void poolCountsAndDomain() {
    OpPool all = space.fullPool();
    assertEquals(423_624, count(all));
    // Single op pools: every cell whose interior ops are all the same op, plus the 1 op-free cell.
    OpPool c3 = space.pool("c3x3");
    int n3 = count(c3);
    assertEquals(n3, count(space.pool("c1x1")));
    assertEquals(n3, count(space.pool("pool")));
    OpPool two = space.pool("c3x3,c1x1");
    assertTrue(count(two) > 2 * n3);
    System.out.printf("nb101 pool sizes: one op %d, two ops %d, all %d%n", n3, count(two), 423_624);
    SearchDomain d = space.domain(c3, false);
    assertEquals(n3, d.size());
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 50; i++) {
      Arch a = d.sample(rng);
      for (Arch n : d.neighbours(a)) {
        for (int op : n.ops()) {
          assertEquals(0, op);
        }
      }
    }
  }

  @Test
  void neighbourhoodFollowsNaslib() {
    Arch a = space.fromHash("28cfc7874f6d200472e1a9dcd8650aa0");
    List<Arch> nb = space.moves(a);
    Set<Arch> distinct = new HashSet<>(nb);
    assertEquals(nb.size(), distinct.size());
    assertFalse(distinct.contains(a));
    // 5 used interior vertices x 2 other ops, all distinct cells here (ops or positions differ).
    int opMoves = 0;
    int edges = space.spec(a).edges();
    for (Arch n : nb) {
      Nb101Spec s = space.spec(n);
      if (s.vertices() == 7 && s.edges() == edges) {
        opMoves++;
      }
      assertTrue(s.vertices() <= 7 && s.edges() <= 9);
    }
    assertTrue(opMoves <= 10 && opMoves >= 8, "op moves " + opMoves);
    // The 2-vertex cell: removing its only edge disconnects it, adding edges to padding never
    // uses a vertex, so NASLib gives it no neighbour.
    Arch tiny = space.fromSpec(Nb101Spec.of(new int[][] {{0, 1}, {0, 0}}));
    assertTrue(space.moves(tiny).isEmpty());
    // Symmetry on a sample: moves are edits of one edge or op.
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      Arch x = space.byIndex(rng.nextInt(space.size()));
      for (Arch y : space.moves(x)) {
        assertNotEquals(x, y);
      }
    }
  }

  /** Cells whose ops all lie in the pool, by enumerating every code. */
  private int count(OpPool pool) {
    int k = 0;
    for (int c = 0; c < space.size(); c++) {
      if (space.inPool(space.byIndex(c), pool)) {
        k++;
      }
    }
    return k;
  }
}
