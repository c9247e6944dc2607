package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.reliability.PairReliability.Range;
import org.nash.report.Claims.Verdict;

/** Every claim rule on synthetic inputs: one where the claim holds, one where it fails, one in between. */
class ClaimRulesTest {
  private static final Verdict S = Verdict.SUPPORTED;
  private static final Verdict N = Verdict.NOT_SUPPORTED;
  private static final Verdict I = Verdict.INCONCLUSIVE;

  @TempDir
  Path dir;

  @Test
  void smallSubsetScalesWithTheSpaceAndCanFailOnFourOps() {
    // NB201 (5 ops) with a 2-op subset, TNB (4 ops) with a 2-op subset: both hold
    assertEquals(S, ClaimRules.smallSubset(new int[] {2, 2}, new int[] {5, 4}));
    // a 3-op subset of a 4-op space is 17.8 % of TNB micro: under the old 25 % bar, but more than half the ops
    assertFalse(ClaimRules.smallSubsetHolds(3, 4));
    assertEquals(N, ClaimRules.smallSubset(new int[] {3, 3}, new int[] {5, 4}));
    assertEquals(N, ClaimRules.smallSubset(new int[] {0}, new int[] {5}));
    assertEquals(I, ClaimRules.smallSubset(new int[] {2, 3}, new int[] {5, 4}));
  }

  @Test
  void skew() {
    assertEquals(S, ClaimRules.skew(new double[] {-4.8, -3.2, -1.4}));
    assertEquals(N, ClaimRules.skew(new double[] {0.3, 1.2}));
    assertEquals(I, ClaimRules.skew(new double[] {-0.3, 1.2}));
  }

  @Test
  void convolutions() {
    assertEquals(S, ClaimRules.convolutions(9, 10));
    assertEquals(N, ClaimRules.convolutions(4, 10));
    assertEquals(I, ClaimRules.convolutions(6, 10));
  }

  @Test
  void crowdedTop() {
    assertEquals(S, ClaimRules.crowdedTop(0.0372, new double[] {0.0014, 0.0019}));
    assertEquals(N, ClaimRules.crowdedTop(0.0372, new double[] {0.04, 0.0019}));
    assertEquals(I, ClaimRules.crowdedTop(0.0372, new double[] {0.03, 0.0019}));
  }

  @Test
  void combinations() {
    assertTrue(ClaimRules.combinationsHold(true, 0.05));
    assertFalse(ClaimRules.combinationsHold(true, 0.01));
    assertFalse(ClaimRules.combinationsHold(false, 0.5));
    assertEquals(S, ClaimRules.combinations(9, 10));
    assertEquals(N, ClaimRules.combinations(4, 10));
    assertEquals(I, ClaimRules.combinations(5, 10));
  }

  private static Range r(double v, double lo, double hi) {
    return new Range(v, lo, hi);
  }

  @Test
  void reliabilityInOneBlock() {
    Range c10 = r(0.80, 0.70, 0.85);
    Range above = r(0.95, 0.90, 0.99);
    Range overlapping = r(0.85, 0.80, 0.95);
    // ImageNet16-120 and every TNB task above CIFAR-10's interval
    assertEquals(S, ClaimRules.reliableBlock(c10, above, List.of(above, above, above)));
    // nothing above: overlapping intervals are not "more reliable"
    assertEquals(N, ClaimRules.reliableBlock(c10, overlapping, List.of(overlapping, r(0.5, 0.3, 0.6))));
    // ImageNet16-120 above, the TNB tasks not
    assertEquals(I, ClaimRules.reliableBlock(c10, above, List.of(overlapping, overlapping)));
    // CIFAR-10 separates no pair: nothing to compare with
    assertEquals(I, ClaimRules.reliableBlock(Range.NONE, above, List.of(above)));
  }

  @Test
  void aVerdictNeedsFourOfFiveBlocks() {
    assertEquals(S, ClaimRules.acrossBlocks(List.of(S, S, S, S, I)));
    assertEquals(N, ClaimRules.acrossBlocks(List.of(N, N, N, S, N)));
    assertEquals(I, ClaimRules.acrossBlocks(List.of(S, S, S, N, N)));
    assertEquals(I, ClaimRules.acrossBlocks(List.of(S, S, S, I, I)));
  }

  /** Claim 4b end to end on synthetic reliability tables: supported, not supported, inconclusive over blocks. */
  @Test
  void reliabilityClaimOnSyntheticBlockTables() throws Exception {
    assertEquals(S, claim4b("0.99,0.97,1.0", "0.99,0.97,1.0", 5));
    assertEquals(N, claim4b("0.80,0.60,0.90", "0.80,0.60,0.90", 5));
    // better in 3 blocks of 5: inconclusive
    assertEquals(I, claim4b("0.99,0.97,1.0", "0.80,0.60,0.90", 3));
  }

  /** cifar10 at 0.7 [0.6, 0.8] in every block; ImageNet16-120 and one TNB task at {@code good} in the first {@code nGood} blocks. */
  private Verdict claim4b(String good, String bad, int nGood) throws Exception {
    Path root = Files.createTempDirectory(dir, "r");
    String head = "block,seeds_range,dataset,pool,searchers,seeds,k,separated_pairs,tied_pairs,agreement_k,agreement_lo,"
        + "agreement_hi\n";
    StringBuilder nb = new StringBuilder(head);
    StringBuilder tnb = new StringBuilder(head);
    for (int b = 1; b <= 5; b++) {
      String x = b <= nGood ? good : bad;
      nb.append(b).append(",0-1,cifar10,full,rs re ls,200,10,3,0,0.7,0.6,0.8\n");
      nb.append(b).append(",0-1,ImageNet16-120,full,rs re ls,200,10,3,0,").append(x).append('\n');
      tnb.append(b).append(",0-1,jigsaw,full,rs re ls,200,10,2,1,").append(x).append('\n');
    }
    nb.append("pooled,0-1,cifar10,full,rs re ls,1000,10,3,0,0.7,0.6,0.8\n");
    Files.createDirectories(root.resolve("nb201/reliability"));
    Files.createDirectories(root.resolve("tnb-micro/reliability"));
    Files.writeString(root.resolve("nb201/reliability/blocks.csv"), nb);
    Files.writeString(root.resolve("tnb-micro/reliability/blocks.csv"), tnb);
    List<String> blocks = Claims.blocks(root);
    assertEquals(List.of("1", "2", "3", "4", "5"), blocks);
    Claims.Claim c = ReliabilityClaim.of(root, blocks);
    assertEquals(5, c.blocks().size());
    return c.verdict();
  }
}
