package org.nash.space;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.nb201.Nb201Space;
import org.nash.tnb.TnbMicroSpace;

/**
 * {@link SearchDomain#mutate} draws a neighbour without building the neighbourhood; it must pick the
 * neighbour the list-based rule picked for the same RNG state and leave the RNG in the same state, or
 * every searcher's random stream (and every result file) would change.
 */
class MutationDrawTest {
  /** The rule as it was: every member neighbour in move order, then one uniform draw (none if empty). */
  private static Arch listBased(SearchDomain d, Arch a, SplittableRandom rng) {
    List<Arch> nb = new ArrayList<>();
    for (Arch n : d.space().moves(a)) {
      if (d.contains(n)) {
        nb.add(n);
      }
    }
    return nb.isEmpty() ? a : nb.get(rng.nextInt(nb.size()));
  }

  /** A synthetic NB-201 order (index = code): the rule does not depend on the official order. */
  private static Nb201Space nb201() {
    List<String> order = new ArrayList<>();
    for (int code = 0; code < Nb201Space.SIZE; code++) {
      StringBuilder sb = new StringBuilder();
      int c = code;
      int e = 0;
      for (int node = 0; node < 3; node++) {
        sb.append(node > 0 ? "+|" : "|");
        for (int j = 0; j <= node; j++, e++) {
          sb.append(Nb201Space.OPS.get(c % 5)).append('~').append(j).append('|');
          c /= 5;
        }
      }
      order.add(sb.toString());
    }
    return new Nb201Space(order);
  }

  private static int compare(SearchSpace s, long seed) {
    SplittableRandom pick = new SplittableRandom(seed);
    int checked = 0;
    for (OpPool pool : OpPool.allSubsets(s)) {
      for (boolean disconnected : new boolean[] {true, false}) {
        SearchDomain d;
        try {
          d = s.domain(pool, disconnected);
        } catch (org.nash.NashException empty) {
          continue; // a pool of only 'none' has no connected cell
        }
        for (int t = 0; t < 400; t++) {
          // members and (rarely asked, but defined) non-members alike
          Arch a = t % 4 == 3 ? ((CellSpace) s).fromCode(pick.nextInt(s.codeRange())) : d.sample(pick);
          long state = pick.nextLong();
          SplittableRandom oldRng = new SplittableRandom(state);
          SplittableRandom newRng = new SplittableRandom(state);
          Arch expected = listBased(d, a, oldRng);
          Arch actual = d.mutate(a, newRng);
          String where = s.name() + " " + d + " from " + a + " state " + state;
          assertEquals(expected, actual, where);
          assertEquals(oldRng.nextLong(), newRng.nextLong(), "RNG stream after the draw, " + where);
          assertEquals(!d.neighbours(a).isEmpty(), d.hasNeighbour(a), where);
          checked++;
        }
      }
    }
    return checked;
  }

  @Test
  void nb201DrawsTheSameNeighbourAsTheListForEveryPoolAndManyStates() {
    int n = compare(nb201(), 20260105L);
    assertEquals(31 * 2 * 400 - 400, n); // every pool both ways, but 'none' alone has no connected cell
  }

  @Test
  void tnbMicroDrawsTheSameNeighbourAsTheList() {
    int n = compare(new TnbMicroSpace(), 7L);
    assertEquals(15 * 2 * 400 - 400, n);
  }

  @Test
  void hashCodeIsStillObjectsHashOfNameAndCode() {
    // HashMap/HashSet iteration order over architectures must not change with the cheaper hash.
    Nb201Space s = nb201();
    for (int code : new int[] {0, 1, 4, 777, 15624}) {
      Arch a = s.fromCode(code);
      assertEquals(Objects.hash(s.name(), code), a.hashCode());
    }
  }
}
