package org.nash.analysis.candidate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nash.analysis.compare.Curves;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.reliability.SeedsToSignificance;
import org.nash.analysis.stats.CliffsDelta;
import org.nash.analysis.stats.Describe;
import org.nash.analysis.stats.Friedman;
import org.nash.analysis.stats.Holm;
import org.nash.analysis.stats.MannWhitney;

/**
 * "Is my method better, where, and how sure?": a candidate searcher against every other searcher
 * (the baselines) of an experiment, on the final reported value of each trial.
 *
 * <ul>
 *   <li>Per dataset x pool and baseline: two-sided Mann-Whitney U, oriented candidate first
 *       (Cliff's delta > 0: the candidate is better), Holm-corrected over ALL of the candidate's
 *       comparisons (every cell and baseline: one family, so "better somewhere" is not found by
 *       looking in many places). A win (loss) needs p_holm < 0.05 AND |delta| >= 0.147 (not
 *       negligible, Romano et al.); everything else is a tie.
 *   <li>Average rank of every searcher over the dataset x pool cells (by mean final reported value,
 *       1 = best), Friedman's test and the Nemenyi critical difference (Demsar 2006).
 *   <li>Seeds a study needs against the strongest baseline of each cell (the one with the best mean).
 *   <li>Anytime: the same test at fractions of the budget; the budget from which the candidate stays
 *       significantly and non-negligibly better up to the end, if it does.
 * </ul>
 */
public final class CandidateVerdict {
  public static final double ALPHA = 0.05;
  /** |Cliff's delta| below this is negligible (Romano et al. 2006). */
  public static final double NEGLIGIBLE = 0.147;
  /** Budget fractions of the anytime analysis: geometric from 1/64 to 1. */
  public static final int ANYTIME_POINTS = 13;
  static final long SEED = 20240522L;

  public enum Outcome {
    WIN, TIE, LOSS;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The outcome of a comparison: significant after Holm and not negligible, in the direction of delta. */
  public static Outcome outcome(double pHolm, double delta) {
    if (!(pHolm < ALPHA) || !(Math.abs(delta) >= NEGLIGIBLE)) {
      return Outcome.TIE;
    }
    return delta > 0 ? Outcome.WIN : Outcome.LOSS;
  }

  /** One comparison of the candidate against one baseline in one cell, at the final budget. */
  public record Comparison(String candidate, String dataset, String pool, String baseline, int nCandidate,
      int nBaseline, double meanCandidate, double meanBaseline, double u, double p, double pHolm, double delta,
      Outcome outcome, boolean strongest) {}

  /** Wins, ties and losses of a candidate against one baseline (or "all") over the cells. */
  public record Tally(String candidate, String baseline, int wins, int ties, int losses) {}

  /**
   * Average ranks over the cells where every ranked searcher ran ({@code cells}: "dataset / pool");
   * {@code means[cell][searcher]}; {@code excluded}: searchers missing from some cell.
   */
  public record Ranking(List<String> searchers, List<String> cells, double[][] means, Friedman.Result friedman,
      List<String> excluded) {}

  /** Seeds needed against the cell's strongest baseline (-1: not reached with {@code maxSeeds}). */
  public record Seeds(String candidate, String dataset, String pool, String baseline, int maxSeeds, int seedsNeeded,
      double p, double delta, SeedsToSignificance.Result power) {}

  /** The test at one budget. */
  public record Anytime(String candidate, String dataset, String pool, String baseline, String axis, double fraction,
      double budget, int nCandidate, int nBaseline, double meanCandidate, double meanBaseline, double p, double pHolm,
      double delta, Outcome outcome) {}

  /** The budget from which the candidate wins until the end (NaN: never, or not at the end). */
  public record Onset(String candidate, String dataset, String pool, String baseline, String axis, double budget,
      double fraction, double finalBudget) {}

  public record Result(List<String> candidates, List<String> baselines, List<Comparison> comparisons,
      List<Tally> tallies, Ranking ranking, List<Seeds> seeds, List<Anytime> anytime, List<Onset> onsets) {}

  private CandidateVerdict() {}

  /**
   * @param candidates searcher labels of the candidates (already resolved); every other searcher is a baseline
   */
  public static Result of(Groups g, List<String> candidates) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (String ds : g.datasets()) {
      all.addAll(g.searchers(ds));
    }
    return of(g, candidates, new ArrayList<>(all));
  }

  /**
   * @param searchers the searchers of the study (candidates included; e.g. a --searchers selection):
   *     the baselines are the others, and all of them are ranked
   */
  public static Result of(Groups g, List<String> candidates, List<String> searchers) {
    LinkedHashSet<String> all = new LinkedHashSet<>(searchers);
    all.addAll(candidates);
    List<String> baselines = all.stream().filter(s -> !candidates.contains(s)).toList();
    List<Comparison> comparisons = new ArrayList<>();
    List<Tally> tallies = new ArrayList<>();
    List<Seeds> seeds = new ArrayList<>();
    for (String c : candidates) {
      List<Comparison> mine = comparisons(g, c, baselines);
      comparisons.addAll(mine);
      int[] total = new int[3];
      for (String b : baselines) {
        int[] t = new int[3];
        mine.stream().filter(x -> x.baseline().equals(b)).forEach(x -> t[x.outcome().ordinal()]++);
        if (t[0] + t[1] + t[2] > 0) {
          tallies.add(new Tally(c, b, t[0], t[1], t[2]));
        }
        for (int i = 0; i < 3; i++) {
          total[i] += t[i];
        }
      }
      tallies.add(new Tally(c, "all", total[0], total[1], total[2]));
      for (Comparison x : mine) {
        if (x.strongest()) {
          double[] a = sample(g, x.dataset(), x.pool(), c);
          double[] b = sample(g, x.dataset(), x.pool(), x.baseline());
          SeedsToSignificance.Result r = SeedsToSignificance.of(a, b,
              seed(x.dataset() + "|" + x.pool() + "|" + c + "|" + x.baseline()), SeedsToSignificance.SUBSAMPLES);
          seeds.add(new Seeds(c, x.dataset(), x.pool(), x.baseline(), Math.min(a.length, b.length), r.seedsNeeded(),
              x.p(), x.delta(), r));
        }
      }
    }
    List<Anytime> anytime = anytime(g, candidates, baselines);
    return new Result(List.copyOf(candidates), baselines, comparisons, tallies, ranking(g, new ArrayList<>(all)),
        seeds, anytime, onsets(anytime));
  }

  private static List<Comparison> comparisons(Groups g, String c, List<String> baselines) {
    List<String[]> keys = new ArrayList<>();
    List<double[]> ca = new ArrayList<>();
    List<double[]> ba = new ArrayList<>();
    Map<String, String> strongest = new HashMap<>();
    for (String ds : g.datasets()) {
      for (String pool : g.pools(ds)) {
        double[] a = sample(g, ds, pool, c);
        if (a.length == 0) {
          continue;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (String b : baselines) {
          double[] x = sample(g, ds, pool, b);
          if (x.length == 0) {
            continue;
          }
          keys.add(new String[] {ds, pool, b});
          ca.add(a);
          ba.add(x);
          double m = Describe.of(x).mean();
          if (m > best) {
            best = m;
            strongest.put(ds + "|" + pool, b);
          }
        }
      }
    }
    int m = keys.size();
    MannWhitney.Result[] mw = new MannWhitney.Result[m];
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      mw[i] = MannWhitney.test(ca.get(i), ba.get(i));
      p[i] = mw[i].p();
    }
    double[] adj = Holm.adjust(p);
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      String[] k = keys.get(i);
      double d = CliffsDelta.of(ca.get(i), ba.get(i));
      out.add(new Comparison(c, k[0], k[1], k[2], ca.get(i).length, ba.get(i).length, Describe.of(ca.get(i)).mean(),
          Describe.of(ba.get(i)).mean(), mw[i].u(), p[i], adj[i], d, outcome(adj[i], d),
          k[2].equals(strongest.get(k[0] + "|" + k[1]))));
    }
    return out;
  }

  /** Average ranks and Friedman over the cells that have every searcher ranked. */
  public static Ranking ranking(Groups g, List<String> searchers) {
    List<String[]> cells = new ArrayList<>();
    for (String ds : g.datasets()) {
      for (String pool : g.pools(ds)) {
        cells.add(new String[] {ds, pool});
      }
    }
    // Searchers missing from a cell would leave holes in the block design: they are not ranked.
    List<String> ranked = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (String s : searchers) {
      boolean everywhere = cells.stream().allMatch(c -> sample(g, c[0], c[1], s).length > 0);
      (everywhere ? ranked : excluded).add(s);
    }
    double[][] means = new double[cells.size()][ranked.size()];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      names.add(cells.get(i)[0] + " / " + cells.get(i)[1]);
      for (int j = 0; j < ranked.size(); j++) {
        means[i][j] = Describe.of(sample(g, cells.get(i)[0], cells.get(i)[1], ranked.get(j))).mean();
      }
    }
    return new Ranking(ranked, names, means, Friedman.test(means), excluded);
  }

  /**
   * The final-budget tests again at fractions of each dataset's budget, on the axis the budget is in
   * (seconds for a time budget, else queries).
   */
  private static List<Anytime> anytime(Groups g, List<String> candidates, List<String> baselines) {
    double[] fractions = Curves.geometric(1.0 / 64, 1, ANYTIME_POINTS);
    Map<String, double[]> checkpoints = new LinkedHashMap<>();
    Map<String, Curves.Axis> axes = new HashMap<>();
    for (String ds : g.datasets()) {
      double[] sec = g.range(ds, Curves.Axis.SECONDS);
      Curves.Axis axis = g.secondsBudget(ds) && sec[1] > 0 && sec[0] > 0 && Double.isFinite(sec[0])
          ? Curves.Axis.SECONDS : Curves.Axis.QUERIES;
      double hi = g.range(ds, axis)[1];
      double[] b = new double[fractions.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = axis == Curves.Axis.QUERIES ? Math.max(1, Math.round(fractions[i] * hi)) : fractions[i] * hi;
      }
      b[b.length - 1] = hi;
      checkpoints.put(ds, b);
      axes.put(ds, axis);
    }
    TreeSet<String> wanted = new TreeSet<>(candidates);
    wanted.addAll(baselines);
    Map<String, List<double[]>> values = new HashMap<>();
    g.source().replay("candidate (anytime)", true, (line, t, steps) -> {
      double[] b = checkpoints.get(t.dataset());
      if (b == null || !wanted.contains(t.searcher())) {
        return;
      }
      Curves.Axis axis = axes.get(t.dataset());
      double[] v = new double[b.length];
      int j = -1;
      for (int k = 0; k < b.length; k++) {
        while (j + 1 < steps.size() && (axis == Curves.Axis.QUERIES ? steps.query(j + 1) : steps.seconds(j + 1)) <= b[k]) {
          j++;
        }
        v[k] = j < 0 ? Double.NaN : steps.reported(j);
      }
      values.computeIfAbsent(t.dataset() + "|" + t.pool() + "|" + t.searcher(), x -> new ArrayList<>()).add(v);
    });
    List<Anytime> out = new ArrayList<>();
    for (String c : candidates) {
      // One Holm family per budget fraction: all the candidate's cells and baselines at that fraction.
      for (int k = 0; k < fractions.length; k++) {
        List<Anytime> family = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (String ds : g.datasets()) {
          for (String pool : g.pools(ds)) {
            double[] a = at(values.get(ds + "|" + pool + "|" + c), k);
            for (String bl : baselines) {
              double[] x = at(values.get(ds + "|" + pool + "|" + bl), k);
              if (values.get(ds + "|" + pool + "|" + c) == null || values.get(ds + "|" + pool + "|" + bl) == null) {
                continue;
              }
              double p = a.length == 0 || x.length == 0 ? Double.NaN : MannWhitney.test(a, x).p();
              double d = CliffsDelta.of(a, x);
              family.add(new Anytime(c, ds, pool, bl, axes.get(ds).label, fractions[k], checkpoints.get(ds)[k], a.length,
                  x.length, Describe.of(a).mean(), Describe.of(x).mean(), p, Double.NaN, d, Outcome.TIE));
              ps.add(p);
            }
          }
        }
        double[] adj = Holm.adjust(ps.stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < family.size(); i++) {
          Anytime x = family.get(i);
          out.add(new Anytime(x.candidate(), x.dataset(), x.pool(), x.baseline(), x.axis(), x.fraction(), x.budget(),
              x.nCandidate(), x.nBaseline(), x.meanCandidate(), x.meanBaseline(), x.p(), adj[i], x.delta(),
              outcome(adj[i], x.delta())));
        }
      }
    }
    // Ordered by candidate, cell, baseline, then budget.
    List<Anytime> sorted = new ArrayList<>();
    for (String c : candidates) {
      for (String ds : g.datasets()) {
        for (String pool : g.pools(ds)) {
          for (String bl : baselines) {
            out.stream().filter(x -> x.candidate().equals(c) && x.dataset().equals(ds) && x.pool().equals(pool)
                && x.baseline().equals(bl)).forEach(sorted::add);
          }
        }
      }
    }
    return sorted;
  }

  private static double[] at(List<double[]> trials, int k) {
    if (trials == null) {
      return new double[0];
    }
    return trials.stream().mapToDouble(v -> v[k]).filter(x -> !Double.isNaN(x)).toArray();
  }

  /** The first budget from which every later budget is a win (none when the final budget is not a win). */
  static List<Onset> onsets(List<Anytime> rows) {
    Map<String, List<Anytime>> series = new LinkedHashMap<>();
    for (Anytime a : rows) {
      series.computeIfAbsent(a.candidate() + "|" + a.dataset() + "|" + a.pool() + "|" + a.baseline(),
          k -> new ArrayList<>()).add(a);
    }
    List<Onset> out = new ArrayList<>();
    for (List<Anytime> s : series.values()) {
      Anytime last = s.get(s.size() - 1);
      Anytime from = null;
      for (int i = s.size() - 1; i >= 0 && s.get(i).outcome() == Outcome.WIN; i--) {
        from = s.get(i);
      }
      out.add(new Onset(last.candidate(), last.dataset(), last.pool(), last.baseline(), last.axis(),
          from == null ? Double.NaN : from.budget(), from == null ? Double.NaN : from.fraction(), last.budget()));
    }
    return out;
  }

  static double[] sample(Groups g, String ds, String pool, String s) {
    return java.util.Arrays.stream(g.finalReported(ds, pool, s)).filter(x -> !Double.isNaN(x)).toArray();
  }

  static long seed(String what) {
    return SEED * 31 + what.hashCode();
  }

  /** Candidate labels for what the user typed (labels or searcher names), or an error listing the searchers. */
  public static List<String> resolve(Groups g, Map<String, String> names, List<String> asked) {
    LinkedHashSet<String> labels = new LinkedHashSet<>();
    for (String ds : g.datasets()) {
      labels.addAll(g.searchers(ds));
    }
    List<String> out = new ArrayList<>();
    for (String a : asked) {
      String hit = labels.contains(a) ? a
          : labels.stream().filter(l -> a.equals(names.getOrDefault(l, l))).findFirst().orElse(null);
      if (hit != null && !out.contains(hit)) {
        out.add(hit);
      }
    }
    return out;
  }
}
