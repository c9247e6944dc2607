package org.nash.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.NashException;

class Nb101HashTest {
  static final int C3 = 0;
  static final int C1 = 1;
  static final int MP = 2;

  /** The Inception-like cell of nasbench's README and api.py docstring. */
  static final int[][] INCEPTION = {
      {0, 1, 1, 1, 0, 1, 0},
      {0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 1, 0, 0},
      {0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 0, 0, 0}};

  @Test
  void inceptionCellHasPublishedHash() {
    // Published as the graph hash of this spec in google-research/unified_functional_hashing
    // (nasbench/python/evaluator_test.py and testdata/computed_stats.py).
    Nb101Spec s = Nb101Spec.of(INCEPTION, C1, C3, C3, C3, MP);
    assertEquals("28cfc7874f6d200472e1a9dcd8650aa0", s.hash());
  }

  @Test
  void inputToOutputCellHasPublishedHash() {
    // Published as the canonical hash of the 2-vertex cell in a public NB101 dataset test
    // (sci_modeling_bench design_bench cell_dag_nas tests); also nasbench's graph_util run locally.
    Nb101Spec s = Nb101Spec.of(new int[][] {{0, 1}, {0, 0}});
    assertEquals("043721b9c7fe8c5fad811d47d83132ec", s.hash());
  }

  @Test
  void isomorphicCellsShareTheHash() {
    // The stored (canonical) form of the Inception cell, as printed by nasbench.query:
    // vertices renumbered, same graph.
    int[][] stored = {
        {0, 1, 1, 1, 1, 0, 0},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 1, 0},
        {0, 0, 0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0, 0, 0}};
    assertEquals("28cfc7874f6d200472e1a9dcd8650aa0", Nb101Spec.of(stored, C3, C1, MP, C3, C3).hash());
    // Diamond with its two branches swapped.
    int[][] diamond = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    assertEquals(Nb101Spec.of(diamond, C1, MP).hash(), Nb101Spec.of(diamond, MP, C1).hash());
  }

  @Test
  void nonIsomorphicCellsDiffer() {
    int[][] chain = {{0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    assertNotEquals(Nb101Spec.of(chain, C1, MP).hash(), Nb101Spec.of(chain, MP, C1).hash());
    // nasbench graph_util_test "breaks if you don't use directed edges".
    int[][] m = {{0, 1, 0, 1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    assertNotEquals(Nb101Spec.of(m, C1, C3).hash(), Nb101Spec.of(m, C3, C1).hash());
  }

  @Test
  void pruningRemovesDanglingVertices() {
    // Vertex 2 has no path to the output, vertex 3 none from the input: both pruned.
    int[][] m = {
        {0, 1, 1, 0, 0},
        {0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0},
        {0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0}};
    Nb101Spec s = Nb101Spec.of(m, C1, MP, C3);
    Nb101Spec p = s.pruned();
    assertEquals(3, p.vertices());
    assertEquals(List.of("input", "conv1x1-bn-relu", "output"), p.opNames());
    assertEquals(Nb101Spec.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, C1).hash(), s.hash());
    assertNull(s.invalidReason());
  }

  @Test
  void validityFollowsNasbench() {
    int[][] none = {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}};
    assertEquals("no path from input to output", Nb101Spec.of(none, C3).invalidReason());
    assertThrows(NashException.class, () -> Nb101Spec.of(none, C3).hash());
    int[][] dense = new int[7][7];
    for (int i = 0; i < 7; i++) {
      for (int j = i + 1; j < 7; j++) {
        dense[i][j] = 1;
      }
    }
    assertTrue(Nb101Spec.of(dense, C3, C3, C3, C3, C3).invalidReason().startsWith("too many edges after pruning: 21"));
    assertThrows(NashException.class, () -> Nb101Spec.of(new int[][] {{0, 1}, {1, 0}}));
  }

  @Test
  void specStringRoundTrips() {
    Nb101Spec s = Nb101Spec.of(INCEPTION, C1, C3, C3, C3, MP);
    assertEquals(s, Nb101Spec.parse(s.toString()));
    assertEquals(s, Nb101Spec.parse(s.toString().replace("conv1x1-bn-relu", "c1x1")));
    NashException e = assertThrows(NashException.class, () -> Nb101Spec.parse("0100:input,output,x"));
    assertTrue(e.getMessage().contains("2-vertex matrix needs 2 ops"), e.getMessage());
  }
}
