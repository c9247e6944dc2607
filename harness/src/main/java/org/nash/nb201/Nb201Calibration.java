package org.nash.nb201;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nash.benchmark.CostModel;
import org.nash.data.DataCatalog;
import org.nash.table.BenchmarkTable;
import org.nash.table.pickle.NatsArchRecord;
import org.nash.table.pickle.NatsRecordReader;

/**
 * Time scale factors from cifar10-valid to the other NB201 datasets. The tables record per-epoch
 * times for cifar10-valid only; the official NATS records in the data (archs 0, 11 and 284) hold
 * times for every dataset, so the ratio of a dataset's per-epoch time to cifar10-valid's, averaged
 * over those architectures, scales the recorded cifar10-valid times. NATS's own times are one
 * per-epoch constant per architecture and dataset, the same for hp 12 and 200.
 */
final class Nb201Calibration {
  static final String[] RECORDS = {"nats-tss-000000", "nats-tss-000011", "nats-tss-000284"};
  private static final String REF = "cifar10-valid";

  private final List<NatsArchRecord> records;

  private Nb201Calibration(List<NatsArchRecord> records) {
    this.records = records;
  }

  static Nb201Calibration load(DataCatalog catalog) {
    List<NatsArchRecord> recs = new ArrayList<>();
    for (String id : RECORDS) {
      recs.add(NatsRecordReader.read(catalog.resolve(id)));
    }
    return new Nb201Calibration(recs);
  }

  /** Per record: dataset time / cifar10-valid time (train per epoch, or one x-valid evaluation). */
  double[] ratios(String dataset, boolean train) {
    double[] out = new double[records.size()];
    for (int i = 0; i < out.length; i++) {
      NatsArchRecord r = records.get(i);
      double num = train ? r.meanEpochTrainTime(dataset, "200") : r.meanEvalTime(dataset, "200", "x-valid");
      double den = train ? r.meanEpochTrainTime(REF, "200") : r.meanEvalTime(REF, "200", "x-valid");
      out[i] = num / den;
    }
    return out;
  }

  /** The calibrated factors of a dataset and how they were made (a table image stores these). */
  record Scales(double train, double eval, String description) {}

  Scales scales(String dataset) {
    double[] tr = ratios(dataset, true);
    double[] ev = ratios(dataset, false);
    double train = java.util.Arrays.stream(tr).average().orElseThrow();
    double eval = java.util.Arrays.stream(ev).average().orElseThrow();
    double spread = Math.max(range(tr), range(ev));
    List<Integer> idx = new ArrayList<>();
    for (NatsArchRecord r : records) {
      idx.add(r.index());
    }
    String how = String.format(Locale.ROOT,
        "cifar10-valid per-epoch times scaled by %.4f (train) and %.4f (x-valid eval), the mean %s/cifar10-valid"
            + " time ratio of the official NATS records of archs %s (ratios differ across them by at most %.2g)",
        train, eval, dataset, idx, spread);
    return new Scales(train, eval, how);
  }

  static CostModel costModel(BenchmarkTable table, Scales s) {
    return new Nb201CostModel(table, s.train(), s.eval(), true, s.description());
  }

  private static double range(double[] x) {
    return java.util.Arrays.stream(x).max().orElseThrow() - java.util.Arrays.stream(x).min().orElseThrow();
  }
}
