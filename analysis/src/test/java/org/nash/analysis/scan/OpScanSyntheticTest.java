package org.nash.analysis.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.analysis.scan.ScanResult.EdgePair;
import org.nash.analysis.scan.ScanResult.OccurrenceBox;
import org.nash.analysis.scan.ScanResult.TopRank;
import org.nash.analysis.scan.ScanResult.TopSet;
import org.nash.benchmark.Benchmark;

/** The scan on a benchmark whose metrics are counts of ops, so every number can be worked out by hand. */
class OpScanSyntheticTest {
  static Benchmark b;
  static ScanResult r;

  @BeforeAll
  static void scan() {
    b = Synthetic.benchmark();
    r = OpScan.compute(b, ScanOptions.resolve(b, List.of("a", "b", "c"), false, null));
  }

  private static long binom(int n, int k) {
    long c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
    }
    return c;
  }

  @Test
  void fifteenPoolsOfSizeKToTheSix() {
    assertEquals(15, r.pools().size());
    for (ScanResult.Pool p : r.pools()) {
      assertEquals((int) Math.pow(p.ops().size(), 6), p.size(), p.label());
    }
    assertEquals("full", r.pools().get(14).label());
    assertEquals(4096, r.universeSize());
  }

  @Test
  void topOnePercentIncludesEveryTieAtTheCut() {
    // k = ceil(40.96) = 41. Cells with 6, 5, 4 conv3x3 edges: 1 + 18 + 135; the 41st value is 4, so all 154.
    TopSet t = r.topSet("a", "top1pct");
    assertEquals(41, t.k());
    assertEquals(4.0, t.threshold());
    assertEquals(154, t.size());
    // {skip, c3x3}: cells with >= 4 conv3x3 edges and skip elsewhere: 1 + 6 + 15.
    ScanResult.Subset s = r.subset("skip+c3x3", "a");
    assertEquals(22, s.top1pctCount());
    assertEquals(22.0 / 154, s.top1pctShare(), 1e-15);
    assertEquals(1.0 / 154, r.subset("c3x3", "a").top1pctShare(), 1e-15);
    // Top 50: the 50th value is 4 as well.
    assertEquals(154, r.topSet("a", "top50").size());
  }

  @Test
  void subsetStatisticsByHand() {
    ScanResult.Subset s = r.subset("skip+c3x3", "a");
    // 64 cells; conv3x3 count ~ Binomial(6, 1/2): mean 3, median 3, symmetric, best 6 at the all-conv3x3 cell.
    assertEquals(64, s.n());
    assertEquals(6.0, s.best());
    assertEquals(b.space().indexOf(((org.nash.space.CellSpace) b.space()).fromOps(3, 3, 3, 3, 3, 3)), s.bestIndex());
    assertEquals(3.0, s.mean(), 1e-12);
    assertEquals(3.0, s.median(), 1e-12);
    assertEquals(0.0, s.g1(), 1e-12);
    assertEquals(0.0, s.bestMinusGlobal());
    assertEquals(-6.0, r.subset("none+c1x1", "a").bestMinusGlobal());
    assertTrue(Double.isNaN(r.subset("none", "a").g1()), "one value has no skewness");
  }

  @Test
  void datasetsThatAreMirrorImagesHaveTauMinusOne() {
    assertEquals(-1.0, r.correlation("full", "a", "b").kendallTauB(), 1e-12);
    assertEquals(-1.0, r.correlation("full", "b", "a").spearman(), 1e-12);
    assertTrue(Double.isNaN(r.correlation("skip", "a", "b").kendallTauB()), "one architecture");
    assertEquals(3, r.correlations().size() / r.pools().size());
  }

  @Test
  void occurrenceBoxesCountBinomially() {
    for (OccurrenceBox box : r.occurrence()) {
      assertEquals(binom(6, box.count()) * (long) Math.pow(3, 6 - box.count()), box.n(), box.toString());
      if (box.dataset().equals("a") && box.op().equals("c3x3")) {
        assertEquals(box.count(), box.median(), 1e-12);
        assertEquals(box.count(), box.whiskerHigh(), 1e-12);
      }
    }
  }

  @Test
  void bestPairOnConsecutiveEdgesIsConv3x3Twice() {
    List<EdgePair> best = r.edgePairs().stream().filter(p -> p.dataset().equals("a") && p.bestByMean()).toList();
    assertEquals(5, best.size());
    for (EdgePair p : best) {
      assertEquals("c3x3", p.opA());
      assertEquals("c3x3", p.opB());
      assertEquals(256, p.n());
      assertEquals(2 + 4 * 0.25, p.mean(), 1e-12);
    }
    EdgePair skips = r.edgePairs().stream().filter(p -> p.dataset().equals("c") && p.bestByMax()).findFirst()
        .orElseThrow();
    assertEquals(List.of("skip", "skip", 6.0), List.of(skips.opA(), skips.opB(), skips.max()));
    // On "b" = -a every pair without conv3x3 reaches the max 0: the tie goes to the first pair in op order.
    List<EdgePair> b0 = r.edgePairs().stream().filter(p -> p.dataset().equals("b") && p.positionA() == 0).toList();
    assertEquals(9, b0.stream().filter(p -> p.max() == 0.0).count());
    EdgePair firstMax = b0.stream().filter(EdgePair::bestByMax).findFirst().orElseThrow();
    assertEquals(List.of("none", "none"), List.of(firstMax.opA(), firstMax.opB()));
    assertEquals(1, b0.stream().filter(EdgePair::bestByMax).count());
    assertEquals(List.of("1<-0", "2<-0", "2<-1", "3<-0", "3<-1", "3<-2"), r.positions());
  }

  @Test
  void topFiftyOfTheReferenceAndTheirRanks() {
    assertEquals("a", r.options().reference());
    List<TopRank> onA = r.topRanks().stream().filter(t -> t.dataset().equals("a")).toList();
    assertEquals(50, onA.size());
    assertEquals(1, onA.get(0).rank());
    assertEquals(6.0, onA.get(0).value());
    // Ranks 2..19 hold the 18 cells with five conv3x3 (all rank 2), then those with four (rank 20).
    assertEquals(2, onA.get(1).rank());
    assertEquals(20, onA.get(49).rank());
    // Ties on the reference are broken by lower official index.
    assertTrue(onA.get(1).index() < onA.get(2).index());
    // On "b" (= -a) the best of "a" is the worst: 4096 - 0 cells strictly better -> rank 4096.
    TopRank worst = r.topRanks().stream().filter(t -> t.dataset().equals("b") && t.referenceRank() == 1)
        .findFirst().orElseThrow();
    assertEquals(4096, worst.rank());
  }

  @Test
  void connectedOnlyDropsCellsWithoutAPath() {
    ScanResult c = OpScan.compute(b, ScanOptions.resolve(b, List.of("a"), true, null));
    assertEquals(0, c.pool("none").size());
    assertEquals(0, c.subset("none", "a").n());
    assertTrue(Double.isNaN(c.subset("none", "a").best()));
    assertEquals(-1, c.subset("none", "a").bestIndex());
    assertTrue(c.pool("full").size() < 4096);
    assertEquals("scan-synthetic-connected", c.filePrefix());
    assertFalse(c.subsets().isEmpty());
  }

  @Test
  void badOptionsNameTheField() {
    NashException e = assertThrows(NashException.class, () -> ScanOptions.resolve(b, List.of("a", "zz"), false, null));
    assertTrue(e.getMessage().contains("unknown dataset or task 'zz'"), e.getMessage());
    e = assertThrows(NashException.class, () -> ScanOptions.resolve(b, List.of("a", "a"), false, null));
    assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    e = assertThrows(NashException.class, () -> ScanOptions.resolve(b, List.of("a"), false, "c"));
    assertTrue(e.getMessage().contains("--reference"), e.getMessage());
  }
}
