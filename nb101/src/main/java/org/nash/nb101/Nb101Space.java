package org.nash.nb101;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;

/**
 * NAS-Bench-101: the 423,624 unique cells of at most 7 vertices and 9 edges with interior ops
 * conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3, found by enumerating every full DAG the way
 * nasbench's {@code generate_graphs.py} does and keeping one cell per isomorphism class.
 *
 * <p>The benchmark has no dense index, so nash defines one: an arch's code and index are the rank
 * of its canonical form ({@link Canon}: smallest encoding over topological vertex orders) among all
 * 423,624 cells. Hash order would need every cell's MD5 hash (24 million digests, 10-30 s), while
 * canonical forms come with the enumeration (about a second). The official string of an arch is
 * its hash. Each cell has a representative spec: the first of its class in nasbench's generation
 * order, which is the adjacency and ops the official data rows store (checked against the
 * published Inception-like example).
 *
 * <p>Local moves follow NASLib's {@code get_nbhd} for nasbench101, applied to the representative
 * padded to 7 vertices as NASLib's {@code convert_to_cell} does for a cell loaded by hash. Built
 * once per JVM: {@link #get()} enumerates (about a second), {@link #get(Path)} reads the cached image
 * ({@link SpaceImage}, tens of milliseconds); 7 MB kept.
 */
public final class Nb101Space extends SearchSpace {
  /** Interior ops in nasbench's {@code available_ops} order; the op id is the hash label. */
  public static final List<String> OPS = List.of("conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3");
  public static final List<String> ALIASES = List.of("c3x3", "c1x1", "pool");
  public static final int SIZE = 423_624;
  /** Vertices of a padded cell (NASLib's fixed 7x7 form). */
  static final int PADDED = 7;

  private static Nb101Space instance;

  private final long[] keys; // canonical key by code, ascending
  private final long[] rep; // representative by code, Canon key layout in generation order
  private final Stats stats;
  private volatile HashIndex hashIndex;

  /** Enumeration figures, for notes and reports. */
  public record Stats(int uniqueCells, long labelledGraphs, long millis) {}

  private Nb101Space(Enumeration e, long startNanos) {
    this(sorted(e), startNanos);
  }

  private Nb101Space(SpaceImage.Cells a, long startNanos) {
    super("nb101", OPS, ALIASES);
    keys = a.keys();
    rep = a.reps();
    stats = new Stats(keys.length, a.labelled(), (System.nanoTime() - startNanos) / 1_000_000);
  }

  /** The enumeration by code: canonical keys ascending, each with its representative. */
  static SpaceImage.Cells sorted(Enumeration e) {
    int n = e.count;
    if (n != SIZE) {
      throw new IllegalStateException("NAS-Bench-101 enumeration gave " + n + " cells, expected " + SIZE);
    }
    // Sort (key, generation index) pairs; keys fit in 43 bits, indices in 19.
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = e.keys[i] << 20 | i;
    }
    Arrays.sort(packed);
    long[] keys = new long[n];
    long[] rep = new long[n];
    for (int c = 0; c < n; c++) {
      int i = (int) (packed[c] & ((1 << 20) - 1));
      keys[c] = e.keys[i];
      rep[c] = e.reps[i];
    }
    return new SpaceImage.Cells(keys, rep, e.labelled);
  }

  /** The space, enumerated on first use (about a second) and kept for the life of the JVM. */
  public static synchronized Nb101Space get() {
    if (instance == null) {
      long t0 = System.nanoTime();
      instance = new Nb101Space(enumerate(), t0);
    }
    return instance;
  }

  /**
   * The space, read on first use from its image in {@code cacheDir} ({@link SpaceImage}: milliseconds),
   * or enumerated and the image written; kept for the life of the JVM.
   */
  public static synchronized Nb101Space get(Path cacheDir) {
    if (instance == null) {
      long t0 = System.nanoTime();
      Path f = SpaceImage.file(cacheDir);
      SpaceImage.Cells a = SpaceImage.read(f, SIZE);
      if (a == null) {
        a = sorted(enumerate());
        SpaceImage.write(f, a);
      }
      instance = new Nb101Space(a, t0);
    }
    return instance;
  }

  public Stats stats() {
    return stats;
  }

  /** Unique cells in generation order with their canonical keys. */
  static final class Enumeration {
    long[] keys = new long[SIZE + 1024];
    long[] reps = new long[SIZE + 1024];
    int count;
    long labelled;
  }

  /**
   * Walks nasbench's generator order: V = 2..7, edge bit masks ascending (bit x + y(y-1)/2 = edge
   * x->y), keeping full DAGs with at most 9 edges, then every labelling of the interior vertices
   * (first vertex slowest). The first cell of each isomorphism class is its representative.
   */
  static Enumeration enumerate() {
    Enumeration e = new Enumeration();
    Key128Map seen = new Key128Map(SIZE);
    int[] ops = new int[PADDED];
    for (int v = 2; v <= PADDED; v++) {
      int m = v * (v - 1) / 2;
      int labelings = (int) Math.pow(3, v - 2);
      for (int bits = 0; bits < 1 << m; bits++) {
        if (Integer.bitCount(bits) > Nb101Spec.MAX_EDGES) {
          continue;
        }
        int[] succ = new int[v];
        int reached = 0;
        for (int y = 1; y < v; y++) {
          for (int x = 0; x < y; x++) {
            if ((bits >>> Canon.bit(x, y) & 1) != 0) {
              succ[x] |= 1 << y;
              reached |= 1 << y;
            }
          }
        }
        boolean full = reached == ((1 << v) - 2);
        for (int x = 0; x < v - 1 && full; x++) {
          full = succ[x] != 0;
        }
        if (!full) {
          continue;
        }
        Canon.Structure st = new Canon.Structure(v, succ);
        for (int lab = 0; lab < labelings; lab++) {
          int rest = lab;
          int enc = 0;
          for (int i = v - 2; i >= 1; i--) {
            ops[i] = rest % 3;
            rest /= 3;
          }
          for (int i = 1; i <= v - 2; i++) {
            enc = enc << 2 | ops[i];
          }
          e.labelled++;
          long key = st.key(ops);
          if (seen.putIfAbsent(0, key, e.count) < 0) {
            if (e.count == e.keys.length) {
              e.keys = Arrays.copyOf(e.keys, e.count * 2);
              e.reps = Arrays.copyOf(e.reps, e.count * 2);
            }
            e.keys[e.count] = key;
            e.reps[e.count] = (long) v << 40 | (long) bits << 10 | enc;
            e.count++;
          }
        }
      }
    }
    return e;
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public int codeRange() {
    return SIZE;
  }

  @Override
  public Arch byIndex(int index) {
    if (index < 0 || index >= SIZE) {
      throw new IndexOutOfBoundsException("NAS-Bench-101 index " + index);
    }
    return arch(index);
  }

  @Override
  public int indexOf(Arch a) {
    return a.code();
  }

  /**
   * The arch of a hash (32 hex digits). The first call builds the hash index: every cell's MD5
   * hash, about 10-30 s of CPU, kept in memory and in {@link HashIndex#cacheFile()}.
   */
  public Arch fromHash(String hex) {
    int c = hashIndex().code(Nb101Hash.hi(hex), Nb101Hash.lo(hex));
    if (c < 0) {
      throw new NashException("'" + hex + "' is not the hash of any of the " + SIZE + " NAS-Bench-101 cells");
    }
    return arch(c);
  }

  /** nasbench's hash of the cell (computed from the representative, tens of microseconds). */
  public String hash(Arch a) {
    HashIndex idx = hashIndex;
    if (idx != null) {
      return idx.hash(a.code());
    }
    Nb101Spec s = spec(a);
    return Nb101Hash.hashModule(s.vertices(), s.succMasks(), s.labels());
  }

  /** The hash of every cell, built on first use (from the disk cache when present and sound). */
  public HashIndex hashIndex() {
    HashIndex idx = hashIndex;
    if (idx == null) {
      synchronized (this) {
        if (hashIndex == null) {
          hashIndex = HashIndex.load(this);
        }
        idx = hashIndex;
      }
    }
    return idx;
  }

  String hashOfRepresentative(int code) {
    Nb101Spec s = Canon.decode(rep[code]);
    return Nb101Hash.hashModule(s.vertices(), s.succMasks(), s.labels());
  }

  /** The arch of any spec (pruned first); a spec outside the space gets an error saying why. */
  public Arch fromSpec(Nb101Spec spec) {
    int c = codeOf(spec);
    if (c < 0) {
      throw new NashException("NAS-Bench-101 spec " + spec + " is outside the space: " + spec.invalidReason());
    }
    return arch(c);
  }

  /** Code of a spec after pruning, or -1 when the pruned spec is outside the space. */
  public int codeOf(Nb101Spec spec) {
    if (!spec.isValid()) {
      return -1;
    }
    int i = Arrays.binarySearch(keys, Canon.key(spec.pruned()));
    return i < 0 ? -1 : i;
  }

  /** The representative spec: the cell as nasbench generated it and the official data stores it. */
  public Nb101Spec spec(Arch a) {
    return Canon.decode(rep[a.code()]);
  }

  /** Accepts a hash or a spec string ({@code <matrix bits>:<ops>}, see {@link Nb101Spec}). */
  @Override
  public Arch parse(String s) {
    if (s != null && Nb101Hash.isHash(s.trim())) {
      return fromHash(s.trim());
    }
    if (s == null || s.indexOf(':') < 0) {
      throw badString(String.valueOf(s), "expected a 32-digit hex hash or <matrix bits>:<ops>");
    }
    return fromSpec(Nb101Spec.parse(s.trim()));
  }

  @Override
  public String format(Arch a) {
    return hash(a);
  }

  /** Interior op ids of the cell (after pruning); empty for the input-to-output cell. */
  @Override
  public int[] ops(Arch a) {
    return spec(a).interiorOps();
  }

  @Override
  public boolean isConnected(Arch a) {
    return true;
  }

  @Override
  public boolean hasDisconnected() {
    return false;
  }

  /**
   * NASLib's neighbourhood (nasbench101 {@code get_nbhd}) of the representative padded to 7
   * vertices: every other op on each used interior vertex, then for each vertex pair (src &lt; dst)
   * removing a used edge or adding an edge that lies on an input-output path, kept when the result
   * is a valid cell. Duplicates (isomorphic results) are kept once, in first-seen order; NASLib
   * keeps them and shuffles. Padding vertices never become used by one edit, so a move never adds
   * a vertex.
   */
  @Override
  public List<Arch> moves(Arch a) {
    int[][] m = paddedMatrix(a);
    int[] ops = paddedOps(a);
    Set<Integer> out = new LinkedHashSet<>();
    boolean[] used = usedVertices(m);
    for (int v = 1; v < PADDED - 1; v++) {
      if (!used[v]) {
        continue;
      }
      for (int op = 0; op < OPS.size(); op++) {
        if (op != ops[v - 1]) {
          int[] o = ops.clone();
          o[v - 1] = op;
          addIfValid(out, m, o);
        }
      }
    }
    for (int src = 0; src < PADDED - 1; src++) {
      for (int dst = src + 1; dst < PADDED; dst++) {
        int[][] n = copy(m);
        n[src][dst] = 1 - n[src][dst];
        if (m[src][dst] == 1 ? onPath(m, src, dst) : onPath(n, src, dst)) {
          addIfValid(out, n, ops);
        }
      }
    }
    out.remove(a.code());
    List<Arch> list = new ArrayList<>(out.size());
    for (int c : out) {
      list.add(arch(c));
    }
    return list;
  }

  private void addIfValid(Set<Integer> out, int[][] m, int[] ops) {
    int c = codeOf(Nb101Spec.of(m, ops));
    if (c >= 0) {
      out.add(c);
    }
  }

  /** Representative padded as NASLib's convert_to_cell: output moved to vertex 6, gaps isolated conv3x3. */
  int[][] paddedMatrix(Arch a) {
    Nb101Spec s = spec(a);
    int n = s.vertices();
    int[][] m = new int[PADDED][PADDED];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (s.hasEdge(i, j)) {
          m[i][j == n - 1 ? PADDED - 1 : j] = 1;
        }
      }
    }
    return m;
  }

  int[] paddedOps(Arch a) {
    Nb101Spec s = spec(a);
    int[] o = new int[PADDED - 2]; // padding vertices hold conv3x3 (id 0), as in NASLib
    for (int v = 1; v < s.vertices() - 1; v++) {
      o[v - 1] = s.op(v);
    }
    return o;
  }

  private static int[][] copy(int[][] m) {
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  private static boolean[] reach(int[][] m, boolean forward) {
    int n = m.length;
    boolean[] r = new boolean[n];
    if (forward) {
      r[0] = true;
      for (int v = 0; v < n; v++) {
        for (int w = v + 1; w < n && r[v]; w++) {
          r[w] |= m[v][w] == 1;
        }
      }
    } else {
      r[n - 1] = true;
      for (int v = n - 1; v >= 0; v--) {
        for (int w = v + 1; w < n && !r[v]; w++) {
          r[v] = m[v][w] == 1 && r[w];
        }
      }
    }
    return r;
  }

  private static boolean[] usedVertices(int[][] m) {
    boolean[] f = reach(m, true);
    boolean[] b = reach(m, false);
    boolean[] u = new boolean[m.length];
    for (int v = 0; v < m.length; v++) {
      u[v] = f[v] && b[v];
    }
    return u;
  }

  /** Whether edge src->dst (present in m) lies on an input-to-output path of m. */
  private static boolean onPath(int[][] m, int src, int dst) {
    return reach(m, true)[src] && reach(m, false)[dst];
  }
}
