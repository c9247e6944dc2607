package org.nash.analysis.scan;

import java.util.List;
import org.nash.benchmark.Benchmark;
import org.nash.space.Arch;
import org.nash.space.CellSpace;
import org.nash.space.OpPool;
import org.nash.space.SearchSpace;

/**
 * The scanned architectures in a form that is fast to filter: per row of the benchmark table, its op
 * per position, the set of ops it uses (a bit mask), whether it is in the universe (connected, when
 * only connected cells are scanned) and each dataset's metric (NaN = missing).
 */
final class ScanData {
  final Benchmark benchmark;
  final SearchSpace space;
  final List<String> datasets;
  final int rows;
  final int[][] ops;
  final int[] opMask;
  final boolean[] inUniverse;
  final double[][] values;
  /** Op positions per architecture, or -1 when it varies (then per-position analyses are skipped). */
  final int positions;

  ScanData(Benchmark b, ScanOptions o) {
    this.benchmark = b;
    this.space = b.space();
    this.datasets = o.datasets();
    this.rows = space.size();
    this.ops = new int[rows][];
    this.opMask = new int[rows];
    this.inUniverse = new boolean[rows];
    int len = -2;
    for (int r = 0; r < rows; r++) {
      Arch a = space.byIndex(r);
      ops[r] = a.ops();
      for (int op : ops[r]) {
        opMask[r] |= 1 << op;
      }
      inUniverse[r] = !o.connectedOnly() || space.isConnected(a);
      len = len == -2 || len == ops[r].length ? ops[r].length : -1;
    }
    this.positions = len;
    this.values = new double[datasets.size()][];
    for (int d = 0; d < datasets.size(); d++) {
      values[d] = b.table().column(b.objective(datasets.get(d)).reportedKey()).toArray();
    }
  }

  static int mask(OpPool pool) {
    int m = 0;
    for (int op : pool.ids()) {
      m |= 1 << op;
    }
    return m;
  }

  /** Whether row r is scanned and uses only ops of the pool with this mask. */
  boolean inPool(int r, int poolMask) {
    return inUniverse[r] && (opMask[r] & ~poolMask) == 0;
  }

  int opCount() {
    return space.opNames().size();
  }

  List<String> opAliases() {
    return java.util.stream.IntStream.range(0, opCount()).mapToObj(space::opAlias).toList();
  }

  /** Position labels: for cells the edge (target&lt;-source) in official string order. */
  List<String> positionLabels() {
    if (positions < 0) {
      return List.of();
    }
    if (space instanceof CellSpace && positions == CellSpace.EDGES) {
      // Official edge order of the cell string: node1<-0 | node2<-0,1 | node3<-0,1,2.
      return List.of("1<-0", "2<-0", "2<-1", "3<-0", "3<-1", "3<-2");
    }
    return java.util.stream.IntStream.range(0, positions).mapToObj(i -> "pos" + i).toList();
  }

  String arch(int r) {
    return space.format(space.byIndex(r));
  }
}
