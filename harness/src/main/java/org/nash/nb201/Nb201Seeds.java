package org.nash.nb201;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.data.DataCatalog;
import org.nash.table.pickle.NatsArchRecord;
import org.nash.table.pickle.NatsRecordReader;
import org.nash.table.pickle.NatsRun;

/**
 * The per-seed accuracies behind some of the table's seed means: the official NATS-tss records in
 * the data (archs 0, 11 and 284) hold every training seed, e.g. two seeds (111, 777) for hp 12 on
 * cifar10-valid, whose mean is the table's {@code cifar10-valid/valid-acc@12}. The other cells have
 * only the mean in the data.
 */
public final class Nb201Seeds {
  private final Map<Integer, NatsArchRecord> records;

  private Nb201Seeds(Map<Integer, NatsArchRecord> records) {
    this.records = records;
  }

  public static Nb201Seeds load(DataCatalog catalog) {
    Map<Integer, NatsArchRecord> m = new LinkedHashMap<>();
    for (String id : Nb201Calibration.RECORDS) {
      NatsArchRecord r = NatsRecordReader.read(catalog.resolve(id));
      m.put(r.index(), r);
    }
    return new Nb201Seeds(m);
  }

  /** Official indices with per-seed records, ascending. */
  public List<Integer> indices() {
    return records.keySet().stream().sorted().toList();
  }

  /**
   * The per-seed final accuracies (%) behind table column {@code key} ({@code <dataset>/valid-acc@E}
   * or {@code <dataset>/test-acc@E}) for official index {@code index}, in seed order; empty when the
   * data has no per-seed record of that cell, dataset or schedule.
   */
  public double[] values(String key, int index) {
    NatsArchRecord r = records.get(index);
    int slash = key.indexOf('/');
    int at = key.lastIndexOf('@');
    if (r == null || slash < 0 || at < slash) {
      return new double[0];
    }
    String dataset = key.substring(0, slash);
    String metric = key.substring(slash + 1, at);
    String hp = key.substring(at + 1);
    String split = switch (metric) {
      case "valid-acc" -> "x-valid";
      // NB-201's test split is the original CIFAR-10 test set, x-test on the datasets that split it.
      case "test-acc" -> dataset.startsWith("cifar10") ? "ori-test" : "x-test";
      default -> null;
    };
    if (split == null || !r.hps().contains(hp) || !r.datasets().contains(dataset)) {
      return new double[0];
    }
    List<Double> out = new ArrayList<>();
    try {
      for (int seed : r.seeds(dataset, hp)) {
        NatsRun run = r.run(dataset, hp, seed);
        if (!run.evalSplits().contains(split)) {
          return new double[0];
        }
        out.add(run.evalAccuracy(split)[run.epochs() - 1]);
      }
    } catch (org.nash.NashException e) {
      return new double[0]; // this dataset has no runs with this hp
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The seeds of {@link #values}, same order. */
  public List<Integer> seeds(String key, int index) {
    if (values(key, index).length == 0) {
      return List.of();
    }
    return records.get(index).seeds(key.substring(0, key.indexOf('/')), key.substring(key.lastIndexOf('@') + 1));
  }

  /** Where the values come from, for captions. */
  public String describe() {
    return "official NATS-tss records of archs " + indices() + " (data: " + String.join(", ", Nb201Calibration.RECORDS)
        + "); the other cells have only the seed mean in the data";
  }
}
