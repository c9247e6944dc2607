package org.nash.analysis.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nash.NashException;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;

/**
 * {@link PairReliability} on all seeds ("pooled") and on each of B disjoint seed blocks: the seeds
 * of a dataset (reference pool), sorted, cut into B runs of consecutive seeds of equal count (the
 * first blocks take one more when it does not divide). A finding that holds in one block only is
 * a property of those seeds; the claims' verdicts use the blocks (report.Claims).
 */
public final class BlockReliability {
  public static final String POOLED = "pooled";
  /** Ranking agreement of a k-seed study per dataset and seed block, with its interval. */
  public static final TableSpec AGREEMENT = TableSpec.of(ReliabilityReport.DIR + "/blocks", "block", "seeds_range",
      "dataset", "pool", "searchers", "seeds", "k", "separated_pairs", "tied_pairs", "agreement_k", "agreement_lo",
      "agreement_hi");
  /** Every searcher pair per dataset and seed block: separated or tied, order probability, seeds needed. */
  public static final TableSpec PAIRS = TableSpec.of(ReliabilityReport.DIR + "/block-pairs", "block", "seeds_range",
      "dataset", "pool", "a", "b", "p", "p_holm", "cliffs_delta", "status", "better", "p_same_order_k",
      "p_same_order_lo", "p_same_order_hi", "seeds_needed", "seeds_needed_lo", "seeds_needed_hi");

  private BlockReliability() {}

  /** The pooled rows first, then block 1..B (blocks = 1: pooled only). */
  public static List<PairReliability.Dataset> of(Groups g, Map<String, String> searcherNames, int blocks) {
    if (blocks < 1) {
      throw new NashException("--blocks must be at least 1, got " + blocks);
    }
    List<PairReliability.Dataset> out = new ArrayList<>();
    for (String ds : g.datasets()) {
      String pool = g.referencePool(ds);
      List<String> ss = g.searchers(ds, pool);
      TreeSet<Integer> all = new TreeSet<>();
      for (String s : ss) {
        Arrays.stream(g.group(ds, pool, s).seeds()).forEach(all::add);
      }
      Integer[] seeds = all.toArray(Integer[]::new);
      out.add(dataset(g, ds, pool, ss, POOLED, range(seeds, 0, seeds.length), Integer.MIN_VALUE, Integer.MAX_VALUE));
      if (blocks == 1) {
        continue;
      }
      if (seeds.length < 2 * blocks) {
        throw new NashException(ds + ": " + seeds.length + " seeds cannot be cut into " + blocks
            + " blocks of at least 2 seeds");
      }
      int from = 0;
      for (int b = 0; b < blocks; b++) {
        int size = seeds.length / blocks + (b < seeds.length % blocks ? 1 : 0);
        int to = from + size;
        out.add(dataset(g, ds, pool, ss, Integer.toString(b + 1), range(seeds, from, to), seeds[from], seeds[to - 1]));
        from = to;
      }
    }
    return out;
  }

  private static String range(Integer[] seeds, int from, int to) {
    return seeds.length == 0 ? "" : seeds[from] + "-" + seeds[to - 1];
  }

  private static PairReliability.Dataset dataset(Groups g, String ds, String pool, List<String> ss, String block,
      String seedRange, int lo, int hi) {
    List<double[]> samples = new ArrayList<>();
    for (String s : ss) {
      Groups.Group gr = g.group(ds, pool, s);
      double[] v = gr.reported();
      int[] seed = gr.seeds();
      double[] kept = new double[v.length];
      int n = 0;
      for (int i = 0; i < v.length; i++) {
        if (seed[i] >= lo && seed[i] <= hi && !Double.isNaN(v[i])) {
          kept[n++] = v[i];
        }
      }
      samples.add(Arrays.copyOf(kept, n));
    }
    // The generator depends on the dataset and the block's position, not on its seeds: another seed
    // range gets the same resampling stream, so differences between ranges are the data's.
    return PairReliability.of(block, seedRange, ds, pool, ss, samples, Reliability.SMALL_STUDY,
        Reliability.seed(ds, "blocks|" + block));
  }

  /** Writes the two tables into {@code reliability/} and returns their artifact entries. */
  public static List<Artifacts.Entry> write(List<PairReliability.Dataset> rows, java.nio.file.Path dir,
      String section) {
    Table t = AGREEMENT.table();
    Table p = PAIRS.table();
    for (PairReliability.Dataset d : rows) {
      t.add(d.block(), d.seedRange(), d.dataset(), d.pool(), String.join(" ", d.searchers()), d.seeds(), d.k(),
          d.separated(), d.tied(), d.agreement().value(), d.agreement().lo(), d.agreement().hi());
      for (PairReliability.Pair x : d.pairs()) {
        p.add(d.block(), d.seedRange(), d.dataset(), d.pool(), x.a(), x.b(), x.p(), x.pHolm(), x.delta(),
            x.separated() ? "separated" : "tie", x.better(), x.pSameOrder().value(), x.pSameOrder().lo(),
            x.pSameOrder().hi(), finite(x.seedsNeeded().value()), finite(x.seedsNeeded().lo()),
            finite(x.seedsNeeded().hi()));
      }
    }
    t.write(dir, AGREEMENT.path());
    p.write(dir, PAIRS.path());
    long blocks = rows.stream().map(PairReliability.Dataset::block).distinct().count() - 1;
    String cut = blocks < 1 ? "all seeds (block 'pooled'; nash report --blocks B adds B disjoint seed blocks)"
        : "all seeds (block 'pooled') and each of " + blocks + " disjoint blocks of consecutive seeds (seeds_range)";
    return List.of(
        new Artifacts.Entry(AGREEMENT.csv(), "table", section,
            "Ranking agreement of a " + Reliability.SMALL_STUDY + "-seed study, with 95 % intervals, per seed block",
            "Per dataset (reference pool) on " + cut + ". Every pair of searchers is tested on the block's seeds"
                + " (two-sided Mann-Whitney U, Holm over the dataset's pairs): separated when p_holm < 0.05 and"
                + " |Cliff's delta| >= " + PairReliability.NEGLIGIBLE + ", else a tie; ties are counted (tied_pairs)"
                + " but never against the dataset. agreement_k: Kendall's tau between the means of a k-seed study"
                + " (k seeds of each searcher drawn without replacement, " + PairReliability.POINT_DRAWS
                + " studies) and the block's order, over the separated pairs only ((concordant - discordant) /"
                + " separated pairs; 1 = a k-seed study always reproduces every separated order); empty when no"
                + " pair is separated. agreement_lo / _hi: 95 % percentile interval over "
                + PairReliability.BOOTSTRAP + " bootstrap replicates of the seeds (each searcher's seeds resampled"
                + " with replacement; " + PairReliability.DRAWS + " studies each). Two datasets differ in reliability"
                + " only when their intervals do not overlap. JSON twin: " + AGREEMENT.path() + ".json."),
        new Artifacts.Entry(PAIRS.csv(), "table", section,
            "Searcher pairs per seed block: separated or tied, order probability and seeds needed, with 95 % intervals",
            "Every pair of searchers per dataset and block (as in the agreement table). For a separated pair:"
                + " p_same_order_k = probability that a k-seed study orders the pair as the block does;"
                + " seeds_needed = seeds per searcher at which the expected two-sided Mann-Whitney z reaches 1.96"
                + " (the median study is significant), computed from Cliff's delta with the tie-corrected variance,"
                + " n |delta| / 2 * sqrt(12 / ((2n + 1) tie_factor)) >= 1.96 (empty = above "
                + PairReliability.MAX_SEEDS + "); each with a 95 % bootstrap interval over seeds (_lo, _hi). A tie"
                + " has no order to reproduce and no seeds needed. JSON twin: " + PAIRS.path() + ".json."));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
