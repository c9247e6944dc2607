package org.nash.retrain.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Random;
import org.nash.retrain.DjlSetup;
import org.nash.retrain.data.BatchSource;
import org.nash.retrain.data.CifarImages;
import org.nash.retrain.data.ImageTransform;
import org.nash.retrain.net.Nb201Network;
import org.nash.retrain.train.NesterovSgd;

/**
 * Timing main (not a test): training throughput of the full loop (batch building, forward, backward,
 * optimizer) on random images. Usage: {@code Throughput [device] [seconds per case]}. Prints images/s
 * of the N=5, C=16 network at batch 256 and 64 for two cells, and steps/s of a tiny network at batch
 * 64, whose time is mostly per-step host overhead.
 */
public final class Throughput {
  public static void main(String[] args) {
    DjlSetup.offline();
    Device device = DjlSetup.device(args.length > 0 ? args[0] : "cpu");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
    Engine e = Engine.getInstance();
    System.out.printf("engine %s %s, device %s, %d cores%n", e.getEngineName(), e.getVersion(), device,
        Runtime.getRuntime().availableProcessors());
    int[] conv3 = {3, 3, 3, 3, 3, 3};
    int[] mixed = {3, 2, 1, 4, 3, 1};
    if (args.length > 2 && args[2].equals("datasets")) {
      // issue 25: the full-size network on each dataset's image size and classes (synthetic pixels)
      for (String ds : new String[] {"cifar10-valid", "cifar100", "ImageNet16-120"}) {
        run("full C=16 N=5 mixed " + ds, mixed, 16, 5, 256, device, seconds, ImageTransform.of(ds));
      }
      return;
    }
    run("tiny C=4 N=1 mixed", mixed, 4, 1, 64, device, seconds);
    run("full C=16 N=5 all-conv3x3", conv3, 16, 5, 256, device, seconds);
    run("full C=16 N=5 all-conv3x3", conv3, 16, 5, 64, device, seconds);
    run("full C=16 N=5 mixed", mixed, 16, 5, 256, device, seconds);
    run("full C=16 N=5 mixed", mixed, 16, 5, 64, device, seconds);
  }

  static void run(String name, int[] ops, int c, int n, int batch, Device device, double seconds) {
    run(name, ops, c, n, batch, device, seconds, ImageTransform.CIFAR10);
  }

  static void run(String name, int[] ops, int c, int n, int batch, Device device, double seconds, ImageTransform t) {
    int images = batch * 8;
    byte[] px = new byte[images * t.pixels()];
    byte[] labels = new byte[images];
    Random r = new Random(1);
    r.nextBytes(px);
    for (int i = 0; i < images; i++) {
      labels[i] = (byte) r.nextInt(t.classes());
    }
    CifarImages data = new CifarImages(px, labels, t.classes(), t);
    try (NDManager root = NDManager.newBaseManager(device)) {
      Block net = Nb201Network.build(ops, c, n, t.classes());
      Nb201Network.initialize(net, root);
      List<Parameter> params = Nb201Network.trainable(net);
      ParameterStore store = new ParameterStore(root, false);
      NesterovSgd opt = NesterovSgd.builder().setLearningRateTracker(Tracker.fixed(0.01f))
          .optWeightDecays(5e-4f).build();
      try (BatchSource src = new BatchSource(data, batch, true, 1, root)) {
        int warm = 3;
        int steps = 0;
        long t0 = 0;
        double elapsed = 0;
        while (true) {
          NDManager sm = root.newSubManager();
          NDArray[] xy = src.next(sm);
          if (xy == null) {
            sm.close();
            src.startEpoch();
            continue;
          }
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(store, new NDList(xy[0]), true).singletonOrThrow();
            gc.backward(logits.logSoftmax(1).gather(xy[1].reshape(-1, 1), 1).mean().neg());
          }
          opt.step(params);
          sm.close();
          steps++;
          if (steps == warm) {
            t0 = System.nanoTime();
          } else if (steps > warm) {
            elapsed = (System.nanoTime() - t0) / 1e9;
            if (elapsed >= seconds) {
              break;
            }
          }
        }
        int timed = steps - warm;
        System.out.printf("%-28s batch %3d: %8.1f images/s, %7.2f steps/s (%d steps, %.1f s, %,d params)%n",
            name, batch, timed * batch / elapsed, timed / elapsed, timed, elapsed, Nb201Network.parameterCount(net));
      }
    }
  }
}
