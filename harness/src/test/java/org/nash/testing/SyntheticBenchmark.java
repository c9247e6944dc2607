package org.nash.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.BenchmarkProvider;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.space.Arch;
import org.nash.table.Aggregate;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.ColumnInfo;
import org.nash.table.Unit;

/**
 * {@code benchmark: synthetic}: a benchmark whose table is a deterministic function of the cell, so
 * that the core (planner, runner, resume, shards, merge, locks, the trials file) is tested without
 * the data mirror. It reads no file; its data version is a digest of its values, so a change of the
 * function is a change of data as for a real benchmark.
 *
 * <p>Datasets, each with a signal at fidelities {@code low} (4 epochs, the default) and {@code high}
 * (50 epochs) and a reported {@code test@50} column:
 * <ul>
 *   <li>{@code smooth}: an additive score per edge op (c3x3 &gt; c1x1 &gt; skip &gt; none), recorded costs;
 *   <li>{@code rugged}: other edge weights plus a term that oscillates with the row, so local search
 *       meets local optima; its costs are smooth's scaled by 2 and marked estimated;
 *   <li>{@code untimed}: smooth's scores and no recorded cost (budgets in queries only).
 * </ul>
 * Cells without an input-to-output path score about 10 (chance), as on NB-201. Every value carries a
 * small deterministic hash noise, so ties are rare and fidelities disagree a little.
 */
public final class SyntheticBenchmark implements BenchmarkProvider {
  public static final String NAME = "synthetic";
  public static final Fidelity LOW = new Fidelity("low", 4);
  public static final Fidelity HIGH = new Fidelity("high", 50);
  public static final List<String> DATASETS = List.of("smooth", "rugged", "untimed");
  /** The catalog id run.json lists for the (virtual) table file. */
  public static final String DATA_ID = "synthetic-table";

  private static final double[] OP_SCORE = {0, 2, 4, 6};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "synthetic test benchmark (4,096 cells, a function as its table; tests only)";
  }

  @Override
  public Benchmark load(DataCatalog catalog) {
    SyntheticSpace space = new SyntheticSpace();
    BenchmarkTable t = new BenchmarkTable(space);
    int n = space.size();
    double[] trainEpoch = new double[n];
    double[] evalTime = new double[n];
    for (int i = 0; i < n; i++) {
      int[] ops = space.byIndex(i).ops();
      int c1 = count(ops, 2);
      int c3 = count(ops, 3);
      trainEpoch[i] = 1 + 0.5 * c1 + 1.5 * c3;
      evalTime[i] = 0.2 + 0.05 * (c1 + c3);
    }
    t.add(column("train-epoch-time", "seconds per training epoch", Unit.SECONDS, Aggregate.NOT_A_RUN, trainEpoch));
    t.add(column("eval-time", "seconds of one evaluation pass", Unit.SECONDS, Aggregate.NOT_A_RUN, evalTime));
    Map<String, Objective> objectives = new LinkedHashMap<>();
    for (int d = 0; d < DATASETS.size(); d++) {
      String ds = DATASETS.get(d);
      double[] low = new double[n];
      double[] high = new double[n];
      double[] test = new double[n];
      for (int i = 0; i < n; i++) {
        Arch a = space.byIndex(i);
        double q = quality(space, a, ds.equals("rugged"));
        low[i] = 0.8 * q + 3 * noise(i, d, 1);
        high[i] = q + noise(i, d, 2);
        test[i] = q - 0.5 + 0.5 * noise(i, d, 3);
      }
      t.add(column(ds + "/valid@4", ds + " validation accuracy after 4 epochs", Unit.PERCENT, Aggregate.SEED_MEAN, low));
      t.add(column(ds + "/valid@50", ds + " validation accuracy after 50 epochs", Unit.PERCENT, Aggregate.SEED_MEAN,
          high));
      t.add(column(ds + "/test@50", ds + " test accuracy after 50 epochs", Unit.PERCENT, Aggregate.SEED_MEAN, test));
      Map<Fidelity, String> signals = new LinkedHashMap<>();
      signals.put(LOW, ds + "/valid@4");
      signals.put(HIGH, ds + "/valid@50");
      CostModel cost = switch (ds) {
        case "smooth" -> new Cost(trainEpoch, evalTime, 1, false);
        case "rugged" -> new Cost(trainEpoch, evalTime, 2, true);
        default -> null;
      };
      objectives.put(ds, new Objective(ds, signals, LOW, ds + "/test@50", cost));
    }
    String sha = sha256(t);
    return new Benchmark(NAME, sha.substring(0, 12), space, t, objectives, null, Map.of(DATA_ID, sha));
  }

  /** The noiseless score of a cell on a dataset. */
  static double quality(SyntheticSpace space, Arch a, boolean rugged) {
    if (!space.isConnected(a)) {
      return 10;
    }
    int[] ops = a.ops();
    double q = 40;
    for (int e = 0; e < ops.length; e++) {
      double w = rugged ? 1 + (5 - e) / 5.0 : 1 + e / 5.0;
      q += w * OP_SCORE[ops[e]];
    }
    return rugged ? q - 6 + 6 * StrictMath.sin(space.indexOf(a) * 0.37) : q;
  }

  /** A deterministic value in [-1, 1) per row, dataset and column (SplitMix64's finaliser). */
  static double noise(int row, int dataset, int column) {
    long z = row * 0x9E3779B97F4A7C15L + dataset * 0xBF58476D1CE4E5B9L + column * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53 * 2 - 1;
  }

  private static int count(int[] ops, int op) {
    int c = 0;
    for (int o : ops) {
      c += o == op ? 1 : 0;
    }
    return c;
  }

  private static Column column(String key, String description, Unit unit, Aggregate agg, double[] values) {
    return new Column(new ColumnInfo(key, description, unit, agg, DATA_ID), values);
  }

  /** The sha256 of every column's key and values: the "file" the data version is made from. */
  private static String sha256(BenchmarkTable t) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Column c : t.columns()) {
        md.update(c.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(8 * c.size());
        for (double v : c.toArray()) {
          b.putDouble(v);
        }
        md.update(b.array());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Training time at the fidelity's epochs plus one evaluation pass, optionally scaled and estimated. */
  private record Cost(double[] trainEpoch, double[] evalTime, double scale, boolean estimated) implements CostModel {
    @Override
    public double seconds(int index, Fidelity fidelity) {
      return scale * (fidelity.epochs() * trainEpoch[index] + evalTime[index]);
    }

    @Override
    public String describe() {
      return scale == 1 ? "synthetic per-epoch times" : "synthetic per-epoch times x " + scale;
    }
  }
}
