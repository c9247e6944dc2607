package org.nash.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.tnb.TnbMicroSpace;

/** ArchMap answers as a HashMap would, through growth and replacement, for codes 0 and up. */
class ArchMapTest {
  @Test
  void behavesLikeAHashMap() {
    CellSpace s = new TnbMicroSpace();
    SplittableRandom rng = new SplittableRandom(3);
    for (int round = 0; round < 50; round++) {
      ArchMap<Integer> m = new ArchMap<>(round % 5 == 0 ? 1 : 64);
      Map<Arch, Integer> ref = new HashMap<>();
      int n = 1 + rng.nextInt(round < 25 ? 200 : 4096 * 2);
      for (int k = 0; k < n; k++) {
        Arch a = s.fromCode(rng.nextInt(k % 7 == 0 ? 8 : s.codeRange())); // code 0 and many repeats too
        if (rng.nextBoolean()) {
          assertEquals(ref.put(a, k), m.put(a, k), a.toString());
        } else {
          assertEquals(ref.get(a), m.get(a), a.toString());
        }
        assertEquals(ref.size(), m.size());
      }
      for (int c = 0; c < s.codeRange(); c++) {
        Arch a = s.fromCode(c);
        assertEquals(ref.get(a), m.get(a));
      }
    }
  }

  @Test
  void oneSpacePerMap() {
    ArchMap<String> m = new ArchMap<>();
    CellSpace a = new TnbMicroSpace();
    CellSpace b = new TnbMicroSpace();
    m.put(a.fromCode(1), "x");
    assertNull(m.get(b.fromCode(1)));
    assertThrows(IllegalArgumentException.class, () -> m.put(b.fromCode(1), "y"));
  }
}
