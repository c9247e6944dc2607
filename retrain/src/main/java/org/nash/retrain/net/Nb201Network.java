package org.nash.retrain.net;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The NAS-Bench-201 network (the benchmark's TinyNetwork): stem conv3x3 (3-&gt;C, no bias) + BN;
 * three stages of {@code cells} cells at widths C, 2C, 4C with a residual reduction between stages;
 * BN-ReLU, global average pooling and a linear classifier with bias. The benchmark uses C=16, N=5.
 */
public final class Nb201Network {
  private Nb201Network() {}

  /**
   * @param ops the 6 op ids of the cell in official edge order (as {@code Arch.ops()})
   * @param channels C, the width of the first stage
   * @param cells N, cells per stage
   * @param classes outputs of the classifier
   */
  public static Block build(int[] ops, int channels, int cells, int classes) {
    if (channels < 1 || cells < 1 || classes < 2) {
      throw new IllegalArgumentException("need channels >= 1, cells >= 1, classes >= 2");
    }
    SequentialBlock net = new SequentialBlock();
    net.add(Ops.conv(channels, 3, 1)).add(Ops.bn());
    int c = channels;
    for (int stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        c *= 2;
        net.add(new ReductionBlock(c));
      }
      for (int i = 0; i < cells; i++) {
        net.add(new Nb201Cell(ops, c));
      }
    }
    net.add(Ops.bn()).add(Activation.reluBlock()).add(Pool.globalAvgPool2dBlock());
    Linear classifier = Linear.builder().setUnits(classes).build();
    net.add(classifier);
    // PyTorch's default init, which the benchmark kept: weights U(+-1/sqrt(fan_in)) (kaiming_uniform
    // with a=sqrt(5)), the classifier's bias U(+-1/sqrt(in_features)); BN gamma 1, beta 0.
    net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
        XavierInitializer.FactorType.IN, 1f), Parameter.Type.WEIGHT);
    classifier.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(c))), Parameter.Type.BIAS);
    return net;
  }

  /** Allocates the parameters for 32x32 RGB input (batch dimension irrelevant). */
  public static void initialize(Block net, NDManager manager) {
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
  }

  /** The trainable parameters (BN running statistics excluded). */
  public static List<Parameter> trainable(Block net) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : net.getParameters()) {
      if (p.getValue().requiresGradient()) {
        out.add(p.getValue());
      }
    }
    return out;
  }

  /** Trainable parameter count, the benchmark's "params" (without BN running statistics). */
  public static long parameterCount(Block net) {
    long n = 0;
    for (Parameter p : trainable(net)) {
      n += p.getArray().size();
    }
    return n;
  }
}
