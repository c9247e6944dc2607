package org.nash.report;

import static org.nash.report.Findings.fmt;
import static org.nash.report.Findings.link;
import static org.nash.report.HtmlPage.esc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nash.analysis.compare.ComparisonReport;
import org.nash.analysis.reliability.BlockReliability;
import org.nash.analysis.reliability.ReliabilityReport;
import org.nash.analysis.scan.OpCombinations;

/**
 * A study's claims with a verdict computed from the report's tables. Each study nash reproduces
 * (docs/REPRODUCING.md) has its checks here; a verdict is {@code supported}, {@code not supported}
 * or {@code inconclusive} (the evidence is mixed or missing), with the numbers it rests on and
 * links to the tables and figures holding them.
 */
final class Claims {
  enum Verdict {
    SUPPORTED("supported"), NOT_SUPPORTED("not supported"), INCONCLUSIVE("inconclusive");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  /**
   * One claim: what the study says, the verdict, why (HTML with links), the rule (who chose it), and
   * the verdict in each seed block (empty without blocks; the same in every block for a claim on
   * the benchmark tables alone).
   */
  record Claim(String id, String statement, Verdict verdict, String because, String rule, List<Verdict> blocks,
      boolean seedDependent) {
    Claim(String id, String statement, Verdict verdict, String because) {
      this(id, statement, verdict, because, "", List.of(), false);
    }

    Claim withRule(String r, int nBlocks) {
      return new Claim(id, statement, verdict, because, r, java.util.Collections.nCopies(nBlocks, verdict), false);
    }
  }

  /** The claims file written beside the page: one row per claim, its verdict and each block's. */
  static final String FILE = Report.CLAIMS;

  private Claims() {}

  /**
   * The claims nash can check, by id, in page order: a study lists the ones it checks ({@code claims:} in
   * its YAML; configs/lopes2023.yaml checks the five of the paper's abstract).
   */
  static final List<String> KNOWN = List.of("small-subset", "skew", "convolutions", "crowded-top",
      ReliabilityClaim.ID, "op-combinations");

  /** The claims {@code ids} asks for (none: an empty list); also writes {@value #FILE} into {@code root}. */
  static List<Claim> of(List<String> ids, Path root) {
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    List<Claim> out = new ArrayList<>();
    List<String[]> scans = new ArrayList<>();
    for (String[] b : new String[][] {{"nb201", "nb201/scan-nb201-subsets.csv"},
        {"tnb-micro", "tnb-micro/scan-tnb-micro-subsets.csv"}}) {
      if (Csv.read(root, b[1]) != null) {
        scans.add(b);
      }
    }
    List<String> blocks = blocks(root);
    for (String id : KNOWN) {
      if (!ids.contains(id)) {
        continue;
      }
      out.add(switch (id) {
        case "small-subset" -> smallSubset(root, scans).withRule(ClaimRules.SMALL_SUBSET, blocks.size());
        case "skew" -> skew(root, scans).withRule(ClaimRules.SKEW, blocks.size());
        case "convolutions" -> convolutions(root, scans).withRule(ClaimRules.CONVOLUTIONS, blocks.size());
        case "crowded-top" -> crowdedTop(root).withRule(ClaimRules.CROWDED, blocks.size());
        case ReliabilityClaim.ID -> ReliabilityClaim.of(root, blocks);
        default -> combinations(root, scans).withRule(ClaimRules.COMBINATIONS, blocks.size());
      });
    }
    write(root, out, blocks);
    return out;
  }

  /** The seed blocks of the NB201 reliability analysis, in order (empty: pooled only). */
  static List<String> blocks(Path root) {
    Csv t = Csv.read(root, "nb201/", BlockReliability.AGREEMENT);
    if (t == null) {
      return List.of();
    }
    java.util.LinkedHashSet<String> b = new java.util.LinkedHashSet<>();
    t.rows.forEach(r -> b.add(r.get("block")));
    b.remove(org.nash.analysis.reliability.BlockReliability.POOLED);
    return new ArrayList<>(b);
  }

  private static void write(Path root, List<Claim> claims, List<String> blocks) {
    List<String> cols = new ArrayList<>(List.of("claim", "verdict", "seed_dependent"));
    blocks.forEach(b -> cols.add("block_" + b));
    org.nash.analysis.output.Table t = new org.nash.analysis.output.Table(cols.toArray(String[]::new));
    for (Claim c : claims) {
      List<Object> row = new ArrayList<>(List.of(c.id(), c.verdict().text, c.seedDependent()));
      for (int i = 0; i < blocks.size(); i++) {
        row.add(i < c.blocks().size() ? c.blocks().get(i).text : "");
      }
      t.add(row.toArray());
    }
    org.nash.io.AtomicFiles.writeAtomically(root.resolve(FILE), t.toCsv());
  }

  static String html(List<Claim> claims) {
    if (claims.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<div class=\"claims\"><h3>The study's claims</h3>\n<p>Every verdict"
        + " follows a rule stated beside it; nash chose the rules and their thresholds, the study states its claims"
        + " without them. " + esc(ClaimRules.BLOCKS) + "</p>\n<ol>\n");
    for (Claim c : claims) {
      h.append("<li id=\"claim-").append(c.id()).append("\"><span class=\"verdict ").append(c.verdict().name()
          .toLowerCase(Locale.ROOT)).append("\">").append(c.verdict().text).append("</span> <b>")
          .append(esc(c.statement())).append("</b><br>").append(c.because());
      if (!c.rule().isEmpty()) {
        h.append(" <i>").append(esc(c.rule())).append("</i>");
      }
      h.append("</li>\n");
    }
    h.append("</ol>\n");
    int nb = claims.stream().mapToInt(c -> c.blocks().size()).max().orElse(0);
    if (nb > 0) {
      h.append("<div class=\"tbl\"><table class=\"findings\">\n<thead><tr><th>claim</th>");
      for (int i = 1; i <= nb; i++) {
        h.append("<th>block ").append(i).append("</th>");
      }
      h.append("<th>verdict</th></tr></thead>\n<tbody>\n");
      for (Claim c : claims) {
        h.append("<tr><td><a href=\"#claim-").append(c.id()).append("\">").append(esc(c.id())).append("</a>")
            .append(c.seedDependent() ? "" : " <span class=\"small\">(tables only)</span>").append("</td>");
        for (int i = 0; i < nb; i++) {
          h.append("<td>").append(i < c.blocks().size() ? c.blocks().get(i).text : "").append("</td>");
        }
        h.append("<td><b>").append(c.verdict().text).append("</b></td></tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    return h.append("</div>\n").toString();
  }

  /** The pool row of each dataset in a scan's subsets table. */
  private static Map<String, Map<String, String>> pool(Csv t, String pool) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Map<String, String> r : t.where("pool", pool)) {
      out.put(r.get("dataset"), r);
    }
    return out;
  }

  /**
   * "Reaches the top": the subset holds at least one architecture of every dataset's global top 1 %
   * (scale-free, so it applies to accuracies and losses alike); "small": at most a quarter of the space.
   */
  private static Claim smallSubset(Path root, List<String[]> scans) {
    String id = "small-subset";
    String statement = "A small subset of the operations reaches the top of the space.";
    if (scans.isEmpty()) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No scan in this report.");
    }
    StringBuilder why = new StringBuilder("The smallest op subset holding architectures of every dataset's global"
        + " top 1 %: ");
    int[] smallest = new int[scans.size()];
    int[] spaceOps = new int[scans.size()];
    int bi = 0;
    for (String[] b : scans) {
      Csv t = Csv.read(root, b[1]);
      Map<String, Map<String, String>> full = pool(t, "full");
      Map<String, List<Map<String, String>>> byPool = new LinkedHashMap<>();
      t.rows.forEach(r -> byPool.computeIfAbsent(r.get("pool"), k -> new ArrayList<>()).add(r));
      String bestPool = null;
      double bestN = Double.MAX_VALUE;
      List<Map<String, String>> bestRows = List.of();
      for (Map.Entry<String, List<Map<String, String>>> e : byPool.entrySet()) {
        if (e.getKey().equals("full")) {
          continue;
        }
        boolean ok = e.getValue().size() == full.size();
        for (Map<String, String> r : e.getValue()) {
          ok &= Csv.num(r, "top1pctCount") > 0;
        }
        double n = Csv.num(e.getValue().get(0), "n");
        if (ok && n < bestN) {
          bestN = n;
          bestPool = e.getKey();
          bestRows = e.getValue();
        }
      }
      double space = Csv.num(full.values().iterator().next(), "n");
      Set<String> ops = new HashSet<>();
      t.rows.forEach(r -> ops.addAll(Arrays.asList(r.get("pool").split("\\+"))));
      ops.remove("full");
      smallest[bi] = bestPool == null ? 0 : bestPool.split("\\+").length;
      spaceOps[bi] = ops.size();
      boolean holds = ClaimRules.smallSubsetHolds(smallest[bi], spaceOps[bi]);
      bi++;
      List<String> gaps = new ArrayList<>();
      for (Map<String, String> r : bestRows) {
        gaps.add(esc(r.get("dataset")) + " " + fmt(Csv.num(r, "bestMinusGlobal")) + " ("
            + String.format(Locale.ROOT, "%.0f %%", 100 * Csv.num(r, "top1pctShare")) + " of its top 1 %)");
      }
      why.append(b[0]).append(": ").append(bestPool == null ? "none"
          : String.format(Locale.ROOT, "{%s}, %s of %s architectures (%.1f %%); its best minus the global best: %s",
              esc(bestPool.replace("+", ", ")), fmtN(bestN), fmtN(space), 100 * bestN / space, String.join(", ", gaps))
              + String.format(Locale.ROOT, "; %d of the space's %d ops: %s", smallest[bi - 1], spaceOps[bi - 1],
                  holds ? "at most half, holds" : "more than half, does not hold"))
          .append(" — ").append(link(b[1], "subsets table")).append(", ")
          .append(link(b[1].replace("-subsets.csv", "-gap-") + lastDataset(t) + ".png", "gap figure")).append(". ");
    }
    Csv pools = Csv.read(root, "nb201/", ComparisonReport.POOL_TESTS);
    if (pools != null) {
      long better = pools.rows.stream().filter(r -> r.get("a").equals(r.get("better"))).count();
      long worse = pools.rows.stream().filter(r -> r.get("b").equals(r.get("better"))).count();
      why.append(String.format(Locale.ROOT, "Search on NB201 with the same budget: a restricted pool gives"
          + " significantly better final architectures than the full pool in %d of %d searcher × dataset × pool"
          + " cases, worse in %d (", better, pools.rows.size(), worse)).append(link("nb201/compare/pools-mwu.csv",
          "pool tests")).append(").");
    }
    return new Claim(id, statement, ClaimRules.smallSubset(smallest, spaceOps), why.toString());
  }

  private static String lastDataset(Csv t) {
    return t.rows.isEmpty() ? "" : t.rows.get(t.rows.size() - 1).get("dataset");
  }

  private static String firstDataset(Csv t) {
    return t.rows.isEmpty() ? "" : t.rows.get(0).get("dataset");
  }

  private static Claim skew(Path root, List<String[]> scans) {
    String id = "skew";
    String statement = "The performance distributions are negatively skewed.";
    if (scans.isEmpty()) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No scan in this report.");
    }
    int neg = 0;
    int total = 0;
    List<Double> g1s = new ArrayList<>();
    StringBuilder why = new StringBuilder("Skewness g1 of the full space: ");
    for (String[] b : scans) {
      Csv t = Csv.read(root, b[1]);
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : pool(t, "full").entrySet()) {
        double g1 = Csv.num(e.getValue(), "g1");
        g1s.add(g1);
        total++;
        neg += g1 < 0 ? 1 : 0;
        parts.add(esc(e.getKey()) + " " + String.format(Locale.ROOT, "%.2f", g1));
      }
      why.append(b[0]).append(" (").append(String.join(", ", parts)).append(") — ")
          .append(link(b[1].replace("-subsets.csv", "-hist-") + firstDataset(t) + ".png", "histogram")).append("; ");
    }
    why.append(neg).append(" of ").append(total).append(" datasets negative.");
    Verdict v = ClaimRules.skew(g1s.stream().mapToDouble(Double::doubleValue).toArray());
    return new Claim(id, statement, v, why.toString());
  }

  private static Claim convolutions(Path root, List<String[]> scans) {
    String id = "convolutions";
    String statement = "Convolutions have the largest impact on performance.";
    if (scans.isEmpty()) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No scan in this report.");
    }
    int conv = 0;
    int total = 0;
    StringBuilder why = new StringBuilder("Removing one operation from the pool, the op whose removal costs the"
        + " most (best of the remaining pool minus the global best): ");
    for (String[] b : scans) {
      Csv t = Csv.read(root, b[1]);
      // The full pool's ops are those of the largest labelled subset; the one-op removals have one op fewer.
      int maxOps = t.rows.stream().filter(r -> !r.get("pool").equals("full"))
          .mapToInt(r -> r.get("pool").split("\\+").length).max().orElse(0);
      Set<String> ops = new HashSet<>();
      t.rows.forEach(r -> ops.addAll(Arrays.asList(r.get("pool").split("\\+"))));
      ops.remove("full");
      Map<String, String> worstOp = new LinkedHashMap<>();
      Map<String, Double> worstGap = new LinkedHashMap<>();
      for (Map<String, String> r : t.rows) {
        String[] po = r.get("pool").split("\\+");
        if (po.length != ops.size() - 1 || maxOps < ops.size() - 1) {
          continue;
        }
        Set<String> removed = new HashSet<>(ops);
        removed.removeAll(Arrays.asList(po));
        double gap = Csv.num(r, "bestMinusGlobal");
        String ds = r.get("dataset");
        if (removed.size() == 1 && (!worstGap.containsKey(ds) || gap < worstGap.get(ds))) {
          worstGap.put(ds, gap);
          worstOp.put(ds, removed.iterator().next());
        }
      }
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : worstOp.entrySet()) {
        total++;
        boolean isConv = e.getValue().matches("c\\d.*|.*conv.*");
        conv += isConv ? 1 : 0;
        parts.add(esc(e.getKey()) + " " + esc(e.getValue()) + " (" + fmt(worstGap.get(e.getKey())) + ")");
      }
      why.append(b[0]).append(": ").append(String.join(", ", parts)).append(" — ")
          .append(link(b[1], "subsets table")).append("; ");
    }
    why.append("a convolution on ").append(conv).append(" of ").append(total).append(" datasets.");
    Verdict v = ClaimRules.convolutions(conv, total);
    return new Claim(id, statement, v, why.toString());
  }

  /** The space side of "ImageNet16-120 is more reliable than CIFAR-10": CIFAR-10's top is the most crowded. */
  private static Claim crowdedTop(Path root) {
    String id = "crowded-top";
    String statement = "CIFAR-10's top is crowded: more architectures score near its optimum than on"
        + " ImageNet16-120 and CIFAR-100 (the space side of \"ImageNet16-120 is more reliable\").";
    Csv rel = Csv.read(root, "nb201/", ReliabilityReport.RELIABILITY);
    if (rel == null || rel.where("dataset", "cifar10").isEmpty()) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No NB201 reliability table with cifar10.");
    }
    double c10 = Csv.num(rel.where("dataset", "cifar10").get(0), "share_within_1pp");
    List<Double> others = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Map<String, String> r : rel.rows) {
      double s = Csv.num(r, "share_within_1pp");
      parts.add(esc(r.get("dataset")) + " " + String.format(Locale.ROOT, "%.2f %%", 100 * s));
      if (!r.get("dataset").equals("cifar10") && !Double.isNaN(s)) {
        others.add(s);
      }
    }
    return new Claim(id, statement, ClaimRules.crowdedTop(c10, others.stream().mapToDouble(Double::doubleValue).toArray()),
        "Share of all architectures within 1 pp of the optimum: " + String.join(", ", parts) + " — "
            + link("nb201/reliability/reliability.csv", "reliability table") + ".");
  }

  /** Claim 5: op pairs and triples on edges that share a node, and their effect beyond op counts. */
  private static Claim combinations(Path root, List<String[]> scans) {
    String id = "op-combinations";
    String statement = "Specific combinations of operations favour top-scoring architectures.";
    int holds = 0;
    int total = 0;
    StringBuilder why = new StringBuilder("Top op pairs and triples on edges that share a node, by enrichment in"
        + " the top 1 % (p<sub>Holm</sub>), and the held-out R² the pair terms add beyond op counts: ");
    for (String[] b : scans) {
      String bench = b[0];
      String scan = bench + "/" + OpCombinations.prefix(bench);
      String ef = scan + OpCombinations.ENRICHMENT.csv();
      String inf = scan + OpCombinations.INTERACTIONS.csv();
      Csv en = Csv.read(root, scan, OpCombinations.ENRICHMENT);
      Csv in = Csv.read(root, scan, OpCombinations.INTERACTIONS);
      if (en == null || in == null) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (Map<String, String> r : in.rows) {
        String ds = r.get("dataset");
        double added = Csv.num(r, "r2_added_by_pairs");
        List<Map<String, String>> sig = en.rows.stream().filter(x -> ds.equals(x.get("dataset"))
            && Csv.num(x, "top") == 0.01 && Csv.num(x, "p_holm") < 0.05
            && Csv.num(x, "enrichment") >= ClaimRules.MIN_ENRICHMENT)
            .sorted(java.util.Comparator.comparingDouble((Map<String, String> x) -> -Csv.num(x, "enrichment")))
            .toList();
        boolean ok = ClaimRules.combinationsHold(!sig.isEmpty(), added);
        holds += ok ? 1 : 0;
        total++;
        String top = sig.isEmpty() ? "no significant combination" : sig.stream().limit(2)
            .map(x -> esc(x.get("ops")) + " ×" + String.format(Locale.ROOT, "%.1f", Csv.num(x, "enrichment"))
                + " (p<sub>Holm</sub> " + Findings.p(Csv.num(x, "p_holm")) + ")").reduce((x, y) -> x + ", " + y)
            .orElse("");
        parts.add(esc(ds) + ": " + top + "; pairs add R² " + String.format(Locale.ROOT, "%.3f", added)
            + (ok ? " (holds)" : ""));
      }
      why.append(bench).append(" — ").append(String.join("; ", parts)).append(" — ")
          .append(link(ef, "combinations table")).append(", ").append(link(inf, "interaction table")).append(". ");
    }
    if (total == 0) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No op-combination tables in this report.");
    }
    why.append(holds).append(" of ").append(total).append(" datasets hold.");
    return new Claim(id, statement, ClaimRules.combinations(holds, total), why.toString());
  }

  private static String fmtN(double n) {
    return String.format(Locale.ROOT, "%,d", Math.round(n));
  }
}
