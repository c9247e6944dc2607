package org.nash.table.pickle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.razorvine.pickle.IObjectConstructor;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.nash.NashException;

/**
 * Reads the official NATS-Bench topology-space release in its "simple" (fast-mode) layout, a
 * folder such as {@code NATS-tss-v1_0-3ffb9-simple/} of bz2-compressed pickles (protocol 4):
 *
 * <pre>
 * meta.pickle.pbz2: {"meta_archs": [15625 arch strings, index order], "total_archs": 15625,
 *                    "arch2infos": None, "evaluated_indexes": set()}
 * 000123.pickle.pbz2: OrderedDict hp -> ArchResults state, hp in ("12", "200"):
 *   {"arch_index": int, "arch_str": str, "clear_net_done": bool,
 *    "dataset_seed": {dataset: [seeds ascending]},
 *    "all_results": {(dataset, seed): ResultsCount state}}
 * ResultsCount state:
 *   {"name": dataset, "seed": str, "epochs": E, "arch_config": {...},
 *    "params": numpy float64 (millions), "flop": float (millions), "latency": [seconds],
 *    "train_acc1es" / "train_acc5es" / "train_losses" / "train_times": {epoch: float} (acc5 may be None),
 *    "eval_names": [split], "eval_acc1es" / "eval_losses" / "eval_times": {"split@epoch": float},
 *    "net_state_dict": None}
 * </pre>
 *
 * In the three sample records (000000, 000011, 000284): datasets cifar10-valid (splits x-valid,
 * ori-test), cifar10 (ori-test), cifar100 and ImageNet16-120 (x-valid, x-test, ori-test); hp "200"
 * has seeds 777, 888, 999 on every dataset, hp "12" has seeds 111 and 777 on cifar10-valid and 111
 * elsewhere; the run's "seed" field is a string ("0777") and is not used. Eval times exist for
 * every split and epoch, eval accuracies too except with hp "200", where cifar10-valid's ori-test
 * and cifar100's and ImageNet16-120's x-valid and x-test are recorded only after the last epoch.
 * Train times are the same constant in every epoch (see {@link NatsArchRecord} on time). The
 * pickled classes are only {@code collections.OrderedDict} and numpy's dtype and scalar (the API's
 * ArchResults/ResultsCount objects are stored as plain dicts).
 */
public final class NatsRecordReader {
  /** Bound on one decompressed str/bytes value; real ones are under 1 KiB. */
  private static final long MAX_VALUE_BYTES = 64L << 20;

  private static final Map<String, IObjectConstructor> GLOBALS = Map.of(
      "collections.OrderedDict", NatsRecordReader::orderedDict,
      "numpy.dtype", Numpy::dtype,
      "numpy.core.multiarray.scalar", Numpy::scalar);

  private NatsRecordReader() {}

  /** The record file of architecture {@code index} in a release folder, {@code %06d.pickle.pbz2}. */
  public static Path recordFile(Path dir, int index) {
    return dir.resolve(String.format("%06d.pickle.pbz2", index));
  }

  /** The architecture strings of {@code meta.pickle.pbz2}, in index order. */
  public static List<String> readArchs(Path metaFile) {
    Object root = load(metaFile);
    return parse(metaFile, () -> {
      Map<?, ?> meta = Py.dict(root, "meta");
      List<String> archs = new ArrayList<>();
      for (Object a : Py.list(Py.get(meta, "meta_archs", "meta"), "meta_archs")) {
        archs.add(Py.str(a, "meta_archs[" + archs.size() + "]"));
      }
      if (meta.containsKey("total_archs") && Py.integer(meta.get("total_archs"), "total_archs") != archs.size()) {
        throw new PickleFormatException("total_archs is " + meta.get("total_archs") + " but meta_archs has "
            + archs.size() + " entries");
      }
      return List.copyOf(archs);
    });
  }

  /** One architecture's record, e.g. {@code 000000.pickle.pbz2}. */
  public static NatsArchRecord read(Path file) {
    Object root = load(file);
    return parse(file, () -> {
      Map<?, ?> byHp = Py.dict(root, "record");
      Integer index = null;
      String arch = null;
      Map<String, Map<String, List<NatsRun>>> runs = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : byHp.entrySet()) {
        String hp = Py.str(e.getKey(), "hp key");
        Map<?, ?> results = Py.dict(e.getValue(), "hp " + hp);
        int i = Py.integer(Py.get(results, "arch_index", "hp " + hp), "hp " + hp + " arch_index");
        String s = Py.str(Py.get(results, "arch_str", "hp " + hp), "hp " + hp + " arch_str");
        if (index != null && (index != i || !arch.equals(s))) {
          throw new PickleFormatException("hp " + hp + " is for arch " + i + " " + s + ", not " + index + " " + arch);
        }
        index = i;
        arch = s;
        runs.put(hp, runsOf(file, hp, results));
      }
      if (index == null) {
        throw new PickleFormatException("no hp entries");
      }
      return new NatsArchRecord(file, index, arch, runs);
    });
  }

  /** hp's runs per dataset, in seed order, from {@code dataset_seed} and {@code all_results}. */
  private static Map<String, List<NatsRun>> runsOf(Path file, String hp, Map<?, ?> results) {
    String where = "hp " + hp;
    Map<String, Map<?, ?>> byKey = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : Py.dict(Py.get(results, "all_results", where), where + " all_results").entrySet()) {
      Object[] key = Py.tuple(e.getKey(), 2, where + " all_results key");
      String name = Py.str(key[0], where + " all_results key") + "@" + Py.integer(key[1], where + " all_results key");
      byKey.put(name, Py.dict(e.getValue(), where + " all_results[" + name + "]"));
    }
    Map<String, List<NatsRun>> out = new LinkedHashMap<>();
    int used = 0;
    for (Map.Entry<?, ?> e : Py.dict(Py.get(results, "dataset_seed", where), where + " dataset_seed").entrySet()) {
      String dataset = Py.str(e.getKey(), where + " dataset_seed key");
      List<NatsRun> list = new ArrayList<>();
      for (Object s : Py.list(e.getValue(), where + " dataset_seed[" + dataset + "]")) {
        int seed = Py.integer(s, where + " dataset_seed[" + dataset + "]");
        Map<?, ?> r = byKey.get(dataset + "@" + seed);
        if (r == null) {
          throw new PickleFormatException(where + ": dataset_seed lists " + dataset + " seed " + seed
              + " but all_results has no such run");
        }
        NatsRun run = run(file, dataset, seed, r, where + " " + dataset + " seed " + seed);
        if (!list.isEmpty() && list.get(0).epochs() != run.epochs()) {
          throw new PickleFormatException(where + " " + dataset + ": runs with " + list.get(0).epochs() + " and "
              + run.epochs() + " epochs");
        }
        list.add(run);
        used++;
      }
      if (list.isEmpty()) {
        throw new PickleFormatException(where + ": dataset " + dataset + " has no seeds");
      }
      out.put(dataset, List.copyOf(list));
    }
    if (used != byKey.size()) {
      throw new PickleFormatException(where + ": all_results has " + byKey.size() + " runs, dataset_seed lists "
          + used);
    }
    return out;
  }

  private static NatsRun run(Path file, String dataset, int seed, Map<?, ?> r, String where) {
    String name = Py.str(Py.get(r, "name", where), where + " name");
    if (!name.equals(dataset)) {
      throw new PickleFormatException(where + ": run is named " + name);
    }
    int epochs = Py.integer(Py.get(r, "epochs", where), where + " epochs");
    if (epochs <= 0) {
      throw new PickleFormatException(where + ": epochs is " + epochs);
    }
    double[] trainTimes = perEpoch(Py.get(r, "train_times", where), epochs, where + " train_times");
    double[] trainAcc = perEpoch(Py.get(r, "train_acc1es", where), epochs, where + " train_acc1es");
    Map<String, double[]> evalTimes = new LinkedHashMap<>();
    Map<String, double[]> evalAcc = new LinkedHashMap<>();
    for (Object n : Py.list(Py.get(r, "eval_names", where), where + " eval_names")) {
      String split = Py.str(n, where + " eval_names");
      evalTimes.put(split, nanArray(epochs));
      evalAcc.put(split, nanArray(epochs));
    }
    perSplitEpoch(Py.get(r, "eval_times", where), evalTimes, where + " eval_times");
    perSplitEpoch(Py.get(r, "eval_acc1es", where), evalAcc, where + " eval_acc1es");
    double params = Py.number(Py.get(r, "params", where), where + " params");
    double flops = Py.number(Py.get(r, "flop", where), where + " flop");
    double latency = Double.NaN;
    Object lat = Py.get(r, "latency", where);
    if (lat != null) {
      List<?> l = Py.list(lat, where + " latency");
      latency = l.stream().mapToDouble(x -> Py.number(x, where + " latency")).average().orElse(Double.NaN);
    }
    return new NatsRun(file, dataset, seed, trainTimes, trainAcc, evalTimes, evalAcc, params, flops, latency);
  }

  /** {@code {epoch: value}} with every epoch 0..epochs-1 present. */
  private static double[] perEpoch(Object o, int epochs, String what) {
    Map<?, ?> m = Py.dict(o, what);
    double[] v = nanArray(epochs);
    for (Map.Entry<?, ?> e : m.entrySet()) {
      int epoch = Py.integer(e.getKey(), what + " key");
      if (epoch < 0 || epoch >= epochs || !Double.isNaN(v[epoch])) {
        throw new PickleFormatException(what + ": unexpected epoch " + epoch + " (epochs: " + epochs + ")");
      }
      v[epoch] = Py.number(e.getValue(), what + "[" + epoch + "]");
    }
    if (m.size() != epochs) {
      throw new PickleFormatException(what + ": " + m.size() + " epochs recorded, expected " + epochs);
    }
    return v;
  }

  /** {@code {"split@epoch": value}} into the per-split arrays; absent entries stay NaN. */
  private static void perSplitEpoch(Object o, Map<String, double[]> bySplit, String what) {
    for (Map.Entry<?, ?> e : Py.dict(o, what).entrySet()) {
      String key = Py.str(e.getKey(), what + " key");
      int at = key.lastIndexOf('@');
      double[] v = at < 0 ? null : bySplit.get(key.substring(0, at));
      int epoch = -1;
      if (v != null) {
        try {
          epoch = Integer.parseInt(key.substring(at + 1));
        } catch (NumberFormatException ignored) {
          // reported below
        }
      }
      if (v == null || epoch < 0 || epoch >= v.length) {
        throw new PickleFormatException(what + ": unexpected key '" + key + "' (splits " + bySplit.keySet() + ")");
      }
      v[epoch] = Py.number(e.getValue(), what + "[" + key + "]");
    }
  }

  private static double[] nanArray(int n) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  private static Object orderedDict(Object[] args) {
    if (args.length != 0) {
      throw new PickleFormatException("OrderedDict(): expected no arguments, found " + args.length);
    }
    return new LinkedHashMap<>();
  }

  private static Object load(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in = new BufferedInputStream(new BZip2CompressorInputStream(raw, true), 1 << 16)) {
      return new StrictUnpickler(GLOBALS, MAX_VALUE_BYTES).load(in);
    } catch (IOException | RuntimeException e) {
      throw new NashException(file + ": " + StrictUnpickler.failure(e, "a bz2-compressed NATS-Bench pickle"), e);
    }
  }

  /** Runs {@code parser} over an unpickled file, reporting a structure mismatch against the file. */
  private static <T> T parse(Path file, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (PickleFormatException e) {
      throw new NashException(file + ": " + StrictUnpickler.failure(e, "the expected NATS-Bench topology file"), e);
    }
  }
}
