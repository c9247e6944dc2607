package org.nash.table.pickle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.nash.NashException;

/**
 * The official NATS-Bench topology-space record of one architecture (what the API holds as
 * {@code hp -> ArchResults}): its runs per hyper-parameter set ("12", "200") and dataset
 * ("cifar10-valid", "cifar10", "cifar100", "ImageNet16-120"), one per seed. The seed-mean
 * accessors follow the NATS API: a plain mean over the dataset's seeds (which differ per hp and
 * dataset; in the sample records hp "12" has two seeds on cifar10-valid, one elsewhere).
 *
 * <p>Time, as the API defines it: {@code get_more_info(..., iepoch)} reports
 * {@code train-all-time} = sum of the per-epoch {@code train_times} of epochs 0..iepoch and
 * {@code train-per-time} = that sum / (iepoch + 1), likewise {@code valid-per-time} from the
 * x-valid {@code eval_times}; {@code get_cost_info} reports {@code T-train@epoch} (mean over
 * epochs) and {@code T-train@total} (sum), then averages over seeds. {@link #meanEpochTrainTime}
 * and {@link #totalTrainTime} are {@code T-train@epoch} and {@code T-train@total};
 * {@link #meanEvalTime} is {@code T-<split>@epoch}. In the released files these times are
 * estimates, not measurements: one per-epoch constant per architecture and dataset, the same in
 * every epoch, seed and hp (the API's {@code reset_pseudo_train_times}).
 */
public final class NatsArchRecord {
  private final Path source;
  private final int index;
  private final String arch;
  private final Map<String, Map<String, List<NatsRun>>> runs;

  NatsArchRecord(Path source, int index, String arch, Map<String, Map<String, List<NatsRun>>> runs) {
    this.source = source;
    this.index = index;
    this.arch = arch;
    this.runs = Collections.unmodifiableMap(runs);
  }

  /** The architecture's index in the search space ({@code arch_index}). */
  public int index() {
    return index;
  }

  /** The architecture string, e.g. {@code |nor_conv_3x3~0|+|...|}. */
  public String arch() {
    return arch;
  }

  /** Hyper-parameter sets in file order, "12" and "200" (the number of training epochs). */
  public Set<String> hps() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(runs.keySet()));
  }

  /** Datasets with runs under any hp, in file order. */
  public List<String> datasets() {
    Set<String> all = new LinkedHashSet<>();
    runs.values().forEach(m -> all.addAll(m.keySet()));
    return List.copyOf(all);
  }

  /** The seeds of the runs on {@code dataset} with {@code hp}, ascending as in the file. */
  public List<Integer> seeds(String dataset, String hp) {
    return runs(dataset, hp).stream().map(NatsRun::seed).toList();
  }

  public NatsRun run(String dataset, String hp, int seed) {
    for (NatsRun r : runs(dataset, hp)) {
      if (r.seed() == seed) {
        return r;
      }
    }
    throw new NashException(where(dataset, hp) + ": no run with seed " + seed + " (seeds: " + seeds(dataset, hp) + ")");
  }

  /** Training epochs of {@code hp}'s runs on {@code dataset}. */
  public int epochs(String dataset, String hp) {
    return runs(dataset, hp).get(0).epochs();
  }

  /** Seed mean of the mean training seconds per epoch (API {@code T-train@epoch}). */
  public double meanEpochTrainTime(String dataset, String hp) {
    return seedMean(dataset, hp, NatsRun::meanEpochTrainTime);
  }

  /** Seed mean of the total training seconds over all epochs (API {@code T-train@total}). */
  public double totalTrainTime(String dataset, String hp) {
    return seedMean(dataset, hp, r -> sum(r.trainTimes()));
  }

  /** Seed mean of the mean seconds per evaluation of {@code split} (API {@code T-<split>@epoch}). */
  public double meanEvalTime(String dataset, String hp, String split) {
    double t = seedMean(dataset, hp, r -> sum(r.evalTimes(split)) / r.epochs());
    if (Double.isNaN(t)) {
      throw new NashException(where(dataset, hp) + ": eval times of '" + split + "' not recorded for every epoch");
    }
    return t;
  }

  /**
   * Seed-mean top-1 accuracy after {@code epoch} (0-based) on {@code split}: "train" or an eval
   * split such as x-valid, x-test, ori-test.
   */
  public double accuracy(String dataset, String hp, String split, int epoch) {
    int epochs = epochs(dataset, hp);
    if (epoch < 0 || epoch >= epochs) {
      throw new NashException(where(dataset, hp) + ": epoch " + epoch + " outside 0.." + (epochs - 1));
    }
    double a = seedMean(dataset, hp,
        r -> (split.equals("train") ? r.trainAccuracy() : r.evalAccuracy(split))[epoch]);
    if (Double.isNaN(a)) {
      throw new NashException(where(dataset, hp) + ": no '" + split + "' accuracy recorded after epoch " + epoch);
    }
    return a;
  }

  /** Seed-mean accuracy after the last epoch (API {@code get_metrics(dataset, split)}). */
  public double finalAccuracy(String dataset, String hp, String split) {
    return accuracy(dataset, hp, split, epochs(dataset, hp) - 1);
  }

  /** Seed-mean parameters in millions. */
  public double params(String dataset, String hp) {
    return seedMean(dataset, hp, NatsRun::params);
  }

  /** Seed-mean FLOPs in millions. */
  public double flops(String dataset, String hp) {
    return seedMean(dataset, hp, NatsRun::flops);
  }

  /** Mean latency in seconds over the runs that record one, NaN if none does (as the API). */
  public double latency(String dataset, String hp) {
    return runs(dataset, hp).stream().mapToDouble(NatsRun::latency).filter(x -> x > 0).average().orElse(Double.NaN);
  }

  private double seedMean(String dataset, String hp, ToDoubleFunction<NatsRun> f) {
    return runs(dataset, hp).stream().mapToDouble(f).average().orElseThrow();
  }

  private List<NatsRun> runs(String dataset, String hp) {
    Map<String, List<NatsRun>> byDataset = runs.get(hp);
    if (byDataset == null) {
      throw new NashException(source + ": no hp '" + hp + "' (hps: " + runs.keySet() + ")");
    }
    List<NatsRun> list = byDataset.get(dataset);
    if (list == null) {
      throw new NashException(source + ": no dataset '" + dataset + "' with hp " + hp + " (datasets: "
          + new ArrayList<>(byDataset.keySet()) + ")");
    }
    return list;
  }

  private String where(String dataset, String hp) {
    return source + " (" + dataset + ", hp " + hp + ")";
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
