package org.nash.retrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.nash.TestData;

/** NB201's cifar-split.txt parses into two disjoint halves covering the 50k training images. */
class OfficialSplitTest {
  @Test
  void officialSplitIsTwoDisjointHalves() {
    int[][] s = Cifar10Valid.readSplit(TestData.file("nb201-cifar-split"), 50_000);
    assertEquals(25_000, s[0].length);
    assertEquals(25_000, s[1].length);
    BitSet seen = new BitSet(50_000);
    for (int[] part : s) {
      for (int i : part) {
        seen.set(i);
      }
    }
    assertEquals(50_000, seen.cardinality());
  }
}
