package org.nash.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nash.nb201.Nb201Space;
import org.nash.testing.SyntheticSpace;
import org.nash.tnb.TnbMicroSpace;

/** A pool's cells enumerated by code are exactly the cells of the pool, in official index order. */
class PoolIndicesTest {
  private static void everyPool(CellSpace space, List<String> aliases) {
    for (int mask = 1; mask < 1 << aliases.size(); mask++) {
      List<String> ops = new ArrayList<>();
      for (int o = 0; o < aliases.size(); o++) {
        if ((mask & 1 << o) != 0) {
          ops.add(aliases.get(o));
        }
      }
      OpPool pool = OpPool.parse(space, String.join(",", ops));
      int[] expected = IntStream.range(0, space.size()).filter(i -> space.inPool(space.byIndex(i), pool)).toArray();
      assertArrayEquals(expected, space.poolIndices(pool), space + " " + ops);
    }
  }

  @Test
  void nb201InAShuffledOfficialOrder() {
    int[] codes = IntStream.range(0, 15_625).toArray();
    SplittableRandom rng = new SplittableRandom(26);
    for (int i = codes.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = codes[i];
      codes[i] = codes[j];
      codes[j] = t;
    }
    everyPool(Nb201Space.fromCodes(codes), Nb201Space.ALIASES);
  }

  @Test
  void tnbMicroAndTheSyntheticSpace() {
    everyPool(new TnbMicroSpace(), TnbMicroSpace.ALIASES);
    everyPool(new SyntheticSpace(), SyntheticSpace.ALIASES);
  }
}
