package org.nash.plan;

import java.util.ArrayList;
import java.util.List;
import org.nash.space.OpPool;

/**
 * Pools that are legal but most likely a mistake: one operation, fewer than {@link #MIN_CELLS}
 * architectures (a search there is mostly re-queries), or several single-operation pools in a row,
 * which is what YAML makes of an unquoted {@code pools: [full, skip,c1x1,c3x3]}. {@code nash run}
 * prints them; {@code --strict} makes them errors.
 */
public final class PoolWarnings {
  /** Below this many architectures a pool leaves a searcher nothing to search. */
  public static final int MIN_CELLS = 16;

  private PoolWarnings() {}

  public static List<String> of(Plan plan) {
    List<String> out = new ArrayList<>();
    List<String> labels = plan.trials().pools();
    List<OpPool> pools = Planner.pools(plan.experiment(), plan.benchmark());
    for (int p = 0; p < labels.size(); p++) {
      OpPool pool = pools.get(p);
      // the first dataset's domain: pools hold the same architectures on every dataset of a table
      int cells = plan.cells().get(p).domain().size();
      if (pool.cardinality() == 1) {
        out.add("pool '" + labels.get(p) + "' has a single operation: " + cells + " architecture(s), so every trial"
            + " finds the same one");
      } else if (cells < MIN_CELLS) {
        out.add("pool '" + labels.get(p) + "' holds only " + cells + " architectures (fewer than " + MIN_CELLS
            + "): a search there is mostly re-queries");
      }
    }
    // a run of adjacent single-operation pools whose union is not a pool of the list itself
    for (int i = 0; i < pools.size(); ) {
      int j = i;
      while (j < pools.size() && pools.get(j).cardinality() == 1) {
        j++;
      }
      if (j - i >= 2) {
        List<String> run = labels.subList(i, j);
        OpPool union = OpPool.parse(plan.benchmark().space(), String.join(",", run));
        if (!pools.contains(union)) {
          out.add("pools " + String.join(", ", run) + " look like one pool split by YAML (an unquoted list inside a"
              + " list splits at its commas); if you meant one pool, quote it: pools: [..., \"" + String.join(",", run)
              + "\"]");
        }
      }
      i = Math.max(j, i + 1);
    }
    return out;
  }
}
