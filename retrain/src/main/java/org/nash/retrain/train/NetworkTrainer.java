package org.nash.retrain.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.nash.retrain.data.BatchSource;
import org.nash.retrain.data.CifarImages;
import org.nash.retrain.net.Nb201Network;

/**
 * Trains one NAS-Bench-201 network with the benchmark's protocol ({@link TrainSettings}) and
 * evaluates it. A hand-written loop instead of DJL's Trainer/EasyTrain: one sub-manager per step frees
 * the step's arrays at once, loss and accuracy accumulate on the device (no host sync per step), and
 * the optimizer updates in place.
 */
public final class NetworkTrainer {
  /** Progress callbacks; all optional. */
  public interface Listener {
    default void started(long parameters, int stepsPerEpoch) {}

    default void step(int epoch, int step) {}

    /** After each step: the learning rate the optimizer applied in it (step counts from 1). */
    default void rate(int epoch, int step, double learningRate) {}

    default void epoch(EpochResult r) {}
  }

  private final TrainSettings settings;
  private final Device device;

  public NetworkTrainer(TrainSettings settings, Device device) {
    this.settings = settings;
    this.device = device;
  }

  /** Trainings of one cell at most, when a transient fault may have struck (a NaN anywhere). */
  static final int MAX_ATTEMPTS = 4;

  /**
   * Trains and evaluates the cell. A training that ends with a NaN (training or evaluation loss) is run
   * again from the start, with the same seed, up to {@link #MAX_ATTEMPTS} trainings in all, each said on
   * stderr. On the shared CPU machine, under load, about one training in thirty ended with a NaN
   * evaluation while its training losses were those of every other run, and a rerun gave the
   * deterministic result. The same tiny training (arch 1114, C=4, N=1, 64 images) also gave a NaN
   * training loss from its third epoch in about one process in five, the clean result in the others;
   * in one such process the first two trainings diverged differently and the third as the second. So
   * two trainings that diverge alike (the same losses, NaN from the same epoch) are kept as a divergence:
   * nash cannot tell a real divergence from one this process repeats.
   */
  public TrainResult train(int[] ops, CifarImages train, CifarImages valid, Listener listener) {
    return withReruns(() -> trainOnce(ops, train, valid, listener),
        "nash: training of cell " + java.util.Arrays.toString(ops) + " (seed " + settings.seed() + ")");
  }

  /** The policy of {@link #train}: {@code once} trains from the start; what it does is said with {@code what}. */
  static TrainResult withReruns(java.util.function.Supplier<TrainResult> once, String what) {
    TrainResult r = once.get();
    for (int attempt = 2; attempt <= MAX_ATTEMPTS && !Double.isFinite(r.validLoss()); attempt++) {
      System.err.printf(java.util.Locale.ROOT, "%s ended with training loss %s, evaluation loss NaN; training it"
          + " again (%d of at most %d)%n", what, lastTrainLoss(r), attempt, MAX_ATTEMPTS);
      TrainResult again = once.get();
      System.err.printf(java.util.Locale.ROOT, "nash: training %d: training loss %s, evaluation loss %s%n", attempt,
          lastTrainLoss(again), again.validLoss());
      boolean reproduced = divergedAlike(r, again);
      r = again;
      if (reproduced) {
        System.err.printf("%s diverges: the same NaN training loss twice; kept as a divergence%n", what);
        break;
      }
    }
    return r;
  }

  /** Both trainings diverged (a NaN training loss) with the same per-epoch training losses: deterministic. */
  static boolean divergedAlike(TrainResult a, TrainResult b) {
    if (Double.isFinite(lastTrainLoss(a)) || a.epochs().size() != b.epochs().size()) {
      return false;
    }
    for (int i = 0; i < a.epochs().size(); i++) {
      if (Double.doubleToLongBits(a.epochs().get(i).trainLoss()) != Double.doubleToLongBits(b.epochs().get(i).trainLoss())) {
        return false;
      }
    }
    return true;
  }

  private static double lastTrainLoss(TrainResult r) {
    return r.epochs().get(r.epochs().size() - 1).trainLoss();
  }

  private TrainResult trainOnce(int[] ops, CifarImages train, CifarImages valid, Listener listener) {
    long t0 = System.nanoTime();
    Engine.getInstance().setRandomSeed((int) settings.seed());
    // libtorch's grad mode is per thread and DJL turns it off only on the thread that loaded the
    // engine; a runner thread starts with it on, and the in-place weight update would then fail.
    JniUtils.setGradMode(false);
    try (NDManager root = NDManager.newBaseManager(device)) {
      Block net = Nb201Network.build(ops, settings.channels(), settings.cells(), train.classes());
      Nb201Network.initialize(net, root);
      List<Parameter> params = Nb201Network.trainable(net);
      long count = Nb201Network.parameterCount(net);
      ParameterStore store = new ParameterStore(root, false);
      try (BatchSource batches = new BatchSource(train, settings.batchSize(), true, settings.seed(), root);
           BatchSource evalBatches = new BatchSource(valid, settings.evalBatchSize(), false, 0, root)) {
        int steps = batches.batchesPerEpoch();
        // the decimal the settings name (0.1, not the float's 0.10000000149)
        CosineLr schedule = CosineLr.nb201(Double.parseDouble(Float.toString(settings.learningRate())), settings.epochs());
        NesterovSgd opt = NesterovSgd.builder()
            .setLearningRateTracker(schedule)
            .optMomentum(settings.momentum())
            .optWeightDecays(settings.weightDecay())
            .build();
        listener.started(count, steps);
        List<EpochResult> epochs = new ArrayList<>();
        double[] eval = {Double.NaN, Double.NaN};
        for (int e = 1; e <= settings.epochs(); e++) {
          // as NB-201's trainer: the epoch number sets the rate, then each step reports its fraction
          schedule.update(e - 1, 0.0);
          double lr = schedule.rate();
          long s0 = System.nanoTime();
          double[] tr = trainEpoch(net, store, params, opt, schedule, steps, batches, root, e, listener);
          double secs = (System.nanoTime() - s0) / 1e9;
          boolean last = e == settings.epochs();
          if (last || settings.evalEachEpoch()) {
            eval = evaluate(net, store, evalBatches, root);
          }
          EpochResult r = new EpochResult(e, tr[0], tr[1], last || settings.evalEachEpoch() ? eval[0] : Double.NaN,
              last || settings.evalEachEpoch() ? eval[1] : Double.NaN, secs, tr[2] / secs, lr);
          epochs.add(r);
          listener.epoch(r);
        }
        return new TrainResult(count, epochs, eval[1], eval[0], (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /** One epoch; returns {mean loss, accuracy %, images}. */
  private static double[] trainEpoch(Block net, ParameterStore store, List<Parameter> params, NesterovSgd opt,
      CosineLr schedule, int steps, BatchSource batches, NDManager root, int epoch, Listener listener) {
    batches.startEpoch();
    try (NDArray lossSum = root.zeros(new Shape(), DataType.FLOAT32);
         NDArray correct = root.zeros(new Shape(), DataType.INT64)) {
      long seen = 0;
      for (int step = 0; ; step++) {
        try (NDManager sm = root.newSubManager()) {
          NDArray[] xy = batches.next(sm);
          if (xy == null) {
            break;
          }
          schedule.update(-1, (double) step / steps);
          long b = xy[1].getShape().get(0);
          NDArray logits;
          NDArray loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            logits = net.forward(store, new NDList(xy[0]), true).singletonOrThrow();
            loss = crossEntropy(logits, xy[1]);
            gc.backward(loss);
          }
          // outside the collector: no autograd graph for the bookkeeping
          lossSum.addi(loss.mul(b));
          correct.addi(logits.argMax(1).eq(xy[1]).sum());
          opt.step(params);
          seen += b;
        }
        listener.rate(epoch, step + 1, opt.lastRate());
        listener.step(epoch, step + 1);
      }
      return new double[] {lossSum.getFloat() / seen, 100.0 * correct.getLong() / seen, seen};
    }
  }

  /** {mean loss, accuracy %} in inference mode (BN running statistics), no gradients. */
  public static double[] evaluate(Block net, ParameterStore store, BatchSource batches, NDManager root) {
    batches.startEpoch();
    double loss = 0;
    long correct = 0;
    long seen = 0;
    while (true) {
      try (NDManager sm = root.newSubManager()) {
        NDArray[] xy = batches.next(sm);
        if (xy == null) {
          break;
        }
        NDArray logits = net.forward(store, new NDList(xy[0]), false).singletonOrThrow();
        long b = xy[1].getShape().get(0);
        loss += crossEntropy(logits, xy[1]).getFloat() * b;
        correct += logits.argMax(1).eq(xy[1]).sum().getLong();
        seen += b;
      }
    }
    return new double[] {loss / seen, 100.0 * correct / seen};
  }

  /** Mean softmax cross-entropy of logits (B,K) against int64 labels (B). */
  static NDArray crossEntropy(NDArray logits, NDArray labels) {
    return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).mean().neg();
  }
}
