package org.nash.report;

import java.util.List;
import org.nash.analysis.reliability.PairReliability.Range;
import org.nash.report.Claims.Verdict;

/**
 * The rules that turn numbers into verdicts, one per claim, as pure functions so that each can be
 * shown to fail on a synthetic input (ClaimRulesTest). nash chose every threshold here; the study
 * states its claims without such rules. The page quotes each rule beside its verdict ({@link #TEXT}).
 */
final class ClaimRules {
  /** Share of blocks a verdict must hold in (4 of 5). */
  static final double BLOCK_SHARE = 0.8;
  /** Claim 5: least enrichment of a significant combination in the top 1 %. */
  static final double MIN_ENRICHMENT = 1.5;
  /** Claim 5: least held-out R^2 the pair terms must add beyond op counts. */
  static final double MIN_ADDED_R2 = 0.02;
  /** Claim 4a: how many times the next dataset's share CIFAR-10's share of near-optimal cells must be. */
  static final double CROWDED_FACTOR = 2;

  private ClaimRules() {}

  static final String BLOCKS = "A verdict is \"supported\" or \"not supported\" only when it holds in at least"
      + " 80 % of the disjoint seed blocks (4 of 5), else \"inconclusive\"; claims on the benchmark tables"
      + " alone do not depend on seeds and get the same verdict in every block.";

  /**
   * Claim 1, per benchmark: {@code smallestOps} = ops of the smallest subset (fewest cells) holding
   * cells of every dataset's global top 1 % (0: none), {@code spaceOps} = ops of the space. It holds
   * when that subset has at most half of the ops, so it can fail on a 4-op space (TNB) as on a 5-op
   * one. Supported when it holds on every benchmark, not supported on none, else inconclusive.
   */
  static Verdict smallSubset(int[] smallestOps, int[] spaceOps) {
    int holds = 0;
    for (int i = 0; i < smallestOps.length; i++) {
      holds += smallSubsetHolds(smallestOps[i], spaceOps[i]) ? 1 : 0;
    }
    return share(holds, smallestOps.length, 1.0, 0.0);
  }

  static boolean smallSubsetHolds(int smallestOps, int spaceOps) {
    return smallestOps >= 1 && smallestOps <= spaceOps / 2;
  }

  static final String SMALL_SUBSET = "Rule (nash's): on each benchmark, the smallest op subset holding at least one"
      + " cell of every dataset's global top 1 % must use at most half of the space's ops (2 of 5 on NB201, 2 of 4"
      + " on TNB micro); supported when that holds on every benchmark, not supported when on none, else"
      + " inconclusive.";

  /** Claim 2: every dataset's g1 negative: supported; none: not supported; else inconclusive. */
  static Verdict skew(double[] g1) {
    int neg = 0;
    for (double g : g1) {
      neg += g < 0 ? 1 : 0;
    }
    return share(neg, g1.length, 1.0, 0.0);
  }

  static final String SKEW = "Rule (nash's): supported when the full space's skewness g1 is negative on every"
      + " dataset, not supported when on none, else inconclusive.";

  /** Claim 3: the costliest op to remove is a convolution on >= 80 % of datasets: supported; < 50 %: not. */
  static Verdict convolutions(int conv, int total) {
    if (total == 0) {
      return Verdict.INCONCLUSIVE;
    }
    return conv >= 0.8 * total ? Verdict.SUPPORTED : conv < 0.5 * total ? Verdict.NOT_SUPPORTED
        : Verdict.INCONCLUSIVE;
  }

  static final String CONVOLUTIONS = "Rule (nash's): supported when the op whose removal costs the most is a"
      + " convolution on at least 80 % of the datasets, not supported below half, else inconclusive.";

  /**
   * Claim 4a: CIFAR-10's share of cells within 1 pp of the optimum against the other datasets':
   * supported when at least {@value #CROWDED_FACTOR} times every other, not supported when another
   * is at least as crowded, else inconclusive.
   */
  static Verdict crowdedTop(double cifar10, double[] others) {
    if (others.length == 0 || Double.isNaN(cifar10)) {
      return Verdict.INCONCLUSIVE;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double o : others) {
      max = Math.max(max, o);
    }
    return max >= cifar10 ? Verdict.NOT_SUPPORTED : cifar10 >= CROWDED_FACTOR * max ? Verdict.SUPPORTED
        : Verdict.INCONCLUSIVE;
  }

  static final String CROWDED = "Rule (nash's): supported when CIFAR-10's share of cells within 1 pp of the optimum is"
      + " at least twice that of every other NB201 dataset, not supported when another dataset's share is at least"
      + " as large, else inconclusive.";

  /** How a dataset's agreement interval sits against CIFAR-10's. */
  enum Compared {
    MORE, SAME, LESS, UNKNOWN
  }

  static Compared compare(Range x, Range cifar10) {
    if (x == null || cifar10 == null || Double.isNaN(x.value()) || Double.isNaN(cifar10.value())) {
      return Compared.UNKNOWN;
    }
    return x.lo() > cifar10.hi() ? Compared.MORE : x.hi() < cifar10.lo() ? Compared.LESS : Compared.SAME;
  }

  /**
   * Claim 4b in one seed block: each other dataset (ImageNet16-120, each TNB task) is more reliable
   * than CIFAR-10 when its {@code k}-seed agreement interval lies wholly above CIFAR-10's. Supported
   * when ImageNet16-120 (if run) is more reliable and so are at least two thirds of the others; not
   * supported when ImageNet16-120 is not and at most a third are; else inconclusive (also when
   * CIFAR-10 has no separated pair to measure).
   */
  static Verdict reliableBlock(Range cifar10, Range imagenet, List<Range> tnb) {
    if (cifar10 == null || Double.isNaN(cifar10.value())) {
      return Verdict.INCONCLUSIVE;
    }
    int m = 0;
    int more = 0;
    boolean inMore = false;
    if (imagenet != null) {
      m++;
      inMore = compare(imagenet, cifar10) == Compared.MORE;
      more += inMore ? 1 : 0;
    }
    for (Range r : tnb) {
      m++;
      more += compare(r, cifar10) == Compared.MORE ? 1 : 0;
    }
    if (m == 0) {
      return Verdict.INCONCLUSIVE;
    }
    boolean inOk = imagenet == null || inMore;
    if (inOk && more >= 2.0 * m / 3) {
      return Verdict.SUPPORTED;
    }
    if (!(imagenet != null && inMore) && more <= m / 3.0) {
      return Verdict.NOT_SUPPORTED;
    }
    return Verdict.INCONCLUSIVE;
  }

  static final String RELIABLE = "Rule (nash's), per seed block: a dataset is more reliable than CIFAR-10 when the"
      + " 95 % interval of its 10-seed ranking agreement (over the pairs of searchers its seeds separate; ties"
      + " do not count) lies wholly above CIFAR-10's. Supported when ImageNet16-120 and at least two thirds of"
      + " ImageNet16-120 and the TNB tasks are more reliable; not supported when ImageNet16-120 is not and at most"
      + " a third are; else inconclusive.";

  /**
   * Claim 5, per dataset: some op pair or triple on edges sharing a node is significantly enriched in
   * the top 1 % (p_Holm &lt; 0.05, enrichment &gt;= {@value #MIN_ENRICHMENT}) AND the pair terms add at
   * least {@value #MIN_ADDED_R2} held-out R^2 beyond op counts. Supported on &gt;= 80 % of datasets,
   * not supported below half, else inconclusive.
   */
  static boolean combinationsHold(boolean enriched, double addedR2) {
    return enriched && addedR2 >= MIN_ADDED_R2;
  }

  static Verdict combinations(int holds, int total) {
    if (total == 0) {
      return Verdict.INCONCLUSIVE;
    }
    return holds >= 0.8 * total ? Verdict.SUPPORTED : holds < 0.5 * total ? Verdict.NOT_SUPPORTED
        : Verdict.INCONCLUSIVE;
  }

  static final String COMBINATIONS = "Rule (nash's): on a dataset the claim holds when some op pair or triple on edges"
      + " that share a node is over-represented in the top 1 % (hypergeometric p, Holm over all pairs and triples,"
      + " p_Holm < 0.05, enrichment >= 1.5) and the pair terms explain at least 2 % more of the held-out variance"
      + " than op counts alone (so the combination matters beyond its ops' separate effects); supported when it"
      + " holds on at least 80 % of the datasets, not supported below half, else inconclusive.";

  /** Verdict over blocks: one verdict in at least 80 % of them, else inconclusive. */
  static Verdict acrossBlocks(List<Verdict> blocks) {
    if (blocks.isEmpty()) {
      return Verdict.INCONCLUSIVE;
    }
    long s = blocks.stream().filter(v -> v == Verdict.SUPPORTED).count();
    long n = blocks.stream().filter(v -> v == Verdict.NOT_SUPPORTED).count();
    double need = BLOCK_SHARE * blocks.size();
    return s >= need ? Verdict.SUPPORTED : n >= need ? Verdict.NOT_SUPPORTED : Verdict.INCONCLUSIVE;
  }

  /** all of m: supported; at most {@code noneShare} of m: not supported; else inconclusive. */
  private static Verdict share(int holds, int m, double all, double noneShare) {
    if (m == 0) {
      return Verdict.INCONCLUSIVE;
    }
    return holds >= all * m ? Verdict.SUPPORTED : holds <= noneShare * m ? Verdict.NOT_SUPPORTED
        : Verdict.INCONCLUSIVE;
  }
}
