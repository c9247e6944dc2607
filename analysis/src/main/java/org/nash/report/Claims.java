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

  /** One claim: what the study says, the verdict, why (HTML with links). */
  record Claim(String id, String statement, Verdict verdict, String because) {}

  private Claims() {}

  /** The claims of a known study, or an empty list. */
  static List<Claim> of(String study, Path root) {
    if (!"lopes2023".equals(study)) {
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
    out.add(smallSubset(root, scans));
    out.add(skew(root, scans));
    out.add(convolutions(root, scans));
    out.add(crowdedTop(root));
    out.add(reliableForSearch(root));
    return out;
  }

  static String html(List<Claim> claims) {
    if (claims.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<div class=\"claims\"><h3>The study's claims</h3>\n<ol>\n");
    for (Claim c : claims) {
      h.append("<li id=\"claim-").append(c.id()).append("\"><span class=\"verdict ").append(c.verdict().name()
          .toLowerCase(Locale.ROOT)).append("\">").append(c.verdict().text).append("</span> <b>")
          .append(esc(c.statement())).append("</b><br>").append(c.because()).append("</li>\n");
    }
    return h.append("</ol></div>\n").toString();
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
    boolean all = true;
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
      boolean small = bestPool != null && bestN <= space / 4;
      all &= small;
      List<String> gaps = new ArrayList<>();
      for (Map<String, String> r : bestRows) {
        gaps.add(esc(r.get("dataset")) + " " + fmt(Csv.num(r, "bestMinusGlobal")) + " ("
            + String.format(Locale.ROOT, "%.0f %%", 100 * Csv.num(r, "top1pctShare")) + " of its top 1 %)");
      }
      why.append(b[0]).append(": ").append(bestPool == null ? "none"
          : String.format(Locale.ROOT, "{%s}, %s of %s architectures (%.1f %%); its best minus the global best: %s",
              esc(bestPool.replace("+", ", ")), fmtN(bestN), fmtN(space), 100 * bestN / space, String.join(", ", gaps)))
          .append(" — ").append(link(b[1], "subsets table")).append(", ")
          .append(link(b[1].replace("-subsets.csv", "-gap-") + lastDataset(t) + ".png", "gap figure")).append(". ");
    }
    Csv pools = Csv.read(root, "nb201/compare/pools-mwu.csv");
    if (pools != null) {
      long better = pools.rows.stream().filter(r -> r.get("a").equals(r.get("better"))).count();
      long worse = pools.rows.stream().filter(r -> r.get("b").equals(r.get("better"))).count();
      why.append(String.format(Locale.ROOT, "Search on NB201 with the same budget: a restricted pool gives"
          + " significantly better final architectures than the full pool in %d of %d searcher × dataset × pool"
          + " cases, worse in %d (", better, pools.rows.size(), worse)).append(link("nb201/compare/pools-mwu.csv",
          "pool tests")).append(").");
    }
    why.append(" Rule: supported when, on every benchmark, such a subset has at most a quarter of the space's"
        + " architectures.");
    return new Claim(id, statement, all ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED, why.toString());
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
    StringBuilder why = new StringBuilder("Skewness g1 of the full space: ");
    for (String[] b : scans) {
      Csv t = Csv.read(root, b[1]);
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : pool(t, "full").entrySet()) {
        double g1 = Csv.num(e.getValue(), "g1");
        total++;
        neg += g1 < 0 ? 1 : 0;
        parts.add(esc(e.getKey()) + " " + String.format(Locale.ROOT, "%.2f", g1));
      }
      why.append(b[0]).append(" (").append(String.join(", ", parts)).append(") — ")
          .append(link(b[1].replace("-subsets.csv", "-hist-") + firstDataset(t) + ".png", "histogram")).append("; ");
    }
    why.append(neg).append(" of ").append(total).append(" datasets negative.");
    Verdict v = neg == total ? Verdict.SUPPORTED : neg == 0 ? Verdict.NOT_SUPPORTED : Verdict.INCONCLUSIVE;
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
    why.append("a convolution on ").append(conv).append(" of ").append(total).append(" datasets. Rule: supported"
        + " when that holds on at least 80 % of the datasets, not supported below half.");
    Verdict v = total > 0 && conv >= 0.8 * total ? Verdict.SUPPORTED : conv < 0.5 * total ? Verdict.NOT_SUPPORTED
        : Verdict.INCONCLUSIVE;
    return new Claim(id, statement, v, why.toString());
  }

  /** The space side of "ImageNet16-120 is more reliable than CIFAR-10": CIFAR-10's top is the most crowded. */
  private static Claim crowdedTop(Path root) {
    String id = "crowded-top";
    String statement = "CIFAR-10's top is crowded: more architectures score near its optimum than on"
        + " ImageNet16-120 and CIFAR-100 (the space side of \"ImageNet16-120 is more reliable\").";
    Csv rel = Csv.read(root, "nb201/reliability/reliability.csv");
    if (rel == null || rel.where("dataset", "cifar10").isEmpty()) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No NB201 reliability table with cifar10.");
    }
    double c10 = Csv.num(rel.where("dataset", "cifar10").get(0), "share_within_1pp");
    boolean most = true;
    List<String> parts = new ArrayList<>();
    for (Map<String, String> r : rel.rows) {
      double s = Csv.num(r, "share_within_1pp");
      parts.add(esc(r.get("dataset")) + " " + String.format(Locale.ROOT, "%.2f %%", 100 * s));
      most &= r.get("dataset").equals("cifar10") || s < c10;
    }
    return new Claim(id, statement, most ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED,
        "Share of all architectures within 1 pp of the optimum: " + String.join(", ", parts) + " — "
            + link("nb201/reliability/reliability.csv", "reliability table") + ". Rule: supported when cifar10 has"
            + " the largest share.");
  }

  /** The search side: do searcher comparisons come out more reliably on ImageNet16-120 and TNB than on CIFAR-10? */
  private static Claim reliableForSearch(Path root) {
    String id = "reliable-search";
    String statement = "ImageNet16-120 and TNB are more reliable than CIFAR-10 for comparing NAS methods.";
    Csv nb = Csv.read(root, "nb201/reliability/reliability.csv");
    Csv tnb = Csv.read(root, "tnb-micro/reliability/reliability.csv");
    if (nb == null || nb.where("dataset", "cifar10").isEmpty()) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No NB201 search experiment with cifar10.");
    }
    String small = nb.column("p_same_ranking_");
    String seeds = nb.column("seeds_to_p05");
    Map<String, String> c10 = nb.where("dataset", "cifar10").get(0);
    List<Map<String, String>> others = new ArrayList<>(nb.where("dataset", "ImageNet16-120"));
    if (tnb != null) {
      others.addAll(tnb.rows);
    }
    if (others.isEmpty() || small == null) {
      return new Claim(id, statement, Verdict.INCONCLUSIVE, "No ImageNet16-120 or TNB search experiment.");
    }
    // More reliable = a more stable 10-seed ranking and fewer seeds for the reference comparison.
    int moreStable = 0;
    int fewerSeeds = 0;
    List<String> parts = new ArrayList<>();
    for (Map<String, String> r : others) {
      double p = Csv.num(r, small);
      double n = seeds == null ? Double.NaN : Csv.num(r, seeds);
      moreStable += p > Csv.num(c10, small) ? 1 : 0;
      fewerSeeds += seeds != null && !Double.isNaN(n) && n < Csv.num(c10, seeds) ? 1 : 0;
      parts.add(esc(r.get("dataset")) + " " + fmt(p) + " / " + Findings.fmtInt(n));
    }
    int m = others.size();
    Verdict v = moreStable == m && fewerSeeds == m ? Verdict.SUPPORTED
        : moreStable == 0 && fewerSeeds <= m / 4 ? Verdict.NOT_SUPPORTED : Verdict.INCONCLUSIVE;
    String why = String.format(Locale.ROOT, "P(same ranking) of a %s study / seeds for %s to reach median p < 0.05,"
        + " full pool: cifar10 %s / %s; ", small.replace("p_same_ranking_", "").replace("_", " "),
        nb.column("pair") != null ? esc(c10.get(nb.column("pair"))) : "RE vs RS", fmt(Csv.num(c10, small)),
        Findings.fmtInt(seeds == null ? Double.NaN : Csv.num(c10, seeds))) + String.join(", ", parts)
        + String.format(Locale.ROOT, ". %d of %d other datasets rank the searchers more stably than cifar10, %d need"
            + " fewer seeds — ", moreStable, m, fewerSeeds)
        + link("nb201/reliability/reliability.csv", "NB201 reliability") + (tnb == null ? ""
            : ", " + link("tnb-micro/reliability/reliability.csv", "TNB reliability")) + ". Rule: supported when"
        + " every other dataset ranks more stably and needs fewer seeds; not supported when none ranks more stably"
        + " and at most a quarter need fewer seeds; else inconclusive.";
    return new Claim(id, statement, v, why);
  }

  private static String fmtN(double n) {
    return String.format(Locale.ROOT, "%,d", Math.round(n));
  }
}
