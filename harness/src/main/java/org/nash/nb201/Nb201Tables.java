package org.nash.nb201;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Space;
import org.nash.space.Arch;
import org.nash.table.Aggregate;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.ColumnInfo;
import org.nash.table.CsvColumns;
import org.nash.table.NaslibZenArchive;
import org.nash.table.Unit;

/**
 * Builds the NAS-Bench-201 table from the raw upstream files (see the data catalog). The 200-epoch
 * test file fixes the official index order; every other file is checked against it, row by row or
 * through its architecture key.
 *
 * <p>Column keys: {@code <dataset>/<metric>@<epochs>} with datasets {@code cifar10-valid, cifar10,
 * cifar100, ImageNet16-120} and metrics {@code valid-acc, test-acc, train-acc, valid-loss, ...};
 * {@code -single} marks single-run values; times are {@code cifar10-valid/<split>-epoch-time}
 * (seconds per epoch) and hardware costs {@code <dataset>/hw/<metric>}.
 */
public final class Nb201Tables {
  public static final List<String> DATASETS = List.of("cifar10-valid", "cifar10", "cifar100", "ImageNet16-120");
  private static final String[] HW = {"edgegpu_latency", "edgegpu_energy", "raspi4_latency", "edgetpu_latency",
      "pixel3_latency", "eyeriss_latency", "eyeriss_energy", "eyeriss_arithmetic_intensity", "fpga_latency", "fpga_energy"};
  /** NASLib op code -> nash op id (NASLib: 0 skip, 1 none, 2 conv3x3, 3 conv1x1, 4 pool). */
  private static final int[] NASLIB_OP = {1, 0, 3, 2, 4};
  /** NASLib tuple position -> official edge (NASLib order 1<-0, 2<-0, 3<-0, 2<-1, 3<-1, 3<-2). */
  private static final int[] NASLIB_EDGE = {0, 1, 3, 2, 4, 5};

  private Nb201Tables() {}

  public static BenchmarkTable load(DataCatalog catalog) {
    Path test200 = catalog.resolve("nb201-test200");
    CsvColumns main = CsvColumns.read(test200).requireRows(Nb201Space.SIZE);
    Nb201Space space = new Nb201Space(List.of(main.strings("ArchitectureString")));
    BenchmarkTable t = new BenchmarkTable(space);
    String src = "nb201-test200:";
    t.add(col("cifar10/test-acc@200", "CIFAR-10 ori-test accuracy (%), trained on train+valid (50k), 200 epochs",
        Aggregate.SEED_MEAN, src + "CIFAR10TestAccuracy200Epochs", main.doubles("CIFAR10TestAccuracy200Epochs")));
    t.add(col("cifar100/test-acc@200", "CIFAR-100 x-test accuracy (%), 200 epochs",
        Aggregate.SEED_MEAN, src + "CIFAR100TestAccuracy200Epochs", main.doubles("CIFAR100TestAccuracy200Epochs")));
    t.add(col("ImageNet16-120/test-acc@200", "ImageNet16-120 x-test accuracy (%), 200 epochs",
        Aggregate.SEED_MEAN, src + "ImageNetTestAccuracy200Epochs", main.doubles("ImageNetTestAccuracy200Epochs")));
    // The other sources are independent of each other: read them in parallel, add them in a fixed order.
    NaslibKeys keys = new NaslibKeys(space);
    List<Callable<List<Column>>> parts = List.of(
        () -> cifar10Valid(space, catalog),
        () -> hp12(space, catalog),
        () -> valid200(keys, catalog),
        () -> hardware(keys, catalog, "cifar10"),
        () -> hardware(keys, catalog, "cifar100"),
        () -> hardware(keys, catalog, "ImageNet16-120"),
        () -> cost(keys, catalog, "cifar10"),
        () -> cost(keys, catalog, "ImageNet16-120"));
    for (List<Column> cols : inParallel(parts)) {
      cols.forEach(t::add);
    }
    return t;
  }

  private static <T> List<T> inParallel(List<Callable<T>> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()),
        r -> {
          Thread th = new Thread(r, "nash-load");
          th.setDaemon(true);
          return th;
        });
    try {
      List<Future<T>> futures = pool.invokeAll(tasks);
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NashException("interrupted while loading NAS-Bench-201");
    } finally {
      pool.shutdownNow();
    }
  }

  private static Column col(String key, String desc, Aggregate agg, String source, double[] v) {
    return new Column(new ColumnInfo(key, desc, unit(key), agg, source), v);
  }

  /** NB-201 column keys name their quantity; the unit follows from it. */
  static Unit unit(String key) {
    String q = key.substring(key.indexOf('/') + 1);
    if (q.contains("-acc")) {
      return Unit.PERCENT;
    } else if (q.contains("-loss")) {
      return Unit.CROSS_ENTROPY;
    } else if (q.contains("-time")) {
      return Unit.SECONDS;
    } else if (q.startsWith("hw/")) {
      return q.contains("energy") ? Unit.MILLIJOULES : q.contains("latency") ? Unit.MILLISECONDS : Unit.NONE;
    } else if (q.equals("flops")) {
      return Unit.MFLOPS;
    } else if (q.equals("params")) {
      return Unit.MILLION_PARAMETERS;
    }
    throw new IllegalArgumentException("no unit for NB-201 column " + key);
  }

  /** Fails unless row i of a file names the same architecture as official index i. */
  static void checkOrder(Nb201Space space, CsvColumns csv, String column) {
    String[] archs = csv.strings(column);
    for (int i = 0; i < archs.length; i++) {
      if (archs[i].equals(space.format(space.byIndex(i)))) {
        continue; // the common case, without parsing
      }
      Arch a = space.parse(archs[i]);
      if (space.indexOf(a) != i) {
        throw new NashException(csv.file() + ":" + csv.line(i) + ", column '" + column + "': architecture "
            + archs[i] + " is official index " + space.indexOf(a) + ", but the row is index " + i);
      }
    }
  }

  private static List<Column> cifar10Valid(Nb201Space space, DataCatalog catalog) {
    List<Column> out = new ArrayList<>();
    CsvColumns csv = CsvColumns.read(catalog.resolve("nb201-cifar10valid200")).requireRows(Nb201Space.SIZE);
    checkOrder(space, csv, "arch_str");
    String src = "nb201-cifar10valid200:";
    String ds = "cifar10-valid/";
    String[][] acc = {
        {"train-acc@200", "train-accuracy", "training accuracy (%) on the 25k train half"},
        {"valid-acc@200", "valid-accuracy", "x-valid accuracy (%) (the other 25k of the training set)"},
        {"test-acc@200", "test-accuracy", "ori-test accuracy (%) of the model trained on 25k"},
        {"train-loss@200", "train-loss", "training cross-entropy"},
        {"valid-loss@200", "valid-loss", "x-valid cross-entropy"},
        {"test-loss@200", "test-loss", "ori-test cross-entropy"},
        {"train-epoch-time", "train-per-time", "seconds per training epoch (simulated, as recorded)"},
        {"valid-epoch-time", "valid-per-time", "seconds per x-valid evaluation"},
        {"test-epoch-time", "test-per-time", "seconds per ori-test evaluation"}};
    for (String[] a : acc) {
      Aggregate agg = a[0].contains("time") ? Aggregate.NOT_A_RUN : Aggregate.SEED_MEAN;
      out.add(col(ds + a[0], "cifar10-valid " + a[2] + (a[0].contains("@") ? ", 200 epochs" : ""), agg,
          src + a[1], csv.doubles(a[1])));
    }
    return out;
  }

  private static List<Column> hp12(Nb201Space space, DataCatalog catalog) {
    List<Column> out = new ArrayList<>();
    Path file = catalog.resolve("nb201-hp12");
    org.nash.table.pickle.PandasFrameReader.Frame f = org.nash.table.pickle.PandasFrameReader.read(file);
    if (f.rows() != Nb201Space.SIZE) {
      throw new NashException(file + ": has " + f.rows() + " rows, expected " + Nb201Space.SIZE);
    }
    String[] cells = f.strings("cellstr");
    for (int i = 0; i < cells.length; i++) {
      if (!cells[i].equals(space.format(space.byIndex(i))) && space.indexOf(space.parse(cells[i])) != i) {
        throw new NashException(file + ": row " + i + " column 'cellstr' is " + cells[i]
            + ", which is not official index " + i);
      }
    }
    String src = "nb201-hp12:";
    String[][] cols = {
        {"cifar10-valid/valid-acc@12", "cifar10-val", "cifar10-valid x-valid accuracy (%)"},
        {"cifar10/test-acc@12", "cifar10-test", "cifar10 ori-test accuracy (%), trained on 50k"},
        {"cifar100/valid-acc@12", "cifar100-val", "cifar100 x-valid accuracy (%)"},
        {"cifar100/test-acc@12", "cifar100-test", "cifar100 x-test accuracy (%)"},
        {"ImageNet16-120/valid-acc@12", "imagenet-val", "ImageNet16-120 x-valid accuracy (%)"},
        {"ImageNet16-120/test-acc@12", "imagenet-test", "ImageNet16-120 x-test accuracy (%)"}};
    for (String[] c : cols) {
      out.add(col(c[0], c[2] + ", 12-epoch schedule (hp=12)", Aggregate.SEED_MEAN, src + c[1], f.doubles(c[1])));
    }
    return out;
  }

  /**
   * Official index by NASLib op-tuple string, as NASLib writes it ({@code "(4, 0, 3, 1, 4, 3)"}): a
   * hash look-up instead of parsing every key of every file. Keys written differently are parsed.
   */
  static final class NaslibKeys {
    private final Nb201Space space;
    private final String[] keyOf;
    private final Map<String, Integer> indexOf;

    NaslibKeys(Nb201Space space) {
      this.space = space;
      keyOf = new String[Nb201Space.SIZE];
      indexOf = new java.util.HashMap<>(2 * Nb201Space.SIZE);
      for (int i = 0; i < Nb201Space.SIZE; i++) {
        int[] ops = space.byIndex(i).ops();
        StringBuilder sb = new StringBuilder("(");
        for (int p = 0; p < 6; p++) {
          sb.append(p == 0 ? "" : ", ").append(NASLIB_OP[ops[NASLIB_EDGE[p]]]); // NASLIB_OP is its own inverse
        }
        keyOf[i] = sb.append(')').toString();
        indexOf.put(keyOf[i], i);
      }
    }

    /** The official index of a key; {@code where} is only built for an error. */
    int index(String key, java.util.function.Supplier<String> where) {
      Integer i = indexOf.get(key);
      if (i != null) {
        return i;
      }
      String w = where.get();
      return space.indexOf(fromNaslib(space, NaslibZenArchive.tuple(key, w), w));
    }

    String key(int index) {
      return keyOf[index];
    }
  }

  /** An architecture from a NASLib op tuple. */
  static Arch fromNaslib(Nb201Space space, int[] tuple, String where) {
    if (tuple.length != 6) {
      throw new NashException(where + ": op tuple " + Arrays.toString(tuple) + " must have 6 entries");
    }
    int[] ops = new int[6];
    for (int p = 0; p < 6; p++) {
      if (tuple[p] < 0 || tuple[p] > 4) {
        throw new NashException(where + ": op code " + tuple[p] + " in " + Arrays.toString(tuple) + " is not 0-4");
      }
      ops[NASLIB_EDGE[p]] = NASLIB_OP[tuple[p]];
    }
    return space.fromOps(ops);
  }

  private static List<Column> valid200(NaslibKeys keys, DataCatalog catalog) {
    List<Column> out = new ArrayList<>();
    Path zip = catalog.resolve("nb201-valid200");
    Map<String, Map<String, Double>> data = NaslibZenArchive.read(zip, "nasbench201");
    String[][] sets = {{"cifar10", "cifar10-valid"}, {"cifar100", "cifar100"}, {"ImageNet16-120", "ImageNet16-120"}};
    for (String[] s : sets) {
      Map<String, Double> values = data.get(s[0]);
      if (values == null || values.size() != Nb201Space.SIZE) {
        throw new NashException(zip + ": dataset " + s[0] + " has " + (values == null ? 0 : values.size())
            + " architectures, expected " + Nb201Space.SIZE);
      }
      double[] v = new double[Nb201Space.SIZE];
      Arrays.fill(v, Double.NaN);
      for (Map.Entry<String, Double> e : values.entrySet()) {
        v[keys.index(e.getKey(), () -> zip + " (" + s[0] + ")")] = e.getValue();
      }
      out.add(col(s[1] + "/valid-acc-single@200", s[1] + " x-valid accuracy (%), 200 epochs, one run (NASLib)",
          Aggregate.SINGLE_RUN, "nb201-valid200:" + s[0] + ".val_accuracy", v));
    }
    return out;
  }

  private static List<Column> hardware(NaslibKeys keys, DataCatalog catalog, String ds) {
    List<Column> out = new ArrayList<>();
    String id = "nb201-hw-" + ds;
    CsvColumns csv = CsvColumns.read(catalog.resolve(id)).requireRows(Nb201Space.SIZE);
    String[] nets = csv.strings("net");
    for (int i = 0; i < nets.length; i++) {
      int row = i;
      if (!nets[i].equals(keys.key(i))
          && keys.index(nets[i], () -> csv.file() + ":" + csv.line(row) + ", column 'net'") != i) {
        throw new NashException(csv.file() + ":" + csv.line(i) + ", column 'net': " + nets[i]
            + " is not official index " + i);
      }
    }
    for (String m : HW) {
      double[] v = csv.doubles(m);
      if (m.equals("edgetpu_latency")) {
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] < 0 ? Double.NaN : v[i]; // HW-NAS-Bench stores -1 where it has no measurement
        }
      }
      out.add(col(ds + "/hw/" + m, "HW-NAS-Bench " + m + (m.contains("energy") ? " (mJ)" : m.contains("latency") ? " (ms)" : ""),
          Aggregate.NOT_A_RUN, id + ":" + m, v));
    }
    return out;
  }

  private static List<Column> cost(NaslibKeys keys, DataCatalog catalog, String ds) {
    String id = "nb201-cost-" + ds;
    CsvColumns csv = CsvColumns.read(catalog.resolve(id));
    double[] flops = new double[Nb201Space.SIZE];
    double[] params = new double[Nb201Space.SIZE];
    Arrays.fill(flops, Double.NaN);
    Arrays.fill(params, Double.NaN);
    String[] nets = csv.strings("net");
    double[] f = csv.doubles("flops");
    double[] p = csv.doubles("params");
    for (int r = 0; r < nets.length; r++) {
      int row = r;
      int i = keys.index(nets[r], () -> csv.file() + ":" + csv.line(row) + ", column 'net'");
      flops[i] = f[r];
      params[i] = p[r];
    }
    String note = " of the " + ds + " network; only the " + nets.length + " non-duplicate cells of NAS-Bench-Suite-Zero";
    return List.of(col(ds + "/flops", "MFLOPs" + note, Aggregate.NOT_A_RUN, id + ":flops", flops),
        col(ds + "/params", "parameters (millions)" + note, Aggregate.NOT_A_RUN, id + ":params", params));
  }
}
