package org.nash.plan;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.config.Experiment;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;

/**
 * Which shard runs which trial: a deterministic function of the config and the benchmark only (no
 * oracle is built, so {@code nash merge} can recompute it on a machine without a GPU), balanced by
 * each trial's expected cost with greedy longest-processing-time assignment: trials sorted by expected
 * cost (descending, then grid index) each go to the least loaded shard (the lowest index on a tie).
 * No shard's expected cost then exceeds another's by more than one trial's.
 *
 * <p>The expected cost of a trial is its expected simulated seconds: a time budget is spent whole; a
 * query budget costs the queries times the mean cost of an architecture of the trial's pool (the
 * benchmark's {@link CostModel}), or the queries alone without a cost model. For oracles that train
 * this is the training time; for table oracles every shard gets the same mix of cells, so their wall
 * times balance as well. All trials of one dataset x pool cost the same, so equal costs give the plain
 * round robin, index i to shard i mod N.
 */
public final class ShardPlan {
  private ShardPlan() {}

  /** The expected cost of a trial of each cell (dataset x pool, dataset-major as the grid's cells). */
  static double[] cellWeights(Experiment cfg, Benchmark b, TrialGrid grid) {
    List<OpPool> pools = Planner.pools(cfg, b);
    double[] w = new double[grid.datasets().size() * pools.size()];
    for (int d = 0; d < grid.datasets().size(); d++) {
      Objective full = Planner.searchedObjective(cfg, b, grid.datasets().get(d));
      for (int p = 0; p < pools.size(); p++) {
        int cell = d * pools.size() + p;
        if (grid.maxSeconds(d) > 0) {
          w[cell] = grid.maxSeconds(d);
        } else {
          w[cell] = grid.maxQueries() * meanCost(full, full.fidelity(cfg.fidelity().orElse(null)),
              b.space().domain(pools.get(p), cfg.allowDisconnected()));
        }
      }
    }
    return w;
  }

  /** Mean simulated seconds of an architecture of the domain, or 1 (count queries) without costs. */
  private static double meanCost(Objective obj, Fidelity f, SearchDomain domain) {
    CostModel cost = obj.cost();
    if (cost == null) {
      return 1;
    }
    double sum = 0;
    int n = 0;
    for (int i = 0; i < domain.size(); i++) {
      double s = cost.seconds(domain.get(i).index(), f);
      if (Double.isFinite(s) && s > 0) {
        sum += s;
        n++;
      }
    }
    return n == 0 ? 1 : sum / n;
  }

  /** The shard of every trial of the grid, given the expected cost of each cell's trials. */
  static int[] owners(TrialGrid grid, double[] cellWeights, int count) {
    int[] owner = new int[grid.size()];
    if (count == 1 || grid.isEmpty()) {
      return owner;
    }
    Integer[] cells = new Integer[cellWeights.length];
    for (int c = 0; c < cells.length; c++) {
      cells[c] = c;
    }
    // Cells hold consecutive grid indices, so (cost desc, index) is cells by (cost desc, cell) with each
    // cell's trials in order; the sort is stable.
    Arrays.sort(cells, Comparator.comparingDouble((Integer c) -> -cellWeights[c]));
    // Each trial goes to the least loaded shard, the lowest index on a tie: the least of the order
    // (load, index), which is total, so any exact way of finding it gives the same shares. A shard's
    // start-up computes this for every trial of the study (279,000 trials x 5,000 shards: about a
    // third of a second with a priority queue, issue 26), so it is done in O(1) per trial: within a
    // cell every trial adds the same w, and a shard taken later has a larger key, so its new key
    // (load + w) is larger too; the shards taken in a cell then form a queue in key order, and the
    // least shard is the smaller of its head and the head of the untaken ones, kept sorted. The one
    // exception is rounding (two different loads equal after adding w, the later one with the lower
    // index), which is detected and handled by a heap for the rest of that cell.
    // With costs that are not NaN and not negative, loads are never NaN or -0.0, where Double.compare
    // and the plain comparison operators agree: the per-trial loop then compares inline (no calls).
    boolean plain = true;
    for (double w : cellWeights) {
      plain &= w >= 0;
    }
    if (!plain) {
      double[] load = new double[count];
      int perCell = grid.size() / cellWeights.length;
      for (int c : cells) {
        heapRest(owner, c * perCell, (c + 1) * perCell, cellWeights[c], load, count);
      }
      return owner;
    }
    double[] load = new double[count];
    int[] sorted = new int[count]; // every shard by key; all loads 0: index order
    for (int k = 0; k < count; k++) {
      sorted[k] = k;
    }
    int[] taken = new int[count]; // ring buffer of the shards taken in this cell, in key order
    int perCell = grid.size() / cellWeights.length;
    for (int c : cells) {
      double w = cellWeights[c];
      int next = 0; // head of the untaken shards in sorted
      int head = 0;
      int size = 0;
      int end = (c + 1) * perCell;
      int i = c * perCell;
      boolean queue = true;
      // in runs: the untaken shards before the first taken one (or the taken ones before the first
      // untaken one) are taken one after the other, found by a binary search; the per-trial loop is
      // then a few array operations, cheap even before the JIT compiles it
      while (i < end && queue) {
        boolean untaken;
        int run;
        if (size == 0) {
          untaken = true;
          run = 1; // the taken queue's head is the shard about to be taken: compare from then on
        } else if (next == count) {
          untaken = false;
          run = size;
        } else if (before(sorted[next], taken[head], load)) {
          untaken = true;
          run = firstNotBefore(sorted, next, count, taken[head], load) - next;
        } else {
          untaken = false;
          run = takenBefore(taken, head, size, sorted[next], load);
        }
        run = Math.min(run, end - i);
        for (int j = 0; j < run; j++) {
          int k;
          if (untaken) {
            k = sorted[next++];
          } else {
            k = taken[head];
            head = head + 1 == count ? 0 : head + 1;
            size--;
          }
          owner[i++] = k;
          double lk = load[k] + w;
          load[k] = lk;
          if (size > 0) {
            int back = head + size - 1;
            int b = taken[back >= count ? back - count : back];
            double lb = load[b];
            if (lk < lb || (lk == lb && k < b)) {
              queue = false; // rounding put k before a shard taken earlier: not a queue any more
              break;
            }
          }
          int at = head + size;
          taken[at >= count ? at - count : at] = k;
          size++;
        }
      }
      if (!queue) {
        ROUNDING_FALLBACKS.incrementAndGet();
        heapRest(owner, i, end, w, load, count);
        sortByKey(sorted, load);
        continue;
      }
      // the untaken shards (sorted) merged with the taken ones (in key order): all shards by key
      int[] merged = new int[count];
      int m = 0;
      while (next < count || size > 0) {
        if (size == 0 || (next < count && before(sorted[next], taken[head], load))) {
          merged[m++] = sorted[next++];
        } else {
          merged[m++] = taken[head];
          head = (head + 1) % count;
          size--;
        }
      }
      sorted = merged;
    }
    return owner;
  }

  /** The first position in {@code sorted[from, to)} whose shard is not before shard {@code k}. */
  private static int firstNotBefore(int[] sorted, int from, int to, int k, double[] load) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (before(sorted[mid], k, load)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** How many shards at the head of the taken ring buffer come before shard {@code k}. */
  private static int takenBefore(int[] taken, int head, int size, int k, double[] load) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (before(taken[(head + mid) % taken.length], k, load)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** How often a cell needed the heap (for the test that the rounding case is exercised). */
  static final java.util.concurrent.atomic.AtomicInteger ROUNDING_FALLBACKS = new java.util.concurrent.atomic.AtomicInteger();

  /** The rest of a cell's trials, {@code [from, end)}, by a binary heap over every shard's key. */
  private static void heapRest(int[] owner, int from, int end, double w, double[] load, int count) {
    int[] heap = new int[count];
    for (int k = 0; k < count; k++) {
      heap[k] = k;
    }
    sortByKey(heap, load); // sorted is a heap
    for (int i = from; i < end; i++) {
      int k = heap[0];
      owner[i] = k;
      load[k] += w;
      siftDown(heap, load, count);
    }
  }

  /** Sorts shard indices by key (load, index). */
  private static void sortByKey(int[] shards, double[] load) {
    Integer[] boxed = new Integer[shards.length];
    for (int j = 0; j < shards.length; j++) {
      boxed[j] = shards[j];
    }
    Arrays.sort(boxed, (a, b) -> before(a, b, load) ? -1 : a.equals(b) ? 0 : 1);
    for (int j = 0; j < shards.length; j++) {
      shards[j] = boxed[j];
    }
  }

  /** Restores the heap after its top's load grew. */
  private static void siftDown(int[] heap, double[] load, int n) {
    int k = heap[0];
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && before(heap[child + 1], heap[child], load)) {
        child++;
      }
      if (!before(heap[child], k, load)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = k;
  }

  /** Whether shard {@code a} comes before {@code b}: less loaded, or as loaded and a lower index. */
  static boolean before(int a, int b, double[] load) {
    int c = Double.compare(load[a], load[b]);
    return c < 0 || (c == 0 && a < b);
  }

  /** The trials of shard {@code k}. */
  public static BitSet members(int[] owners, int k) {
    BitSet m = new BitSet(owners.length);
    for (int i = 0; i < owners.length; i++) {
      if (owners[i] == k) {
        m.set(i);
      }
    }
    return m;
  }

  /** The owners of a plan's grid for {@code count} shards. */
  public static int[] owners(Experiment resolved, Benchmark b, TrialGrid grid, int count) {
    // A shard's start-up asks twice (its size for the progress bar, then its run): the last answer is
    // kept for the same objects.
    Memo m = last;
    if (m == null || m.resolved != resolved || m.benchmark != b || m.grid != grid || m.count != count) {
      m = new Memo(resolved, b, grid, count, owners(grid, count == 1 ? new double[] {1} : cellWeights(resolved, b, grid),
          count));
      last = m;
    }
    return m.owners.clone();
  }

  private record Memo(Experiment resolved, Benchmark benchmark, TrialGrid grid, int count, int[] owners) {}

  private static volatile Memo last;
}
