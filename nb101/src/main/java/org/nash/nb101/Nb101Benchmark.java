package org.nash.nb101;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.BenchmarkProvider;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.data.DataEntry;
import org.nash.oracle.Oracle;
import org.nash.oracle.TableOracleFactory;
import org.nash.plugin.Params;
import org.nash.table.Aggregate;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.ColumnInfo;
import org.nash.table.Unit;

/**
 * The {@code nb101} benchmark: the official {@code nasbench_only108.tfrecord} when the user has put
 * it in the cache or the mirror, otherwise the 500-architecture sample, which every output then
 * labels as a sample. Accuracies in the table columns are in percent (the official file holds
 * fractions); the oracle samples one of the three repeats per query unless told to use the mean.
 */
public final class Nb101Benchmark implements BenchmarkProvider, TableOracleFactory {
  public static final String OFFICIAL_ID = "nb101-official-108";
  public static final String DATASET = "cifar10";

  /** Tables by benchmark instance: the oracle needs the repeats, which the benchmark's columns average. */
  private static final Map<Benchmark, Nb101Table> TABLES = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  @Override
  public String name() {
    return "nb101";
  }

  @Override
  public String description() {
    return "NAS-Bench-101 (423,624 cells; the official tfrecord when present, else a 500-cell sample; fidelities e4, e12, e36, e108)";
  }

  @Override
  public Oracle create(Benchmark b, String dataset, Fidelity fidelity, Params params) {
    Nb101Table t = TABLES.get(b);
    if (t == null) {
      throw new IllegalStateException("nb101 benchmark not loaded by " + Nb101Benchmark.class.getName());
    }
    return new Nb101Oracle(b, t, b.objective(dataset), fidelity, params.getString("repeat", "sample"));
  }

  @Override
  public Benchmark load(DataCatalog catalog) {
    Nb101Space space = Nb101Space.get(catalog.cacheDir());
    DataEntry official = catalog.entry(OFFICIAL_ID);
    Path file = catalog.locate(official);
    Nb101Table t;
    String version;
    String note;
    if (file != null) {
      t = new Nb101TableReader(space).read(catalog.resolve(OFFICIAL_ID));
      version = "nb101-" + official.fileName() + "-" + file.toFile().length();
      note = null;
    } else {
      t = Nb101Sample.load(catalog.resolve(Nb101Sample.CATALOG_ID), space);
      version = "nb101-sample-" + catalog.entry(Nb101Sample.CATALOG_ID).sha256().substring(0, 12);
      note = t.label() + ". For the full benchmark put " + official.fileName() + " (from " + official.url()
          + ") at " + catalog.cacheDir().resolve(official.path());
    }
    BenchmarkTable table = new BenchmarkTable(space);
    Map<Fidelity, String> signals = new LinkedHashMap<>();
    String reported = null;
    for (int epochs : Nb101Table.EPOCHS) {
      double[] valid = column(t, epochs, (row, e) -> t.meanValidationAccuracy(row, e) * 100);
      if (Arrays.stream(valid).allMatch(Double::isNaN)) {
        continue;
      }
      String src = (file != null ? OFFICIAL_ID : Nb101Sample.CATALOG_ID) + ":";
      table.add(new Column(new ColumnInfo(DATASET + "/valid-acc@" + epochs, "CIFAR-10 validation accuracy (%), "
          + epochs + "-epoch budget", Unit.PERCENT, t.isSample() ? Aggregate.SINGLE_RUN : Aggregate.SEED_MEAN,
          src + "validation_accuracy"), valid));
      signals.put(new Fidelity("e" + epochs, epochs), DATASET + "/valid-acc@" + epochs);
      double[] test = column(t, epochs, (row, e) -> t.meanTestAccuracy(row, e) * 100);
      if (Arrays.stream(test).anyMatch(v -> !Double.isNaN(v))) {
        table.add(new Column(new ColumnInfo(DATASET + "/test-acc@" + epochs, "CIFAR-10 test accuracy (%), mean of"
            + " the repeats, " + epochs + "-epoch budget", Unit.PERCENT, Aggregate.SEED_MEAN, src + "test_accuracy"), test));
        reported = DATASET + "/test-acc@" + epochs;
      }
      double[] time = column(t, epochs, t::meanTrainingTime);
      if (Arrays.stream(time).anyMatch(v -> !Double.isNaN(v))) {
        table.add(new Column(new ColumnInfo(DATASET + "/train-time@" + epochs, "training seconds, mean of the"
            + " repeats, " + epochs + "-epoch budget", Unit.SECONDS, Aggregate.NOT_A_RUN, src + "training_time"), time));
      }
    }
    Fidelity defaultFidelity = signals.keySet().stream().filter(f -> f.epochs() == 108).findFirst()
        .orElse(signals.keySet().iterator().next());
    if (reported == null) {
      // The sample has no test accuracy: report the validation accuracy, and say so.
      reported = signals.get(defaultFidelity);
      note = note + ". Reported values are VALIDATION accuracies (the sample has no test accuracy)";
    }
    CostModel cost = table.has(DATASET + "/train-time@108") ? new CostModel() {
      @Override
      public double seconds(int index, Fidelity fidelity) {
        return table.column(DATASET + "/train-time@" + fidelity.epochs()).get(index);
      }

      @Override
      public boolean estimated() {
        return false;
      }

      @Override
      public String describe() {
        return "recorded training time of the run that gave the signal";
      }
    } : null;
    Objective obj = new Objective(DATASET, signals, defaultFidelity, reported, cost);
    Benchmark b = new Benchmark("nb101", version, space, table, Map.of(DATASET, obj), note);
    TABLES.put(b, t);
    return b;
  }

  private interface RowValue {
    double at(int row, int epochs);
  }

  private static double[] column(Nb101Table t, int epochs, RowValue f) {
    double[] v = new double[Nb101Space.SIZE];
    Arrays.fill(v, Double.NaN);
    for (int r = 0; r < t.rows(); r++) {
      v[t.arch(r).index()] = f.at(r, epochs);
    }
    return v;
  }

  static String describe(Nb101Table t) {
    return String.format(Locale.ROOT, "%s (%d cells)", t.label(), t.rows());
  }
}
