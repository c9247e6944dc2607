package org.nash.retrain.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One NAS-Bench-201 cell: nodes 1..3, each the sum of its incoming edges from all earlier nodes;
 * the output is node 3. Edges in official string order: 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1,
 * 3&lt;-2. A node whose edges are all {@code none} is zero, as in the reference.
 */
final class Nb201Cell extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int[] ops;
  /** The block of each edge; null for none (skipped) and skip_connect (identity). */
  private final Block[] edges = new Block[6];

  Nb201Cell(int[] ops, int channels) {
    super(VERSION);
    if (ops.length != 6) {
      throw new IllegalArgumentException("a NAS-Bench-201 cell has 6 edges, got " + ops.length);
    }
    this.ops = ops.clone();
    for (int e = 0; e < 6; e++) {
      Block b = Ops.edge(ops[e], channels);
      if (b != null) {
        edges[e] = addChildBlock("edge" + e, b);
      }
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray[] nodes = new NDArray[4];
    nodes[0] = inputs.singletonOrThrow();
    int e = 0;
    for (int node = 1; node < 4; node++) {
      NDArray sum = null;
      for (int src = 0; src < node; src++, e++) {
        NDArray out;
        if (ops[e] == Ops.NONE) {
          continue;
        } else if (ops[e] == Ops.SKIP) {
          out = nodes[src];
        } else {
          out = edges[e].forward(ps, new NDList(nodes[src]), training, params).singletonOrThrow();
        }
        sum = sum == null ? out : sum.add(out);
      }
      nodes[node] = sum != null ? sum : nodes[0].zerosLike();
    }
    return new NDList(nodes[3]);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block b : edges) {
      if (b != null) {
        b.initialize(manager, dataType, inputShapes);
      }
    }
  }
}
