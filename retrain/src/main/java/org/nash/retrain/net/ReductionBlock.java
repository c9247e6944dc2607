package org.nash.retrain.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NB201's residual reduction between stages (its ResNetBasicblock with stride 2): ReLU-Conv3x3
 * (stride 2)-BN then ReLU-Conv3x3-BN, plus a shortcut of 2x2 average pooling and a 1x1 conv without
 * BN. Halves the resolution and changes the width to {@code outChannels}.
 */
final class ReductionBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int outChannels;
  private final Block convA;
  private final Block convB;
  private final Block shortcut;

  ReductionBlock(int outChannels) {
    super(VERSION);
    this.outChannels = outChannels;
    convA = addChildBlock("conv_a", Ops.reluConvBn(outChannels, 3, 2));
    convB = addChildBlock("conv_b", Ops.reluConvBn(outChannels, 3, 1));
    shortcut = addChildBlock("shortcut", new SequentialBlock()
        .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Ops.conv(outChannels, 1, 1)));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray b = convB.forward(ps, convA.forward(ps, inputs, training, params), training, params).singletonOrThrow();
    NDArray s = shortcut.forward(ps, inputs, training, params).singletonOrThrow();
    return new NDList(b.addi(s));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] in) {
    Shape s = in[0];
    return new Shape[] {new Shape(s.get(0), outChannels, s.get(2) / 2, s.get(3) / 2)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    convA.initialize(manager, dataType, inputShapes);
    convB.initialize(manager, dataType, convA.getOutputShapes(inputShapes));
    shortcut.initialize(manager, dataType, inputShapes);
  }
}
