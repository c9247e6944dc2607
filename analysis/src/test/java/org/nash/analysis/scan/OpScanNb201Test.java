package org.nash.analysis.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.analysis.scan.ScanResult.OccurrenceBox;
import org.nash.analysis.scan.ScanResult.Subset;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.table.Column;

/** The scan on the real NAS-Bench-201 data (200-epoch test accuracy, seed mean). */
class OpScanNb201Test {
  static Benchmark b;
  static ScanResult r;

  @BeforeAll
  static void scan() {
    b = Benchmarks.load("nb201", TestData.catalog());
    r = OpScan.compute(b, ScanOptions.defaults(b));
  }

  @Test
  void defaultsAreTheStudysThreeDatasetsWithCifar10AsReference() {
    assertEquals(java.util.List.of("cifar10", "cifar100", "ImageNet16-120"), r.datasetNames());
    assertEquals("cifar10", r.options().reference());
    assertEquals("cifar100/test-acc@200", r.datasets().get(1).column());
  }

  @Test
  void thirtyOnePoolsOfSizeKToTheSix() {
    assertEquals(31, r.pools().size());
    for (ScanResult.Pool p : r.pools()) {
      assertEquals((int) Math.pow(p.ops().size(), 6), p.size(), p.label());
    }
    assertEquals(15_625, r.pool("full").size());
    assertEquals(64, r.pool("skip+c3x3").size());
  }

  @Test
  void fullPoolBestIsTheTableOptimum() {
    Map<String, Object[]> expected = Map.of("cifar10", new Object[] {94.37, 6111}, "cifar100",
        new Object[] {73.51, 9930}, "ImageNet16-120", new Object[] {47.31, 857});
    for (var e : expected.entrySet()) {
      Subset s = r.subset("full", e.getKey());
      Column c = b.table().column(b.objective(e.getKey()).reportedKey());
      assertEquals(e.getValue()[1], s.bestIndex(), e.getKey());
      assertEquals(c.get(c.argmax()), s.best(), 0.0, e.getKey());
      assertEquals((double) e.getValue()[0], s.best(), 0.005, e.getKey());
      assertEquals(0.0, s.bestMinusGlobal());
      assertEquals(1.0, s.top1pctShare());
      assertEquals(15_625, s.n());
    }
  }

  @Test
  void skipAndConv3x3ReachTheCifar100Optimum() {
    Subset s = r.subset("skip+c3x3", "cifar100");
    assertEquals(9930, s.bestIndex());
    assertEquals(73.51, s.best(), 0.005);
    assertEquals(0.0, s.bestMinusGlobal());
    // The CIFAR-10 and ImageNet16-120 optima need conv1x1 as well.
    assertTrue(r.subset("skip+c3x3", "cifar10").bestMinusGlobal() < 0);
    assertEquals(0.0, r.subset("skip+c1x1+c3x3", "ImageNet16-120").bestMinusGlobal());
  }

  @Test
  void theSpaceIsNegativelySkewedOnEveryDataset() {
    for (String ds : r.datasetNames()) {
      Subset s = r.subset("full", ds);
      assertTrue(s.g1() < 0, ds + " g1 " + s.g1());
      assertTrue(s.adjustedG1() < s.g1(), "G1 is further from 0 than g1 for n > 2: " + ds);
      assertTrue(s.mean() < s.median(), ds);
    }
  }

  @Test
  void datasetsAgreeButNotPerfectly() {
    double c10c100 = r.correlation("full", "cifar10", "cifar100").kendallTauB();
    double c10in = r.correlation("full", "cifar10", "ImageNet16-120").kendallTauB();
    assertTrue(c10c100 > 0.8 && c10c100 < 1, "tau-b cifar10/cifar100 " + c10c100);
    assertTrue(c10in > 0.7 && c10in < c10c100, "tau-b cifar10/ImageNet16-120 " + c10in);
    assertEquals(15_625, r.correlation("full", "cifar100", "ImageNet16-120").n());
  }

  @Test
  void occurrenceGroupsPartitionTheSpace() {
    for (String op : r.ops()) {
      int total = r.occurrence().stream().filter(o -> o.dataset().equals("cifar10") && o.op().equals(op))
          .mapToInt(OccurrenceBox::n).sum();
      assertEquals(15_625, total, op);
    }
    OccurrenceBox sixConv = r.occurrence().stream().filter(o -> o.dataset().equals("cifar10")
        && o.op().equals("c3x3") && o.count() == 6).findFirst().orElseThrow();
    assertEquals(1, sixConv.n());
    assertEquals(r.subset("c3x3", "cifar10").best(), sixConv.median());
  }

  @Test
  void topRanksOfTheCifar10Optimum() {
    ScanResult.TopRank first = r.topRanks().stream().filter(t -> t.dataset().equals("cifar10")
        && t.referenceRank() == 1).findFirst().orElseThrow();
    assertEquals(6111, first.index());
    assertEquals(1, first.rank());
    assertEquals(50 * 3, r.topRanks().size());
  }
}
