package org.nash.analysis.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nash.NashException;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Table;
import org.nash.analysis.output.TableSpec;
import org.nash.analysis.stats.Holm;
import org.nash.benchmark.Benchmark;
import org.nash.space.CellSpace;

/**
 * Do specific combinations of operations favour top-scoring cells (Lopes et al. 2023)? Only edges
 * that share a node can combine: of the 15 pairs of a 4-node cell's 6 edges, 12 share a node
 * (1&lt;-0 and 3&lt;-2, 2&lt;-0 and 3&lt;-1, 2&lt;-1 and 3&lt;-0 do not), and 4 triples of edges meet at
 * one node (the three edges out of node 0, into node 3, and at nodes 1 and 2).
 *
 * <p>Enrichment: a cell holds the op pair {A, B} when some node-sharing edge pair carries A and B
 * (a triple likewise for three edges meeting at a node). For the top 1 % and top 5 % of cells by the
 * dataset's metric (the first ceil(q N) in descending order), enrichment = share of top cells
 * holding it / share of all cells holding it; p = one-sided hypergeometric P(X &gt;= x); Holm over
 * every pair and triple of the dataset and threshold.
 *
 * <p>Interaction: least squares of the metric on op counts (for each op, its count and one indicator per
 * count 1..6: any additive effect of how often each op occurs), with and without pair terms (for each
 * op pair, how many of the 12 node-sharing edge pairs carry it), fitted on a random half of the
 * cells and scored on the other half: the held-out R^2 the pair terms add is the variance that
 * pairs explain beyond the ops' separate effects.
 */
public final class OpCombinations {
  /** Edge e joins SRC[e] to DST[e], official string order (as CellSpace). */
  private static final int[] SRC = {0, 0, 1, 0, 1, 2};
  private static final int[] DST = {1, 2, 2, 3, 3, 3};
  static final int[][] PAIRS = nodePairs();
  static final int[][] TRIPLES = {{0, 1, 3}, {0, 2, 4}, {1, 2, 5}, {3, 4, 5}};
  public static final double[] TOPS = {0.01, 0.05};
  static final long SEED = 20230329L;

  /** One combination at one top threshold. */
  public record Enrichment(String dataset, double top, String kind, String ops, int cells, int topN, int topCells,
      double enrichment, double p, double pHolm) {}

  /** Held-out R^2 of the op-count model without and with pair terms. */
  public record Interaction(String dataset, int train, int test, double r2Counts, double r2Pairs, double added) {}

  public record Result(String benchmark, List<Enrichment> enrichment, List<Interaction> interaction) {}

  private OpCombinations() {}

  private static int[][] nodePairs() {
    List<int[]> out = new ArrayList<>();
    for (int a = 0; a < 6; a++) {
      for (int b = a + 1; b < 6; b++) {
        if (SRC[a] == SRC[b] || SRC[a] == DST[b] || DST[a] == SRC[b] || DST[a] == DST[b]) {
          out.add(new int[] {a, b});
        }
      }
    }
    return out.toArray(int[][]::new);
  }

  /** Every dataset of a cell benchmark. */
  public static Result compute(Benchmark b, List<String> datasets) {
    if (!(b.space() instanceof CellSpace)) {
      throw new NashException(b.name() + ": op combinations need a 4-node cell space (nb201, tnb-micro)");
    }
    int n = b.space().size();
    int[][] ops = new int[n][];
    for (int r = 0; r < n; r++) {
      ops[r] = b.space().byIndex(r).ops();
    }
    List<String> names = new ArrayList<>();
    for (int o = 0; o < b.space().opNames().size(); o++) {
      names.add(b.space().opAlias(o));
    }
    List<Enrichment> en = new ArrayList<>();
    List<Interaction> in = new ArrayList<>();
    for (String ds : datasets) {
      double[] v = b.table().column(b.objective(ds).reportedKey()).toArray();
      en.addAll(enrichment(ds, ops, v, names));
      in.add(interaction(ds, ops, v, names.size(), SEED));
    }
    return new Result(b.name(), en, in);
  }

  /** Enrichment of every node-sharing pair and triple in each top set (cells with a NaN metric left out). */
  public static List<Enrichment> enrichment(String ds, int[][] ops, double[] v, List<String> names) {
    int k = names.size();
    Integer[] rows = java.util.stream.IntStream.range(0, v.length).filter(i -> !Double.isNaN(v[i])).boxed()
        .toArray(Integer[]::new);
    // descending by value, ties in row order: deterministic
    Arrays.sort(rows, (x, y) -> Double.compare(v[y], v[x]));
    int n = rows.length;
    List<int[]> combos = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int c = a; c < k; c++) {
        combos.add(new int[] {a, c});
        labels.add(names.get(a) + "+" + names.get(c));
        kinds.add("pair");
      }
    }
    for (int a = 0; a < k; a++) {
      for (int c = a; c < k; c++) {
        for (int d = c; d < k; d++) {
          combos.add(new int[] {a, c, d});
          labels.add(names.get(a) + "+" + names.get(c) + "+" + names.get(d));
          kinds.add("triple");
        }
      }
    }
    boolean[][] has = new boolean[combos.size()][n];
    int[] total = new int[combos.size()];
    for (int i = 0; i < n; i++) {
      int[] o = ops[rows[i]];
      for (int q = 0; q < combos.size(); q++) {
        has[q][i] = holds(o, combos.get(q));
        total[q] += has[q][i] ? 1 : 0;
      }
    }
    List<Enrichment> out = new ArrayList<>();
    for (double top : TOPS) {
      int t = (int) Math.ceil(top * n);
      double[] p = new double[combos.size()];
      int[] x = new int[combos.size()];
      for (int q = 0; q < combos.size(); q++) {
        for (int i = 0; i < t; i++) {
          x[q] += has[q][i] ? 1 : 0;
        }
        p[q] = total[q] == 0 ? Double.NaN
            : x[q] == 0 ? 1 : new HypergeometricDistribution(null, n, total[q], t).upperCumulativeProbability(x[q]);
      }
      double[] ph = Holm.adjust(p);
      for (int q = 0; q < combos.size(); q++) {
        double e = total[q] == 0 ? Double.NaN : (x[q] / (double) t) / (total[q] / (double) n);
        out.add(new Enrichment(ds, top, kinds.get(q), labels.get(q), total[q], t, x[q], e, p[q], ph[q]));
      }
    }
    return out;
  }

  /** Whether some node-sharing edge pair (or node triple) of the cell carries exactly these ops. */
  static boolean holds(int[] o, int[] combo) {
    int[][] sets = combo.length == 2 ? PAIRS : TRIPLES;
    for (int[] s : sets) {
      int[] got = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        got[i] = o[s[i]];
      }
      Arrays.sort(got);
      if (Arrays.equals(got, combo)) {
        return true;
      }
    }
    return false;
  }

  /** Held-out R^2 of the op-count model and of op counts + pair terms (see the class comment). */
  public static Interaction interaction(String ds, int[][] ops, double[] v, int k, long seed) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        rows.add(i);
      }
    }
    SplittableRandom rng = new SplittableRandom(seed * 31 + ds.hashCode());
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int r : rows) {
      (rng.nextBoolean() ? train : test).add(r);
    }
    double r2a = heldOut(ops, v, train, test, k, false);
    double r2b = heldOut(ops, v, train, test, k, true);
    return new Interaction(ds, train.size(), test.size(), r2a, r2b, r2b - r2a);
  }

  static double[] features(int[] o, int k, boolean pairs) {
    int[] count = new int[k];
    for (int x : o) {
      count[x]++;
    }
    int np = k * (k + 1) / 2;
    double[] f = new double[1 + k * 7 + (pairs ? np : 0)];
    f[0] = 1;
    for (int op = 0; op < k; op++) {
      // the count itself too: a count level that only the held-out half has (5 or 6 of one op are
      // rare) is then predicted linearly instead of as if the op were absent
      f[1 + op * 7] = count[op];
      if (count[op] > 0) {
        f[1 + op * 7 + count[op]] = 1;
      }
    }
    if (pairs) {
      int base = 1 + k * 7;
      for (int[] e : PAIRS) {
        int a = Math.min(o[e[0]], o[e[1]]);
        int b = Math.max(o[e[0]], o[e[1]]);
        // index of (a, b), a <= b, in row-major upper-triangular order
        f[base + a * k - a * (a - 1) / 2 + (b - a)]++;
      }
    }
    return f;
  }

  private static double heldOut(int[][] ops, double[] v, List<Integer> train, List<Integer> test, int k,
      boolean pairs) {
    double[][] x = new double[train.size()][];
    double[] y = new double[train.size()];
    for (int i = 0; i < train.size(); i++) {
      x[i] = features(ops[train.get(i)], k, pairs);
      y[i] = v[train.get(i)];
    }
    // SVD least squares: the count indicators and pair counts are collinear (they sum to constants);
    // the pseudo-inverse gives the minimum-norm fit, whose predictions are the same.
    RealVector beta = new SingularValueDecomposition(new Array2DRowRealMatrix(x, false)).getSolver()
        .solve(new ArrayRealVector(y, false));
    double mean = 0;
    for (int r : test) {
      mean += v[r];
    }
    mean /= test.size();
    double sse = 0;
    double sst = 0;
    for (int r : test) {
      double[] f = features(ops[r], k, pairs);
      double pred = 0;
      for (int j = 0; j < f.length; j++) {
        pred += f[j] * beta.getEntry(j);
      }
      sse += (v[r] - pred) * (v[r] - pred);
      sst += (v[r] - mean) * (v[r] - mean);
    }
    return sst > 0 ? 1 - sse / sst : Double.NaN;
  }

  /** Pairs and triples of ops enriched among the top cells (after a benchmark's {@link #prefix}). */
  public static final TableSpec ENRICHMENT = TableSpec.of("-op-combinations", "dataset", "top", "kind", "ops", "cells",
      "top_n", "top_cells", "enrichment", "p", "p_holm");
  /** Held-out variance explained by op counts with and without pair terms (after a benchmark's {@link #prefix}). */
  public static final TableSpec INTERACTIONS = TableSpec.of("-op-interactions", "dataset", "train_cells", "test_cells",
      "r2_op_counts", "r2_op_counts_and_pairs", "r2_added_by_pairs");

  /** File prefix of a benchmark's tables, beside the scan's ({@code scan-nb201-...}). */
  public static String prefix(String benchmark) {
    return "scan-" + benchmark;
  }

  /** Writes the two tables into {@code dir} and registers them under the scan's section. */
  public static List<Artifacts.Entry> write(Result r, Path dir, String section) {
    Table e = ENRICHMENT.table();
    r.enrichment().forEach(x -> e.add(x.dataset(), x.top(), x.kind(), x.ops(), x.cells(), x.topN(), x.topCells(),
        x.enrichment(), x.p(), x.pHolm()));
    Table i = INTERACTIONS.table();
    r.interaction().forEach(x -> i.add(x.dataset(), x.train(), x.test(), x.r2Counts(), x.r2Pairs(), x.added()));
    String p = prefix(r.benchmark());
    e.write(dir, p + ENRICHMENT.path());
    i.write(dir, p + INTERACTIONS.path());
    List<Artifacts.Entry> out = List.of(
        new Artifacts.Entry(p + ENRICHMENT.csv(), "table", section,
            r.benchmark() + ": op pairs and triples on edges that share a node, enrichment in the top 1 % / 5 %",
            "A cell holds an op pair when two of its edges that share a node (12 of the 15 edge pairs) carry those"
                + " ops, and an op triple when the three edges meeting at one node (4 triples) do. top: the top"
                + " share of cells by the dataset's metric (top_n cells, descending, ties in row order); cells: cells"
                + " holding the combination; top_cells: those in the top; enrichment = (top_cells / top_n) / (cells /"
                + " all cells); p: one-sided hypergeometric P(X >= top_cells); p_holm: Holm over every pair and"
                + " triple of the dataset and threshold. JSON twin beside it."),
        new Artifacts.Entry(p + INTERACTIONS.csv(), "table", section,
            r.benchmark() + ": variance explained by op pairs beyond op counts (held-out R²)",
            "Least squares of the metric on op counts (per op, its count and an indicator for each count 1..6) and on op counts"
                + " plus pair terms (per op pair, how many of the 12 node-sharing edge pairs carry it), fitted on a"
                + " random half of the cells (train_cells, seeded) and scored on the other half (test_cells): R² on"
                + " the held-out cells. r2_added_by_pairs = the variance the pairs explain beyond the ops' separate"
                + " effects. JSON twin beside it."));
    Artifacts.register(dir, out);
    return out;
  }
}
