package org.nash.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.nash.space.SearchSpace;
import org.nash.table.Column;

/** The synthetic benchmark is what the tests built on it assume: its space, its function, its costs. */
class SyntheticBenchmarkTest {
  private final Benchmark b = Synthetic.benchmark();
  private final SearchSpace space = b.space();

  @Test
  void spaceIndicesAndStringsRoundTrip() {
    assertEquals(4096, space.size());
    for (int i = 0; i < space.size(); i++) {
      Arch a = space.byIndex(i);
      assertEquals(i, a.index());
      assertEquals(a, space.parse(a.toString()));
    }
    assertEquals("syn-000000", space.byIndex(0).toString());
    assertEquals("syn-000001", space.byIndex(1).toString());
    assertEquals("syn-333333", space.byIndex(4095).toString());
    NashException e = assertThrows(NashException.class, () -> space.parse("syn-012342"));
    assertTrue(e.getMessage().contains("op '4' of edge 4"), e.getMessage());
    assertThrows(NashException.class, () -> space.parse("syn-0123"));
    assertEquals(64, space.domain(space.pool("skip,c3x3"), true).size());
    assertEquals(729, space.domain(space.pool("skip,c1x1,c3x3"), true).size());
    SearchDomain connected = space.domain(space.fullPool(), false);
    assertTrue(connected.size() < 4096 && !connected.contains(space.parse("syn-000000")), connected.toString());
  }

  @Test
  void theTableIsAPureFunctionWithAVersion() {
    Benchmark again = new SyntheticBenchmark().load(null);
    assertEquals(b.version(), again.version());
    assertTrue(b.version().matches("[0-9a-f]{12}"), b.version());
    assertEquals(64, b.dataFiles().get(SyntheticBenchmark.DATA_ID).length());
    assertTrue(b.dataFiles().get(SyntheticBenchmark.DATA_ID).startsWith(b.version()));
    assertEquals(SyntheticBenchmark.DATASETS, b.datasets());
    for (Column c : b.table().columns()) {
      assertArrayEqualsExactly(c.toArray(), again.table().column(c.key()).toArray(), c.key());
      assertEquals(4096, c.coverage(), c.key());
    }
  }

  private static void assertArrayEqualsExactly(double[] a, double[] b, String what) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Double.doubleToLongBits(a[i]), Double.doubleToLongBits(b[i]), what + " row " + i);
    }
  }

  @Test
  void smoothHasOneLocalOptimumAndRuggedSeveral() {
    SearchDomain connected = space.domain(space.fullPool(), false);
    List<Arch> smooth = localOptima(connected, b.table().column("smooth/valid@50"));
    assertEquals(List.of(space.parse("syn-333333")), smooth);
    assertEquals(space.parse("syn-333333").index(), b.table().column("smooth/test@50").argmax());
    int rugged = localOptima(connected, b.table().column("rugged/valid@50")).size();
    assertTrue(rugged > 3, "rugged has local optima: " + rugged);
    // disconnected cells score at chance
    assertTrue(b.table().value("smooth/test@50", space.parse("syn-333000")) < 11);
  }

  private static List<Arch> localOptima(SearchDomain d, Column signal) {
    return d.enumerate().stream().filter(a -> d.neighbours(a).stream()
        .allMatch(n -> signal.get(n.index()) < signal.get(a.index()))).toList();
  }

  @Test
  void costsAreRecordedEstimatedOrAbsent() {
    Arch a = space.parse("syn-123321");
    Objective smooth = b.objective("smooth");
    Objective rugged = b.objective("rugged");
    // 4 epochs of (1 + 0.5 x two c1x1 + 1.5 x two c3x3) s plus (0.2 + 0.05 x 4) s of evaluation
    assertEquals(4 * 5 + 0.4, smooth.cost().seconds(a.index(), SyntheticBenchmark.LOW), 1e-12);
    assertEquals(2 * (4 * 5 + 0.4), rugged.cost().seconds(a.index(), SyntheticBenchmark.LOW), 1e-12);
    assertEquals(50 * 5 + 0.4, smooth.cost().seconds(a.index(), SyntheticBenchmark.HIGH), 1e-12);
    assertTrue(!smooth.cost().estimated() && rugged.cost().estimated());
    assertNull(b.objective("untimed").cost());
    assertEquals(SyntheticBenchmark.LOW, smooth.fidelity(null));
    assertEquals(SyntheticBenchmark.HIGH, smooth.fidelity("high"));
  }
}
