package org.nash.surrogate.encoding;

import org.nash.nb101.Nb101Space;
import org.nash.nb101.Nb101Spec;
import org.nash.space.Arch;

/**
 * NB101 path encoding (White et al., BANANAS): one feature per possible input-to-output path,
 * identified by the op sequence along it (0 to 5 interior ops from 3 kinds: 364 sequences),
 * holding how many paths of the cell have that sequence. Isomorphic cells get the same features.
 */
public final class Nb101Paths implements Encoding {
  private static final int OPS = Nb101Space.OPS.size();
  private static final int MAX_LEN = Nb101Spec.MAX_VERTICES - 2;
  private final Nb101Space space;

  public Nb101Paths(Nb101Space space) {
    this.space = space;
  }

  @Override
  public String name() {
    return "path";
  }

  @Override
  public int dim() {
    return offset(MAX_LEN + 1);
  }

  /** First feature of paths with {@code len} interior ops: (3^len - 1) / 2. */
  private static int offset(int len) {
    int p = 1;
    for (int i = 0; i < len; i++) {
      p *= OPS;
    }
    return (p - 1) / (OPS - 1);
  }

  @Override
  public void encode(Arch arch, float[] out, int offset) {
    encode(space.spec(arch), out, offset);
  }

  /** Features of a spec whose vertices all lie on input-output paths (as representatives do). */
  public static void encode(Nb101Spec s, float[] out, int offset) {
    walk(s, 0, 0, 0, out, offset);
  }

  // Depth-first over the DAG; seq is the op sequence so far as a base-3 number, first op lowest.
  private static void walk(Nb101Spec s, int v, int len, int seq, float[] out, int offset) {
    int n = s.vertices();
    for (int w = v + 1; w < n; w++) {
      if (!s.hasEdge(v, w)) {
        continue;
      }
      if (w == n - 1) {
        out[offset + offset(len) + seq]++;
      } else if (len < MAX_LEN) {
        walk(s, w, len + 1, seq + s.op(w) * pow(len), out, offset);
      }
    }
  }

  private static int pow(int e) {
    int p = 1;
    for (int i = 0; i < e; i++) {
      p *= OPS;
    }
    return p;
  }
}
