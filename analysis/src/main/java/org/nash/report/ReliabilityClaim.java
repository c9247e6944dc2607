package org.nash.report;

import static org.nash.report.Findings.link;
import static org.nash.report.HtmlPage.esc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.reliability.BlockReliability;
import org.nash.analysis.reliability.PairReliability.Range;
import org.nash.report.Claims.Claim;
import org.nash.report.Claims.Verdict;

/**
 * Claim 4b of Lopes et al. (2023), "ImageNet16-120 and TNB are more reliable than CIFAR-10 for
 * comparing NAS methods", judged on the search experiments' seed blocks
 * ({@code reliability/blocks.csv}, {@code block-pairs.csv}): per block the rule of
 * {@link ClaimRules#reliableBlock}, then {@link ClaimRules#acrossBlocks}; with a per-block table of
 * the numbers behind it.
 */
final class ReliabilityClaim {
  static final String ID = "reliable-search";
  static final String STATEMENT = "ImageNet16-120 and TNB are more reliable than CIFAR-10 for comparing NAS methods.";
  private static final String NB = "nb201/" + BlockReliability.AGREEMENT.csv();
  private static final String NB_PAIRS = "nb201/" + BlockReliability.PAIRS.csv();
  private static final String TNB = "tnb-micro/" + BlockReliability.AGREEMENT.csv();

  private ReliabilityClaim() {}

  static Claim of(Path root, List<String> blocks) {
    Csv nb = Csv.read(root, "nb201/", BlockReliability.AGREEMENT);
    Csv tnb = Csv.read(root, "tnb-micro/", BlockReliability.AGREEMENT);
    Csv pairs = Csv.read(root, "nb201/", BlockReliability.PAIRS);
    if (nb == null || nb.where("dataset", "cifar10").isEmpty()) {
      return new Claim(ID, STATEMENT, Verdict.INCONCLUSIVE, "No NB201 search experiment with cifar10.",
          ClaimRules.RELIABLE, List.of(), true);
    }
    List<String> all = new ArrayList<>(blocks);
    all.add(BlockReliability.POOLED);
    List<Verdict> perBlock = new ArrayList<>();
    Verdict pooled = Verdict.INCONCLUSIVE;
    StringBuilder t = new StringBuilder("<div class=\"tbl\"><table class=\"findings\">\n<thead><tr><th>block"
        + " (seeds)</th><th>cifar10 agreement</th><th>ImageNet16-120 agreement</th><th>seeds for the first"
        + " separated pair, cifar10 / ImageNet16-120</th><th>tied pairs cifar10 / ImageNet16-120</th><th>TNB tasks"
        + " more / same / less reliable</th><th>verdict</th></tr></thead>\n<tbody>\n");
    for (String b : all) {
      Map<String, String> c10 = row(nb, b, "cifar10");
      Map<String, String> in16 = row(nb, b, "ImageNet16-120");
      List<Range> others = new ArrayList<>();
      int[] cmp = new int[3];
      if (tnb != null) {
        for (Map<String, String> r : tnb.where("block", b)) {
          Range x = range(r);
          others.add(x);
          ClaimRules.Compared c = ClaimRules.compare(x, range(c10));
          cmp[c == ClaimRules.Compared.MORE ? 0 : c == ClaimRules.Compared.LESS ? 2 : 1]++;
        }
      }
      Verdict v = ClaimRules.reliableBlock(range(c10), in16 == null ? null : range(in16), others);
      if (b.equals(BlockReliability.POOLED)) {
        pooled = v;
      } else {
        perBlock.add(v);
      }
      t.append("<tr><td>").append(esc(b)).append(c10 == null ? "" : " (" + esc(c10.get("seeds_range")) + ")")
          .append("</td><td>").append(fmt(range(c10))).append("</td><td>").append(fmt(range(in16)))
          .append("</td><td>").append(seeds(pairs, b, "cifar10")).append(" / ").append(seeds(pairs, b, "ImageNet16-120"))
          .append("</td><td>").append(c10 == null ? "" : c10.get("tied_pairs")).append(" / ")
          .append(in16 == null ? "" : in16.get("tied_pairs")).append("</td><td>")
          .append(tnb == null ? "n/a" : cmp[0] + " / " + cmp[1] + " / " + cmp[2]).append("</td><td>")
          .append(v.text).append("</td></tr>\n");
    }
    t.append("</tbody></table></div>\n");
    Verdict overall = blocks.isEmpty() ? pooled : ClaimRules.acrossBlocks(perBlock);
    String why = "10-seed ranking agreement (Kendall's tau over the pairs of searchers the block's seeds separate, 95 %"
        + " bootstrap interval) per seed block, full pool"
        + (blocks.isEmpty() ? " (one block: all seeds; nash report --blocks B splits them)" : "")
        + "; seeds: seeds per searcher for the first separated pair (order rs, re, ls) to reach median p < 0.05,"
        + " with its interval. Pooled: " + pooled.text + ". — " + link(NB, "NB201 agreement per block")
        + (tnb == null ? "" : ", " + link(TNB, "TNB agreement per block")) + ", " + link(NB_PAIRS, "pairs per block")
        + ".\n" + t;
    return new Claim(ID, STATEMENT, overall, why, ClaimRules.RELIABLE, perBlock, true);
  }

  private static Map<String, String> row(Csv t, String block, String dataset) {
    return t.rows.stream().filter(r -> block.equals(r.get("block")) && dataset.equals(r.get("dataset"))).findFirst()
        .orElse(null);
  }

  static Range range(Map<String, String> r) {
    if (r == null) {
      return null;
    }
    return new Range(Csv.num(r, "agreement_k"), Csv.num(r, "agreement_lo"), Csv.num(r, "agreement_hi"));
  }

  private static String fmt(Range r) {
    if (r == null) {
      return "n/a";
    }
    if (Double.isNaN(r.value())) {
      return "no separated pair";
    }
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.value(), r.lo(), r.hi());
  }

  /** Seeds needed for the first separated pair of a dataset in a block, with its interval. */
  private static String seeds(Csv pairs, String block, String dataset) {
    if (pairs == null) {
      return "n/a";
    }
    for (Map<String, String> r : pairs.rows) {
      if (block.equals(r.get("block")) && dataset.equals(r.get("dataset")) && "separated".equals(r.get("status"))) {
        return esc(r.get("a") + " vs " + r.get("b")) + " " + num(r.get("seeds_needed")) + " [" + num(r.get("seeds_needed_lo"))
            + ", " + num(r.get("seeds_needed_hi")) + "]";
      }
    }
    return "none separated";
  }

  private static String num(String v) {
    if (v == null || v.isEmpty()) {
      return "∞";
    }
    return Findings.fmtInt(Double.parseDouble(v));
  }
}
