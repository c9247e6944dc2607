package org.nash.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.benchmark.Benchmarks;
import org.nash.nb101.Nb101Spec;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;
import org.nash.surrogate.encoding.CellOneHot;
import org.nash.surrogate.encoding.CellStructure;
import org.nash.surrogate.encoding.Encoding;
import org.nash.surrogate.encoding.MacroBlocks;
import org.nash.surrogate.encoding.Nb101Adjacency;
import org.nash.surrogate.encoding.Nb101Paths;
import org.nash.tnb.TnbMacroSpace;

/** The encodings on hand-checked architectures. */
class EncodingTest {
  private static float[] encode(Encoding e, Arch a) {
    float[] out = new float[e.dim()];
    e.encode(a, out, 0);
    return out;
  }

  @Test
  void cellOneHotAndStructure() {
    SearchSpace s = Benchmarks.load("nb201", TestData.catalog()).space();
    // Only edge 1->2 (c3x3) and 2->3 (c3x3) lead nowhere from the input: the cell is disconnected.
    Arch dead = s.parse("|none~0|+|none~0|nor_conv_3x3~1|+|none~0|none~1|nor_conv_3x3~2|");
    var hot = new CellOneHot((org.nash.space.CellSpace) s);
    float[] h = encode(hot, dead);
    assertEquals(30, hot.dim());
    assertEquals(6, sum(h, 0, 30));
    assertEquals(1, h[2 * 5 + 3]); // edge 2 (1->2) is conv3x3
    var st = new CellStructure((org.nash.space.CellSpace) s);
    float[] f = encode(st, dead);
    assertEquals(6, sum(f, 30, 60), "dead edges become none");
    assertEquals(1, f[30 + 2 * 5], "edge 2 is dead, so encoded as none");
    assertEquals(0, f[60 + 5], "not connected");
    Arch chain = s.parse("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|nor_conv_1x1~2|");
    float[] g = encode(st, chain);
    assertEquals(1, f[60 + 5] + g[60 + 5]);
    int path0123 = 66 + 3 * 6;
    assertEquals(1, g[path0123]);
    assertEquals(1, g[path0123 + 1 + 3]); // one conv3x3
    assertEquals(1, g[path0123 + 1 + 1]); // one skip
    assertEquals(1, g[path0123 + 1 + 2]); // one conv1x1
  }

  @Test
  void macroBlocks() {
    TnbMacroSpace s = (TnbMacroSpace) Benchmarks.load("tnb-macro", TestData.catalog()).space();
    float[] f = encode(new MacroBlocks(s), s.parse("64-41414-basic"));
    assertEquals(4, f[0]);
    assertEquals(0, f[5], "no 6th block");
    assertEquals(1, f[6 + 5 * 5 + 0], "6th position one-hot says absent");
    assertEquals(5, f[36]);
    assertEquals(3, f[37], "three channel doublings");
    assertEquals(3, f[38], "three downsamples");
  }

  @Test
  void nb101PathsAndAdjacency() {
    // input -> conv3x3 -> maxpool -> output, plus input -> output directly.
    int[][] m = {{0, 1, 0, 1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    Nb101Spec spec = Nb101Spec.of(m, 0, 2);
    float[] p = new float[364];
    Nb101Paths.encode(spec, p, 0);
    assertEquals(1, p[0], "the empty path input -> output");
    assertEquals(1, p[4 + 0 + 2 * 3], "conv3x3 then maxpool: length 2 offset 4, sequence 0 + 2*3");
    assertEquals(2, sum(p, 0, 364));
    float[] a = new float[46];
    Nb101Adjacency.encode(spec, a, 0);
    assertEquals(1, a[0], "0 -> 1");
    assertEquals(1, a[5], "0 -> output, padded to vertex 6");
    assertEquals(1, a[6], "1 -> 2");
    assertEquals(1, a[11 + 3], "2 -> output (vertex 6): row 2 starts at 6 + 5");
    assertEquals(4, sum(a, 0, 21));
    assertEquals(1, a[21 + 0], "slot 1 conv3x3");
    assertEquals(1, a[21 + 4 + 2], "slot 2 maxpool");
    assertEquals(1, a[21 + 8 + 3], "slot 3 absent");
  }

  private static float sum(float[] v, int from, int to) {
    float s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s;
  }
}
