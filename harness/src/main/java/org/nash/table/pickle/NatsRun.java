package org.nash.table.pickle;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nash.NashException;

/**
 * One NATS-Bench training run (a {@code ResultsCount}): one architecture trained on one dataset
 * with one hyper-parameter set ("12" or "200" epochs) and one seed. Per-epoch arrays are indexed
 * by epoch (0 to {@link #epochs()} - 1); times are in seconds, accuracies in percent. A value the
 * file does not record is NaN: for example with hp "200" the cifar10-valid run records its
 * {@code ori-test} accuracy only after the last epoch, although it records its time every epoch.
 */
public final class NatsRun {
  private final Path source;
  private final String dataset;
  private final int seed;
  private final double[] trainTimes;
  private final double[] trainAccuracy;
  private final Map<String, double[]> evalTimes;
  private final Map<String, double[]> evalAccuracy;
  private final double params;
  private final double flops;
  private final double latency;

  NatsRun(Path source, String dataset, int seed, double[] trainTimes, double[] trainAccuracy,
      Map<String, double[]> evalTimes, Map<String, double[]> evalAccuracy, double params, double flops,
      double latency) {
    this.source = source;
    this.dataset = dataset;
    this.seed = seed;
    this.trainTimes = trainTimes;
    this.trainAccuracy = trainAccuracy;
    this.evalTimes = Collections.unmodifiableMap(evalTimes);
    this.evalAccuracy = Collections.unmodifiableMap(evalAccuracy);
    this.params = params;
    this.flops = flops;
    this.latency = latency;
  }

  public String dataset() {
    return dataset;
  }

  public int seed() {
    return seed;
  }

  public int epochs() {
    return trainTimes.length;
  }

  /** Training seconds of each epoch ({@code train_times}). */
  public double[] trainTimes() {
    return trainTimes.clone();
  }

  /** Top-1 accuracy on the training set after each epoch ({@code train_acc1es}). */
  public double[] trainAccuracy() {
    return trainAccuracy.clone();
  }

  /** The evaluation splits in file order ({@code eval_names}), e.g. x-valid, x-test, ori-test. */
  public List<String> evalSplits() {
    return List.copyOf(evalAccuracy.keySet());
  }

  /** Seconds to evaluate {@code split} after each epoch ({@code eval_times["split@epoch"]}). */
  public double[] evalTimes(String split) {
    return split(evalTimes, split).clone();
  }

  /** Top-1 accuracy on {@code split} after each epoch ({@code eval_acc1es["split@epoch"]}). */
  public double[] evalAccuracy(String split) {
    return split(evalAccuracy, split).clone();
  }

  /** Mean training seconds per epoch: NATS {@code get_times()["T-train@epoch"]}. */
  public double meanEpochTrainTime() {
    return Arrays.stream(trainTimes).average().orElseThrow();
  }

  /** Parameters in millions (the API calls the unit MB). */
  public double params() {
    return params;
  }

  /** FLOPs in millions. */
  public double flops() {
    return flops;
  }

  /** Inference latency in seconds (batch of 256, per the API), NaN if not recorded. */
  public double latency() {
    return latency;
  }

  private double[] split(Map<String, double[]> byName, String name) {
    double[] v = byName.get(name);
    if (v == null) {
      throw new NashException(source + " (" + dataset + ", seed " + seed + "): no evaluation split '" + name
          + "' (splits: " + byName.keySet() + ")");
    }
    return v;
  }
}
