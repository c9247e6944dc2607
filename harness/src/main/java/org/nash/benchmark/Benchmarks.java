package org.nash.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.table.BenchmarkTable;
import org.nash.table.Nb201Tables;
import org.nash.table.TnbTables;

/** Loads benchmarks by name, once per catalog (loading is pure, so the result is shared). */
public final class Benchmarks {
  public static final List<String> NAMES = List.of("nb201", "tnb-micro", "tnb-macro", "nb101");
  /** Per catalog (by identity, weakly held), benchmarks by name. */
  private static final Map<DataCatalog, Map<String, Benchmark>> CACHE = new java.util.WeakHashMap<>();

  private Benchmarks() {}

  public static Benchmark load(String name, DataCatalog catalog) {
    Map<String, Benchmark> loaded;
    synchronized (CACHE) {
      loaded = CACHE.computeIfAbsent(catalog, c -> new ConcurrentHashMap<>());
    }
    Benchmark b = loaded.get(name);
    if (b == null) {
      loaded.putIfAbsent(name, build(name, catalog));
      b = loaded.get(name);
    }
    return b;
  }

  private static Benchmark build(String name, DataCatalog catalog) {
    return switch (name) {
      case "nb201" -> nb201(catalog);
      case "tnb-micro" -> tnb(name, TnbTables.loadMicro(catalog), catalog, "tnb-micro", "tnb-archs");
      case "tnb-macro" -> tnb(name, TnbTables.loadMacro(catalog), catalog, "tnb-macro", "tnb-archs");
      case "nb101" -> org.nash.nb101.Nb101Benchmark.load(catalog);
      default -> throw new NashException("unknown benchmark '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** Digest of the sha256s of the data files a benchmark is built from. */
  static String version(DataCatalog catalog, String... ids) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String id : ids) {
        String sha = catalog.entry(id).sha256();
        md.update((id + "=" + sha + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Benchmark nb201(DataCatalog catalog) {
    BenchmarkTable t = Nb201Tables.load(catalog);
    Nb201Calibration cal = Nb201Calibration.load(catalog);
    Map<String, Objective> obj = new LinkedHashMap<>();
    CostModel c10 = new Nb201CostModel(t, 1, 1, false,
        "cifar10-valid per-epoch train and valid times of the 200-epoch records (seed mean)");
    obj.put("cifar10-valid", new Objective("cifar10-valid",
        Map.of("hp12", "cifar10-valid/valid-acc@12", "hp200", "cifar10-valid/valid-acc@200"),
        "hp12", "cifar10-valid/test-acc@200", c10));
    // NB201 protocol for CIFAR-10: search on the cifar10-valid validation split, report the test
    // accuracy of the same cell trained on all 50k images.
    obj.put("cifar10", new Objective("cifar10",
        Map.of("hp12", "cifar10-valid/valid-acc@12", "hp200", "cifar10-valid/valid-acc@200"),
        "hp12", "cifar10/test-acc@200", c10));
    for (String ds : List.of("cifar100", "ImageNet16-120")) {
      obj.put(ds, new Objective(ds,
          Map.of("hp12", ds + "/valid-acc@12", "hp200", ds + "/valid-acc-single@200"),
          "hp12", ds + "/test-acc@200", cal.costModel(t, ds)));
    }
    String version = version(catalog, "nb201-test200", "nb201-cifar10valid200", "nb201-hp12", "nb201-valid200",
        "nb201-hw-cifar10", "nb201-hw-cifar100", "nb201-hw-ImageNet16-120", "nb201-cost-cifar10",
        "nb201-cost-ImageNet16-120", "nats-tss-000000", "nats-tss-000011", "nats-tss-000284");
    return new Benchmark("nb201", version, t.space(), t, obj, null);
  }

  private static Benchmark tnb(String name, BenchmarkTable t, DataCatalog catalog, String... ids) {
    Map<String, Objective> obj = new LinkedHashMap<>();
    for (String task : TnbTables.TASKS) {
      String key = TnbTables.metricKey(task);
      obj.put(task, new Objective(task, Map.of("final", key), "final", key, null));
    }
    return new Benchmark(name, version(catalog, ids), t.space(), t, obj, null);
  }
}
