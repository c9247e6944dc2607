package org.nash.retrain.net;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.nash.NashException;

/**
 * The operations the retrain network can put on a cell edge, by name, with the ids the network is
 * built from: NB-201's five (ids 0..4, {@link Ops}) and six more as AutoDL-Projects' operation
 * dictionary ({@code xautodl/models/cell_operations.py}) defines them at stride 1 with C_in = C_out
 * = C, affine BN with running statistics (NB-201's convention):
 * <ul>
 *   <li>{@code nor_conv_5x5}: ReLU, conv 5x5 pad 2 (no bias), BN: 25C^2 + 2C parameters;
 *   <li>{@code sep_conv_kxk} (AutoDL's DualSepConv): twice [ReLU, depthwise conv kxk pad k/2, pointwise
 *       1x1, BN]: 2 (k^2 C + C^2 + 2C);
 *   <li>{@code dil_conv_kxk} (AutoDL's SepConv, dilation 2): ReLU, depthwise conv kxk dilation 2 pad k-1,
 *       pointwise 1x1, BN: k^2 C + C^2 + 2C;
 *   <li>{@code max_pool_3x3} (AutoDL's POOLING with C_in = C_out): 3x3 max pooling, stride 1, pad 1,
 *       no BN, no parameters.
 * </ul>
 * The ids are {@code nb201x}'s op ids; {@link #ids} translates another space's ids by name.
 */
public final class CellOps {
  /** Every op the network builds, indexed by the network's op id. */
  public static final List<String> NAMES = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3",
      "avg_pool_3x3", "nor_conv_5x5", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5",
      "max_pool_3x3");
  static final int CONV5X5 = 5;
  static final int SEP3X3 = 6;
  static final int SEP5X5 = 7;
  static final int DIL3X3 = 8;
  static final int DIL5X5 = 9;
  static final int MAX_POOL = 10;

  private CellOps() {}

  /**
   * The network's op id of each of a space's op names; an op the network cannot build is an error
   * naming it, the benchmark and the ops it can build.
   */
  public static int[] ids(List<String> spaceOps, String benchmark) {
    int[] out = new int[spaceOps.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = NAMES.indexOf(spaceOps.get(i));
      if (out[i] < 0) {
        throw new NashException("the retrain network cannot build operation '" + spaceOps.get(i) + "' of benchmark '"
            + benchmark + "'; it builds: " + String.join(", ", NAMES));
      }
    }
    return out;
  }

  /** A cell's ops (ids of its space) as network ids, through {@link #ids}' table. */
  public static int[] translate(int[] ops, int[] idOfSpaceOp) {
    int[] out = new int[ops.length];
    for (int e = 0; e < ops.length; e++) {
      out[e] = idOfSpaceOp[ops[e]];
    }
    return out;
  }

  /** The block of one of the ops beyond NB-201's five. */
  static Block extended(int op, int channels) {
    switch (op) {
      case CONV5X5:
        return Ops.reluConvBn(channels, 5, 1);
      case SEP3X3:
        return dualSep(channels, 3);
      case SEP5X5:
        return dualSep(channels, 5);
      case DIL3X3:
        return sep(channels, 3, 2);
      case DIL5X5:
        return sep(channels, 5, 2);
      case MAX_POOL:
        return Pool.maxPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1));
      default:
        throw new IllegalArgumentException("unknown cell op id " + op + "; known: " + NAMES);
    }
  }

  /** AutoDL's SepConv: ReLU, depthwise kxk (groups = C) with dilation, pointwise 1x1, BN; same size out. */
  static SequentialBlock sep(int channels, int kernel, int dilation) {
    int pad = dilation * (kernel - 1) / 2;
    return new SequentialBlock()
        .add(Activation.reluBlock())
        .add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(kernel, kernel))
            .optPadding(new Shape(pad, pad)).optDilation(new Shape(dilation, dilation)).optGroups(channels)
            .optBias(false).build())
        .add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(1, 1)).optBias(false).build())
        .add(Ops.bn());
  }

  /** AutoDL's DualSepConv: two SepConvs (dilation 1) in a row, DARTS' sep_conv. */
  static SequentialBlock dualSep(int channels, int kernel) {
    return new SequentialBlock().add(sep(channels, kernel, 1)).add(sep(channels, kernel, 1));
  }
}
