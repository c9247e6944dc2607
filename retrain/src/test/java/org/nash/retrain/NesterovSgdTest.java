package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.retrain.train.NesterovSgd;

/** The optimizer against PyTorch's SGD(nesterov=True) rule computed by hand. */
class NesterovSgdTest {
  @BeforeAll
  static void offline() {
    DjlSetup.offline();
  }

  /** loss = sum(c * w^2) so grad = 2 c w; two steps with a changing lr. */
  @Test
  void matchesHandComputedUpdates() {
    float[] w0 = {1.0f, -2.0f, 0.5f};
    float[] c = {0.5f, 1.5f, -1.0f};
    float mu = 0.9f;
    float wd = 0.01f;
    float[] lrs = {0.1f, 0.05f};
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      p.setArray(m.create(w0));
      NDArray w = p.getArray();
      w.setRequiresGradient(true);
      NDArray cc = m.create(c);
      NesterovSgd opt = NesterovSgd.builder().setLearningRateTracker(step -> lrs[step]).optMomentum(mu)
          .optWeightDecays(wd).build();
      double[] ref = {w0[0], w0[1], w0[2]};
      double[] buf = new double[3];
      for (int step = 0; step < 2; step++) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(w.mul(w).mul(cc).sum());
        }
        opt.step(java.util.List.of(p));
        assertEquals(lrs[step], opt.lastRate(), 0f, "the rate applied");
        for (int i = 0; i < 3; i++) {
          double g = 2 * c[i] * ref[i] + wd * ref[i];
          buf[i] = mu * buf[i] + g;
          ref[i] -= lrs[step] * (g + mu * buf[i]);
        }
        float[] got = w.toFloatArray();
        for (int i = 0; i < 3; i++) {
          assertEquals(ref[i], got[i], 1e-6, "step " + step + " element " + i);
        }
        try (NDArray g = w.getGradient()) {
          assertArrayEquals(new float[3], g.toFloatArray(), "gradient cleared after the update");
        }
      }
      // first step by hand: g = 2*0.5*1 + 0.01*1 = 1.01; buf = 1.01; w = 1 - 0.1*(1.01 + 0.909) = 0.8081
      assertEquals(0.8081, 1.0 - 0.1 * (1.01 + 0.9 * 1.01), 1e-12);
    }
  }
}
