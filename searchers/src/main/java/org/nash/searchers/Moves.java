package org.nash.searchers;

import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.CellSpace;
import org.nash.space.SearchDomain;

/**
 * The sampling and mutation rules the official protocols differ in (docs/PROTOCOLS.md):
 *
 * <ul>
 *   <li>sampler {@code uniform}: uniform over the domain (NB-201, NATS-Bench, nash);
 *       {@code naslib}: uniform, rejecting the cells NASLib's {@code is_valid_arch} rejects. It tests
 *       op indices at NASLib positions 0, 1, 2 or 2, 4, 5 for the value 1. On NB-201 (NASLib's edge
 *       order 1&lt;-0, 2&lt;-0, 3&lt;-0, 2&lt;-1, 3&lt;-1, 3&lt;-2; op 1 = Zero) that is {@code none} on all
 *       three edges out of the input node or into the output node (nasbench201 {@code graph.py}
 *       L255-266: 245 cells). On TNB micro the same check runs on the TNB string digits (edge order
 *       1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2; digit 1 = skip), so it rejects {@code skip} on all
 *       of {1&lt;-0, 2&lt;-0, 2&lt;-1} or {2&lt;-1, 3&lt;-1, 3&lt;-2} (transbench101 {@code graph.py} L363-374:
 *       124 cells, only 2 of which the NB-201 rule would also reject).
 *   <li>mutation {@code uniform_edge}: a uniform member neighbour = a uniform edge, then a different op
 *       (NASLib; nash's default); {@code node_then_edge}: a uniform node 1..3, then one of its incoming
 *       edges, then a different op (NB-201 {@code R_EA.py} L131-148), so edge 1&lt;-0 has probability 1/3,
 *       2&lt;-0 and 2&lt;-1 1/6, 3&lt;-0, 3&lt;-1, 3&lt;-2 1/9.
 * </ul>
 * Both are conditioned on the domain (a pool, connected cells only): a draw outside it is redrawn.
 */
final class Moves {
  /** Edges (official order 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2) into nodes 1, 2 and 3. */
  private static final int[][] INCOMING = {{0}, {1, 2}, {3, 4, 5}};
  /** NB-201: edges out of the input node, and into the output node (nash's official order). */
  private static final int[][] NB201_REJECT = {{0, 1, 3}, {3, 4, 5}};
  /** TNB micro: NASLib positions 0, 1, 2 and 2, 4, 5 of the TNB string order, which is nash's order. */
  private static final int[][] TNB_REJECT = {{0, 1, 2}, {2, 4, 5}};
  private static final int TRIES = 10_000;

  private final SearchDomain domain;
  private final boolean naslibSampler;
  private final boolean nodeThenEdge;
  /** The op NASLib's check looks for (-1: the sampler rejects nothing) and the edge sets it checks. */
  private final int rejectOp;
  private final int[][] rejectEdges;
  /** The pool's op ids, once: a mutation runs thousands of times per trial. */
  private final int[] poolIds;

  Moves(String owner, SearchDomain domain, String sampler, String mutation) {
    this.domain = domain;
    if (!sampler.equals("uniform") && !sampler.equals("naslib")) {
      throw new NashException(owner + ": sampler must be 'uniform' or 'naslib', got '" + sampler + "'");
    }
    if (!mutation.equals("uniform_edge") && !mutation.equals("node_then_edge")) {
      throw new NashException(owner + ": mutation must be 'uniform_edge' or 'node_then_edge', got '" + mutation + "'");
    }
    this.naslibSampler = sampler.equals("naslib");
    this.nodeThenEdge = mutation.equals("node_then_edge");
    boolean cell = domain.space() instanceof CellSpace;
    if ((naslibSampler || nodeThenEdge) && !cell) {
      throw new NashException(owner + ": sampler 'naslib' and mutation 'node_then_edge' need a 4-node cell space"
          + " (nb201, tnb-micro), not " + domain.space().name());
    }
    boolean tnb = cell && domain.space().name().equals("tnb-micro");
    this.rejectOp = !cell ? -1 : domain.space().opNames().indexOf(tnb ? "skip_connect" : "none");
    this.rejectEdges = tnb ? TNB_REJECT : NB201_REJECT;
    this.poolIds = domain.pool().ids();
  }

  static void checkParams(String owner, String sampler, String mutation) {
    if (!sampler.equals("uniform") && !sampler.equals("naslib")) {
      throw new NashException(owner + ": sampler must be 'uniform' or 'naslib', got '" + sampler + "'");
    }
    if (!mutation.equals("uniform_edge") && !mutation.equals("node_then_edge")) {
      throw new NashException(owner + ": mutation must be 'uniform_edge' or 'node_then_edge', got '" + mutation + "'");
    }
  }

  Arch sample(SplittableRandom rng) {
    Arch a = domain.sample(rng);
    if (!naslibSampler || rejectOp < 0) {
      return a;
    }
    for (int t = 0; t < TRIES && rejected(a); t++) {
      a = domain.sample(rng);
    }
    if (rejected(a)) {
      throw new NashException("NASLib's sampler found no cell it accepts in " + domain + " after " + TRIES
          + " draws; use 'sampler: uniform'");
    }
    return a;
  }

  /** NASLib's rejection (see the class comment): one of the two edge sets carries only the checked op. */
  boolean rejected(Arch a) {
    if (rejectOp < 0) {
      return false;
    }
    int[] ops = domain.space().ops(a);
    return all(ops, rejectEdges[0]) || all(ops, rejectEdges[1]);
  }

  private boolean all(int[] ops, int[] edges) {
    for (int e : edges) {
      if (ops[e] != rejectOp) {
        return false;
      }
    }
    return true;
  }

  Arch mutate(Arch a, SplittableRandom rng) {
    if (!nodeThenEdge) {
      return domain.mutate(a, rng);
    }
    int[] pool = poolIds;
    if (pool.length < 2 || !domain.hasNeighbour(a)) {
      return a;
    }
    CellSpace space = (CellSpace) domain.space();
    for (int t = 0; t < TRIES; t++) {
      int[] in = INCOMING[rng.nextInt(INCOMING.length)];
      int edge = in[rng.nextInt(in.length)];
      int[] ops = space.ops(a);
      int cur = ops[edge];
      // a different op of the pool, uniformly (the official code: of all ops, the pool being all)
      int pick = rng.nextInt(pool.length - 1);
      int op = pool[pick];
      if (op == cur || !contains(pool, cur)) {
        op = contains(pool, cur) ? pool[pool.length - 1] : pool[rng.nextInt(pool.length)];
      }
      ops[edge] = op;
      Arch child = space.fromOps(ops);
      if (!child.equals(a) && domain.contains(child)) {
        return child;
      }
    }
    return domain.mutate(a, rng);
  }

  private static boolean contains(int[] xs, int x) {
    for (int v : xs) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }
}
