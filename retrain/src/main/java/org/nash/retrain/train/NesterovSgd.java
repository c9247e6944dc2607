package org.nash.retrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with Nesterov momentum as PyTorch defines it (dampening 0), the optimizer of NAS-Bench-201:
 * <pre>
 *   g = grad + wd * w;   buf = mu * buf + g;   w -= lr * (g + mu * buf)
 * </pre>
 * with {@code buf} starting at zero (identical to PyTorch's first step, which sets buf = g). Written
 * here because DJL's {@code Nag} is not implemented for the PyTorch engine. Like DJL's own optimizers
 * on that engine it clears the gradient after updating, since PyTorch accumulates gradients. All
 * arithmetic is in place on the weight, the gradient and the momentum buffer, so a step allocates
 * only two temporaries per parameter.
 */
public final class NesterovSgd extends Optimizer {
  private final Tracker learningRate;
  private final float momentum;
  private final Map<String, NDArray> buffers = new HashMap<>();
  private float lastRate = Float.NaN;

  private NesterovSgd(Builder b) {
    super(b);
    this.learningRate = b.learningRate;
    this.momentum = b.momentum;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The learning rate of update number {@code numUpdate} (0 = the first step). */
  public float learningRate(int numUpdate) {
    return learningRate.getNewValue(numUpdate);
  }

  /** The learning rate the last update applied (NaN before the first). */
  public float lastRate() {
    return lastRate;
  }

  /** Updates every parameter from its gradient, closing the gradient handles it opens. */
  public void step(List<Parameter> params) {
    for (Parameter p : params) {
      NDArray w = p.getArray();
      try (NDArray grad = w.getGradient()) {
        update(p.getId(), w, grad);
      }
    }
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    // DJL counts updates from 1 (plus optBeginNumUpdate); the tracker takes the 0-based step.
    float lr = learningRate.getNewValue(updateCount(parameterId) - 1);
    lastRate = lr;
    float wd = getWeightDecay();
    NDArray buf = buffers.computeIfAbsent(parameterId, k -> weight.zerosLike());
    if (rescaleGrad != 1f) {
      grad.muli(rescaleGrad);
    }
    if (wd != 0f) {
      try (NDArray decay = weight.mul(wd)) {
        grad.addi(decay); // g
      }
    }
    buf.muli(momentum).addi(grad);
    try (NDArray look = buf.mul(momentum)) {
      grad.addi(look).muli(lr); // lr * (g + mu * buf)
    }
    weight.subi(grad);
    clearGradient(weight, grad);
  }

  private static void clearGradient(NDArray weight, NDArray grad) {
    if (weight instanceof PtNDArray) {
      JniUtils.zeroGrad((PtNDArray) weight);
    } else {
      grad.muli(0);
    }
  }

  /** Builder: learning-rate tracker (required), momentum (default 0.9), weight decay via optWeightDecays. */
  public static final class Builder extends OptimizerBuilder<Builder> {
    private Tracker learningRate;
    private float momentum = 0.9f;

    public Builder setLearningRateTracker(Tracker t) {
      this.learningRate = t;
      return this;
    }

    public Builder optMomentum(float m) {
      this.momentum = m;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public NesterovSgd build() {
      if (learningRate == null) {
        throw new IllegalArgumentException("NesterovSgd needs a learning-rate tracker");
      }
      return new NesterovSgd(this);
    }
  }
}
