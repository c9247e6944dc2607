package org.nash.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmarks;
import org.nash.nb201.Nb201Space;
import org.nash.tnb.TnbMacroSpace;
import org.nash.tnb.TnbMicroSpace;
import org.nash.tnb.TnbTables;

class SpacesTest {
  static Nb201Space nb201() {
    return (Nb201Space) Benchmarks.load("nb201", TestData.catalog()).space();
  }

  @Test
  void everyNb201StringRoundTrips() {
    Nb201Space s = nb201();
    Set<Integer> codes = new HashSet<>();
    for (int i = 0; i < Nb201Space.SIZE; i++) {
      Arch a = s.byIndex(i);
      assertEquals(i, s.indexOf(s.parse(a.toString())));
      assertEquals(a, s.parse(a.toString()));
      codes.add(a.code());
    }
    assertEquals(Nb201Space.SIZE, codes.size());
  }

  @Test
  void nb201PoolSizesArePowersOfSix() {
    Nb201Space s = nb201();
    for (OpPool p : OpPool.allSubsets(s)) {
      int k = p.cardinality();
      assertEquals((int) Math.pow(k, 6), s.domain(p, true).size(), p.label());
    }
    assertEquals(31, OpPool.allSubsets(s).size());
  }

  @Test
  void tnbSizes() {
    assertEquals(4096, TnbTables.loadMicro(TestData.catalog()).space().size());
    SearchSpace macro = TnbTables.loadMacro(TestData.catalog()).space();
    assertEquals(3256, macro.size());
    assertEquals(3256, macro.domain(macro.fullPool(), true).size());
  }

  @Test
  void neighboursDifferInOnePositionAndStayInPool() {
    Nb201Space s = nb201();
    SearchDomain d = s.domain(s.pool("skip,c1x1,c3x3"), true);
    for (Arch a : d.enumerate()) {
      List<Arch> nb = d.neighbours(a);
      assertEquals(6 * 2, nb.size());
      for (Arch n : nb) {
        assertTrue(d.contains(n));
        int diff = 0;
        int[] x = a.ops();
        int[] y = n.ops();
        for (int e = 0; e < 6; e++) {
          diff += x[e] != y[e] ? 1 : 0;
        }
        assertEquals(1, diff);
      }
    }
    assertEquals(24, s.domain(s.fullPool(), true).neighbours(s.byIndex(0)).size());
  }

  @Test
  void macroMovesAreValidLocalChanges() {
    TnbMacroSpace s = (TnbMacroSpace) TnbTables.loadMacro(TestData.catalog()).space();
    SearchDomain d = s.domain(s.fullPool(), true);
    for (Arch a : d.enumerate()) {
      for (Arch n : d.neighbours(a)) {
        assertTrue(TnbMacroSpace.isValidLayout(s.blocks(n)));
        assertTrue(Math.abs(s.blocks(n).length - s.blocks(a).length) <= 1);
        assertFalse(n.equals(a));
      }
      assertFalse(d.neighbours(a).isEmpty());
    }
  }

  @Test
  void samplingIsUniformOnASmallPool() {
    Nb201Space s = nb201();
    SearchDomain d = s.domain(s.pool("skip,c3x3"), true);
    assertEquals(64, d.size());
    long[] counts = new long[d.size()];
    java.util.Map<Arch, Integer> pos = new java.util.HashMap<>();
    for (int i = 0; i < d.size(); i++) {
      pos.put(d.get(i), i);
    }
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < 64_000; i++) {
      counts[pos.get(d.sample(rng))]++;
    }
    double[] expected = new double[64];
    java.util.Arrays.fill(expected, 1000);
    double p = new ChiSquareTest().chiSquareTest(expected, counts);
    assertTrue(p > 0.001, "chi-square p = " + p);
  }

  @Test
  void disconnectedCellsCanBeExcluded() {
    Nb201Space s = nb201();
    SearchDomain all = s.domain(s.fullPool(), true);
    SearchDomain connected = s.domain(s.fullPool(), false);
    assertTrue(connected.size() < all.size());
    Arch dead = s.parse("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|");
    assertFalse(s.isConnected(dead));
    assertTrue(all.contains(dead));
    assertFalse(connected.contains(dead));
    for (Arch a : connected.enumerate()) {
      for (Arch n : connected.neighbours(a)) {
        assertTrue(s.isConnected(n));
      }
    }
    NashException e = assertThrows(NashException.class, () -> s.domain(s.pool("none"), false));
    assertTrue(e.getMessage().contains("no architecture"), e.getMessage());
  }

  @Test
  void badArchStringsNameTheToken() {
    Nb201Space s = nb201();
    NashException e = assertThrows(NashException.class,
        () -> s.parse("|nor_conv_3x3~0|+|conv_5x5~0|none~1|+|none~0|none~1|none~2|"));
    assertTrue(e.getMessage().contains("conv_5x5"), e.getMessage());
    e = assertThrows(NashException.class, () -> s.parse("|nor_conv_3x3~0|+|none~0|none~1|"));
    assertTrue(e.getMessage().contains("3 node groups"), e.getMessage());
    e = assertThrows(NashException.class,
        () -> s.parse("|nor_conv_3x3~0|+|none~0|none~2|+|none~0|none~1|none~2|"));
    assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
    TnbMicroSpace m = new TnbMicroSpace();
    e = assertThrows(NashException.class, () -> m.parse("64-41414-0_04_000"));
    assertTrue(e.getMessage().contains("'4'"), e.getMessage());
    e = assertThrows(NashException.class, () -> m.parse("64-41414-0_0_000"));
    assertTrue(e.getMessage().contains("shape"), e.getMessage());
    e = assertThrows(NashException.class, () -> OpPool.parse(s, "skip,conv7"));
    assertTrue(e.getMessage().contains("conv7"), e.getMessage());
    e = assertThrows(NashException.class, () -> OpPool.parse(s, " , "));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void microIndexMatchesOfficialOrder() {
    TnbMicroSpace m = new TnbMicroSpace();
    assertEquals("64-41414-0_00_000", m.byIndex(0).toString());
    assertEquals("64-41414-0_00_001", m.byIndex(1).toString());
    assertEquals("64-41414-3_33_333", m.byIndex(4095).toString());
    for (int i = 0; i < 4096; i++) {
      assertEquals(i, m.indexOf(m.parse(m.byIndex(i).toString())));
    }
  }
}
