package org.nash.analysis.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.compare.Trials;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.results.TrialResult;
import org.nash.table.Aggregate;
import org.nash.table.Column;
import org.nash.table.ColumnInfo;
import org.nash.table.Unit;

/** Ranking stability, seeds to significance, crowding of the top and transfer, on small known cases. */
class ReliabilityTest {
  @Test
  void separatedSamplesAlwaysKeepTheirRanking() {
    List<double[]> s = List.of(new double[] {1, 2, 3, 4}, new double[] {10, 11, 12, 13}, new double[] {5, 6, 7, 8});
    assertEquals(1.0, RankingStability.probability(s, new SplittableRandom(1), 500), 0);
    assertEquals("b > c > a", RankingStability.describe(List.of("a", "b", "c"), s));
    // Identical samples: every resample ties them, as the full sample does.
    List<double[]> same = List.of(new double[] {3, 3, 3}, new double[] {3, 3, 3});
    assertEquals(1.0, RankingStability.probability(same, new SplittableRandom(1), 100), 0);
    assertEquals("a = b", RankingStability.describe(List.of("a", "b"), same));
  }

  @Test
  void smallStudies() {
    List<double[]> s = List.of(new double[] {1, 2, 3, 4}, new double[] {10, 11, 12, 13});
    assertEquals(1.0, RankingStability.subsampleProbability(s, 2, new SplittableRandom(1), 200), 0);
    // Interleaved samples: a 1-seed study gets the order of the means right only when it draws
    // a above b: 6 of the 9 pairs (a: 2, 5, 8; b: 1, 4, 7; mean a 5 > mean b 4).
    List<double[]> mixed = List.of(new double[] {2, 5, 8}, new double[] {1, 4, 7});
    double p = RankingStability.subsampleProbability(mixed, 1, new SplittableRandom(5), 20000);
    assertEquals(6 / 9.0, p, 0.015);
    // Asking for more seeds than there are uses them all: the full sample, always the same order.
    assertEquals(1.0, RankingStability.subsampleProbability(mixed, 10, new SplittableRandom(5), 50), 0);
  }

  @Test
  void overlappingSamplesSometimesSwapAndTheBootstrapIsSeeded() {
    List<double[]> s = List.of(new double[] {1, 5, 9, 2, 7}, new double[] {2, 6, 8, 3, 6});
    double p = RankingStability.probability(s, new SplittableRandom(7), 2000);
    assertTrue(p > 0.2 && p < 0.8, "p = " + p);
    assertEquals(p, RankingStability.probability(s, new SplittableRandom(7), 2000), 0);
  }

  @Test
  void seedsNeededForPerfectlySeparatedSamples() {
    // Every subsample of n seeds is separated: U = 0 of n^2. n = 3: z = (4.5 - 0.5)/sqrt(5.25),
    // p = 0.0809; n = 4: z = (8 - 0.5)/sqrt(12), p = 0.030 < 0.05 -> 4 seeds.
    double[] a = new double[20];
    double[] b = new double[20];
    for (int i = 0; i < 20; i++) {
      a[i] = 100 + i;
      b[i] = i;
    }
    assertEquals(4, SeedsToSignificance.of(a, b, 3, 50).seedsNeeded());
    SeedsToSignificance.Result r = SeedsToSignificanceTest.exhaustive(a, b, new SplittableRandom(3), 50);
    assertEquals(4, r.seedsNeeded());
    assertEquals(19, r.curve().size());
    assertEquals(0, r.curve().get(1).shareSignificant(), 0); // n = 3
    assertEquals(1, r.curve().get(2).shareSignificant(), 0); // n = 4
    assertEquals(0.08085559837005224, r.curve().get(1).medianP(), 1e-12); // scipy
  }

  @Test
  void identicalSearchersNeverBecomeSignificant() {
    double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
    SeedsToSignificance.Result r = SeedsToSignificance.of(a, a.clone(), 3, 50);
    assertEquals(-1, r.seedsNeeded());
    assertEquals(8, r.curve().get(r.curve().size() - 1).n());
  }

  @Test
  void shareNearTheOptimum() {
    double[] v = {90, 89.5, 89, 88.9, Double.NaN, 50};
    Column pct = new Column(new ColumnInfo("d/acc", "accuracy (%)", Unit.PERCENT, Aggregate.SEED_MEAN, "test"), v);
    NearOptimum.Share s = NearOptimum.of(pct);
    assertEquals(90, s.optimum());
    assertEquals(5, s.covered());
    assertEquals(3 / 5.0, s.within1pp(), 1e-15); // 90, 89.5, 89
    assertEquals(2 / 5.0, s.within1pct(), 1e-15); // >= 89.1
    Column ssim = new Column(new ColumnInfo("d/ssim", "SSIM", Unit.SSIM, Aggregate.SEED_MEAN, "test"), new double[] {0.5, 0.499});
    assertTrue(Double.isNaN(NearOptimum.of(ssim).within1pp()));
    assertEquals(1.0, NearOptimum.of(ssim).within1pct(), 0);
  }

  @Test
  void transferLooksTheArchitectureUpOnTheOtherDatasets() {
    Benchmark b = Benchmarks.load("nb201", TestData.catalog());
    Column c100 = b.table().column("cifar100/test-acc@200");
    Column in16 = b.table().column("ImageNet16-120/test-acc@200");
    // {query, seconds, reported, arch}: the CIFAR-10 optimum (6111) and one other cell.
    List<TrialResult> ts = new ArrayList<>();
    ts.add(Trials.trial("cifar10", "full", "re", 0, new double[] {1, 1, 94.37, 6111}));
    ts.add(Trials.trial("cifar10", "full", "re", 1, new double[] {1, 1, 90, 100}));
    ts.add(Trials.trial("cifar100", "full", "re", 0, new double[] {1, 1, 70, 9930}));
    List<Transfer.Row> rows = Transfer.of(new Groups(ts), b, "cifar10", List.of("cifar100", "ImageNet16-120"));
    assertEquals(2, rows.size());
    Transfer.Row r100 = rows.get(0);
    assertEquals("cifar100", r100.target());
    double opt100 = c100.get(c100.argmax());
    assertEquals(((opt100 - c100.get(6111)) + (opt100 - c100.get(100))) / 2, r100.transferRegret().mean(), 1e-12);
    assertEquals(Trials.OPTIMUM - 70, r100.directRegret().mean(), 1e-12);
    assertEquals(1, r100.directRegret().n());
    Transfer.Row rIn = rows.get(1);
    assertEquals(in16.get(in16.argmax()) - (in16.get(6111) + in16.get(100)) / 2, rIn.transferRegret().mean(), 1e-9);
    assertEquals(0, rIn.directRegret().n());
    assertTrue(Double.isNaN(rIn.p()));
  }

  @Test
  void reliabilityRecognisesReAndRsByNameAndIsDeterministic() {
    Benchmark b = Benchmarks.load("nb201", TestData.catalog());
    List<TrialResult> ts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ts.add(Trials.finalValue("cifar10", "full", "random", i, 90 + (i % 7) * 0.1));
      ts.add(Trials.finalValue("cifar10", "full", "rea", i, 90.4 + (i % 5) * 0.1));
    }
    Map<String, String> names = Map.of("random", "rs", "rea", "re");
    Reliability.Result r = Reliability.of(new Groups(ts), b, names);
    Reliability.Row row = r.rows().get(0);
    assertEquals("cifar10", row.dataset());
    assertEquals("rea > random", row.ranking());
    assertTrue(row.pairP() < 1e-6, "p = " + row.pairP());
    assertTrue(row.pairDelta() > 0.5);
    assertTrue(row.seedsToP05() >= 3 && row.seedsToP05() <= 10, "seeds " + row.seedsToP05());
    assertEquals(30, row.maxSeeds());
    Column c10 = b.table().column("cifar10/test-acc@200");
    assertEquals(c10.get(6111), row.near().optimum(), 0);
    assertEquals(row, Reliability.of(new Groups(ts), b, names).rows().get(0));
    assertEquals("cifar10", r.transferSource());
    assertEquals(4, r.transfer().size()); // 2 searchers x 2 target datasets
  }
}
