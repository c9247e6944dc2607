package org.nash.space;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.nash.NashException;

/**
 * The part of a space a search may visit: architectures whose ops all lie in a pool, that have an
 * input-to-output path unless disconnected cells are allowed, and that the oracle can answer (a
 * table that holds only a sample of the space restricts the domain to that sample). Sampling is uniform over the
 * members; mutation is a uniform choice among the member neighbours (for cells this is the same
 * distribution as "pick an edge, then a different op of the pool", conditioned on staying in the
 * domain).
 */
public final class SearchDomain {
  private final SearchSpace space;
  private final OpPool pool;
  private final boolean allowDisconnected;
  private final BitSet member;
  private final int[] members;
  /** The space when it is a cell space (moves by arithmetic on the code), else null. */
  private final CellSpace cells;
  /** Whether the domain holds every cell of its pool's ops (then mutation needs no membership tests). */
  private final boolean complete;
  private final int[] poolIds;

  SearchDomain(SearchSpace space, OpPool pool, boolean allowDisconnected, java.util.function.Predicate<Arch> filter) {
    if (pool.space() != space) {
      throw new IllegalArgumentException("pool of " + pool.space() + " used with " + space);
    }
    this.space = space;
    this.pool = pool;
    this.allowDisconnected = allowDisconnected;
    this.member = new BitSet(space.codeRange());
    // A cell space lists its pool's cells directly (in index order, so the members are the same).
    int[] inPool = space instanceof CellSpace cs ? cs.poolIndices(pool) : null;
    int n = inPool != null ? inPool.length : space.size();
    int[] tmp = new int[n];
    int count = 0;
    for (int j = 0; j < n; j++) {
      Arch a = space.byIndex(inPool != null ? inPool[j] : j);
      if ((inPool != null || space.inPool(a, pool)) && (allowDisconnected || space.isConnected(a)) && filter.test(a)) {
        member.set(a.code());
        tmp[count++] = a.code();
      }
    }
    if (count == 0) {
      throw new NashException("the pool " + pool.label() + " of " + space.name()
          + " contains no architecture" + (allowDisconnected ? "" : " with an input-to-output path")
          + " that the oracle can answer; allow disconnected cells or add ops");
    }
    this.members = java.util.Arrays.copyOf(tmp, count);
    this.cells = space instanceof CellSpace c ? c : null;
    this.poolIds = pool.ids();
    this.complete = cells != null && count == (int) Math.round(Math.pow(poolIds.length, CellSpace.EDGES));
  }

  public SearchSpace space() {
    return space;
  }

  public OpPool pool() {
    return pool;
  }

  public boolean allowsDisconnected() {
    return allowDisconnected;
  }

  public int size() {
    return members.length;
  }

  public boolean contains(Arch a) {
    return a.space() == space && member.get(a.code());
  }

  /** The i-th member, in official index order. */
  public Arch get(int i) {
    return space.arch(members[i]);
  }

  /** All members, in official index order. */
  public List<Arch> enumerate() {
    List<Arch> out = new ArrayList<>(members.length);
    for (int c : members) {
      out.add(space.arch(c));
    }
    return out;
  }

  public Arch sample(SplittableRandom rng) {
    return space.arch(members[rng.nextInt(members.length)]);
  }

  /** Every member one local move away, in a fixed order. */
  public List<Arch> neighbours(Arch a) {
    List<Arch> out = new ArrayList<>();
    for (Arch n : space.moves(a)) {
      if (member.get(n.code())) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * A uniformly chosen member neighbour; the architecture itself if it has none. Draws exactly as
   * {@code neighbours(a).get(rng.nextInt(neighbours(a).size()))} (no draw when there is none), but on
   * cells without building the list: a trial mutates thousands of times.
   */
  public Arch mutate(Arch a, SplittableRandom rng) {
    if (cells != null) {
      int code = a.code();
      if (complete && member.get(code)) {
        // every one-edge change to another pool op is a member: 6 x (|pool| - 1) neighbours, the
        // n-th is edge n / (|pool| - 1), the (n mod (|pool| - 1))-th pool op other than the current one
        int other = poolIds.length - 1;
        if (other == 0) {
          return a;
        }
        int n = rng.nextInt(CellSpace.EDGES * other);
        int edge = n / other;
        int j = n % other;
        int cur = cells.op(a, edge);
        int op = poolIds[j] >= cur ? poolIds[j + 1] : poolIds[j];
        return space.arch(cells.withOp(code, edge, cur, op));
      }
      int n = cells.countMoves(code, member);
      return n == 0 ? a : space.arch(cells.nthMove(code, rng.nextInt(n), member));
    }
    List<Arch> nb = neighbours(a);
    return nb.isEmpty() ? a : nb.get(rng.nextInt(nb.size()));
  }

  /** Whether {@code a} has a member neighbour ({@code !neighbours(a).isEmpty()}, without the list). */
  public boolean hasNeighbour(Arch a) {
    if (cells != null) {
      return cells.countMoves(a.code(), member) > 0;
    }
    return !neighbours(a).isEmpty();
  }

  /** Throws a clear error when an architecture is outside the domain. */
  public void require(Arch a) {
    if (!contains(a)) {
      String why = a.space() != space ? "it belongs to " + a.space().name()
          : !space.inPool(a, pool) ? "it uses an op outside the pool " + pool.label()
          : "it has no input-to-output path and disconnected cells are not allowed";
      throw new NashException("architecture " + a + " is outside the search domain: " + why);
    }
  }

  @Override
  public String toString() {
    return space.name() + "[" + pool.label() + (allowDisconnected ? "" : ", connected only") + "]";
  }
}
