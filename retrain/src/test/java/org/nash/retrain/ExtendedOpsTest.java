package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.nb201.Nb201xSpace;
import org.nash.retrain.net.CellOps;
import org.nash.retrain.net.Nb201Network;

/**
 * Parameter counts of cells with the ops beyond NB-201's, against counts computed by hand from
 * AutoDL-Projects' definitions (cell_operations.py) at stride 1, C_in = C_out = c, affine BN (2c):
 * nor_conv_5x5 = 25c^2 + 2c; sep_conv_kxk (DualSepConv) = 2 (k^2 c + c^2 + 2c); dil_conv_kxk (SepConv,
 * dilation 2) = k^2 c + c^2 + 2c; max_pool_3x3 = 0. An edge sits in N cells of each stage, at c = C, 2C, 4C.
 */
class ExtendedOpsTest {
  private static final Nb201xSpace X = new Nb201xSpace();

  @BeforeAll
  static void offline() {
    DjlSetup.offline();
  }

  private static long count(String arch, int c, int n) {
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      Block net = Nb201Network.build(X.parse(arch).ops(), c, n, 10);
      Nb201Network.initialize(net, m);
      return Nb201Network.parameterCount(net);
    }
  }

  /** The cell with {@code op} on edge 1<-0 and none elsewhere. */
  private static String oneEdge(String op) {
    return "|" + op + "~0|+|none~0|none~1|+|none~0|none~1|none~2|";
  }

  private static String allEdges(String op) {
    return "|" + op + "~0|+|" + op + "~0|" + op + "~1|+|" + op + "~0|" + op + "~1|" + op + "~2|";
  }

  @Test
  void eachNewOpAddsAutoDlsParametersPerCell() {
    long base = count(allEdges("none"), 16, 5);
    // C=16, N=5: widths 16, 32, 64, five cells each
    // nor_conv_5x5: 25*256+32 = 6432; 25*1024+64 = 25664; 25*4096+128 = 102528; sum 134624, x5
    assertEquals(5 * (6432 + 25664 + 102528), count(oneEdge("nor_conv_5x5"), 16, 5) - base);
    // sep_conv_3x3: 2(9*16+256+32) = 864; 2(9*32+1024+64) = 2752; 2(9*64+4096+128) = 9600; x5
    assertEquals(5 * (864 + 2752 + 9600), count(oneEdge("sep_conv_3x3"), 16, 5) - base);
    // sep_conv_5x5: 2(25*16+256+32) = 1376; 2(25*32+1024+64) = 3776; 2(25*64+4096+128) = 11648; x5
    assertEquals(5 * (1376 + 3776 + 11648), count(oneEdge("sep_conv_5x5"), 16, 5) - base);
    // dil_conv_3x3: 9*16+256+32 = 432; 9*32+1024+64 = 1376; 9*64+4096+128 = 4800; x5
    assertEquals(5 * (432 + 1376 + 4800), count(oneEdge("dil_conv_3x3"), 16, 5) - base);
    // dil_conv_5x5: 25*16+256+32 = 688; 25*32+1024+64 = 1888; 25*64+4096+128 = 5824; x5
    assertEquals(5 * (688 + 1888 + 5824), count(oneEdge("dil_conv_5x5"), 16, 5) - base);
    assertEquals(0, count(oneEdge("max_pool_3x3"), 16, 5) - base);
    // the method on an NB-201 op: nor_conv_3x3 = 9c^2 + 2c: 2336 + 9280 + 36992, x5
    assertEquals(5 * (2336 + 9280 + 36992), count(oneEdge("nor_conv_3x3"), 16, 5) - base);
    // six edges of sep_conv_5x5 at C=4, N=1: 2(25*4+16+8) = 248; 2(25*8+64+16) = 560; 2(25*16+256+32) = 1376
    assertEquals(6 * (248 + 560 + 1376), count(allEdges("sep_conv_5x5"), 4, 1) - count(allEdges("none"), 4, 1));
  }

  @Test
  void everyNewOpKeepsTheFeatureMapSize() {
    for (String op : List.of("nor_conv_5x5", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5",
        "max_pool_3x3")) {
      try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
        Block net = Nb201Network.build(X.parse(allEdges(op)).ops(), 4, 1, 10);
        Nb201Network.initialize(net, m);
        NDArray out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 3, 32, 32))),
            false).singletonOrThrow();
        assertEquals(new Shape(2, 10), out.getShape(), op);
      }
    }
  }

  @Test
  void spaceOpsMapByNameAndUnknownOpsAreClearErrors() {
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, CellOps.ids(Nb201xSpace.OPS, "nb201x"));
    assertArrayEquals(new int[] {6, 1}, CellOps.ids(List.of("sep_conv_3x3", "skip_connect"), "mine"));
    NashException e = assertThrows(NashException.class,
        () -> CellOps.ids(List.of("none", "sep_conv_7x7"), "mine"));
    assertTrue(e.getMessage().contains("cannot build operation 'sep_conv_7x7' of benchmark 'mine'"), e.getMessage());
  }
}
