package org.nash.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.oracle.Observation;
import org.nash.oracle.TabularOracle;
import org.nash.space.Arch;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;

class Nb201xTest {
  private final Nb201xSpace x = new Nb201xSpace();

  @Test
  void stringsRoundTripAndCodesAreTheIndex() {
    String s = "|sep_conv_3x3~0|+|nor_conv_3x3~0|max_pool_3x3~1|+|skip_connect~0|dil_conv_5x5~1|nor_conv_5x5~2|";
    Arch a = x.parse(s);
    assertEquals(s, a.toString());
    // code = sum op[e] * 11^e over edges in string order: 6 + 3*11 + 10*121 + 1*1331 + 9*14641 + 5*161051
    assertEquals(6 + 3 * 11 + 10 * 121 + 1331 + 9 * 14641 + 5 * 161051, a.index());
    assertEquals(a, x.byIndex(a.index()));
    assertEquals(11 * 11 * 11 * 11 * 11 * 11, x.size());
    assertEquals(List.of("sep_conv_3x3", "max_pool_3x3", "dil_conv_5x5", "nor_conv_5x5"), x.newOps(a));
    assertFalse(x.isNb201(a));
  }

  @Test
  void nb201CellsMapToNb201Codes() {
    Arch a = x.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
    assertTrue(x.isNb201(a));
    // NB-201's code of the same ops, radix 5: 3 + 3*5 + 4*25 + 1*125 + 3*625 + 1*3125
    assertEquals(3 + 15 + 100 + 125 + 1875 + 3125, Nb201xSpace.nb201Code(a.code()));
  }

  @Test
  void unknownOpIsAClearError() {
    NashException e = assertThrows(NashException.class,
        () -> x.parse("|sep_conv_7x7~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
    assertTrue(e.getMessage().contains("unknown op 'sep_conv_7x7'"), e.getMessage());
    NashException p = assertThrows(NashException.class, () -> OpPool.parse(x, "skip,sep7x7"));
    assertTrue(p.getMessage().contains("unknown operation 'sep7x7'") && p.getMessage().contains("dil_conv_3x3 (dil3x3)"),
        p.getMessage());
  }

  @Test
  void fullIsNb201sFiveAndAllIsEleven() {
    OpPool full = OpPool.parse(x, "full");
    assertEquals(5, full.cardinality());
    assertEquals("full", full.label());
    assertEquals("full", OpPool.parse(x, "none,skip,c1x1,c3x3,pool").label());
    OpPool all = OpPool.parse(x, "all");
    assertEquals(11, all.cardinality());
    assertEquals("all", all.label());
    assertEquals(all, OpPool.parse(x, "extended"));
    OpPool some = OpPool.parse(x, "skip,c3x3,sep_conv_3x3,dil3x3,maxpool");
    assertEquals("skip+c3x3+sep3x3+dil3x3+maxpool", some.label());
    // papers' spellings work as on nb201
    assertEquals(OpPool.parse(x, "c5x5"), OpPool.parse(x, "conv5x5"));
  }

  @Test
  void domainOfAPoolHoldsItsCellsAndMutatesWithinIt() {
    OpPool p = OpPool.parse(x, "skip,c3x3,sep3x3");
    SearchDomain d = x.domain(p, true);
    assertEquals(3 * 3 * 3 * 3 * 3 * 3, d.size());
    SplittableRandom rng = new SplittableRandom(1);
    Arch a = d.sample(rng);
    for (int i = 0; i < 100; i++) {
      a = d.mutate(a, rng);
      assertTrue(d.contains(a));
    }
    assertEquals(6 * 2, d.neighbours(a).size());
  }

  @Test
  void tableAnswersExactlyTheNb201CellsWithNb201sValues() {
    Benchmark nb = Benchmarks.load("nb201", TestData.catalog());
    Benchmark bx = Benchmarks.load("nb201x", TestData.catalog());
    assertEquals(nb.version(), bx.version());
    String key = "cifar10-valid/valid-acc@12";
    Arch best = nb.space().byIndex(6111);
    Arch same = bx.space().parse(best.toString());
    assertEquals(nb.table().value(key, best), bx.table().value(key, same));
    assertEquals(nb.space().size(), bx.table().column(key).coverage());
    TabularOracle o = new TabularOracle(bx, "cifar10", Nb201Benchmark.HP12);
    Observation ob = o.query(same, new SplittableRandom(0));
    Observation on = new TabularOracle(nb, "cifar10", Nb201Benchmark.HP12).query(best, new SplittableRandom(0));
    assertEquals(on, ob);
    Arch sep = bx.space().parse("|sep_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|none~1|none~2|");
    assertFalse(o.answers(sep));
    assertTrue(Double.isNaN(o.query(sep, new SplittableRandom(0)).signal()));
  }
}
