package org.nash.retrain.net;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** The building blocks of NAS-Bench-201 networks, as its reference code defines them. */
final class Ops {
  /** NB201 op ids ({@link org.nash.nb201.Nb201Space#OPS}). */
  static final int NONE = 0;
  static final int SKIP = 1;
  static final int CONV1X1 = 2;
  static final int CONV3X3 = 3;
  static final int AVG_POOL = 4;

  private Ops() {}

  /** Convolution without bias: every conv in NB201 is followed by BN, which has the shift. */
  static Conv2d conv(int channels, int kernel, int stride) {
    int pad = kernel / 2;
    return Conv2d.builder()
        .setFilters(channels)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(false)
        .build();
  }

  /** Affine BN, eps 1e-5, PyTorch momentum 0.1 (DJL counts momentum the other way round: 0.9). */
  static BatchNorm bn() {
    return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
  }

  /** ReLU, conv (no bias), BN: NB201's nor_conv_kxk and the halves of its reduction block. */
  static SequentialBlock reluConvBn(int channels, int kernel, int stride) {
    return new SequentialBlock()
        .add(Activation.reluBlock())
        .add(conv(channels, kernel, stride))
        .add(bn());
  }

  /** 3x3 average pooling, stride 1, padding 1, padded zeros not counted (count_include_pad=False). */
  static Block avgPool3x3() {
    return Pool.avgPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, false);
  }

  /** The block for one cell edge, or null for the parameter-free none and skip_connect. */
  static Block edge(int op, int channels) {
    switch (op) {
      case NONE:
      case SKIP:
        return null;
      case CONV1X1:
        return reluConvBn(channels, 1, 1);
      case CONV3X3:
        return reluConvBn(channels, 3, 1);
      case AVG_POOL:
        return avgPool3x3();
      default:
        // issue 24: the ops of the extended space (nb201x) live in CellOps
        return CellOps.extended(op, channels);
    }
  }
}
