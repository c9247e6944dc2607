package org.nash.searchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.Experiment;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.TrialContext;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;

/** Each detail a protocol preset sets (docs/PROTOCOLS.md), checked on the real NB-201 and TNB data. */
class ProtocolPresetTest {
  @TempDir
  Path dir;

  private static Plan plan(String yaml) {
    return Planner.plan(SearchLoopTest.config(yaml), TestData.catalog(), ProtocolPresetTest.class.getClassLoader());
  }

  /** Which edge a one-op mutation changed. */
  private static int changedEdge(Arch a, Arch b) {
    int[] x = a.ops();
    int[] y = b.ops();
    int edge = -1;
    for (int e = 0; e < x.length; e++) {
      if (x[e] != y[e]) {
        assertEquals(-1, edge, "a mutation changes one edge");
        edge = e;
      }
    }
    assertNotEquals(-1, edge, "a mutation changes the cell");
    return edge;
  }

  /** Pearson's chi-square of counts against probabilities. */
  private static double chi2(long[] counts, double[] p, long n) {
    double c = 0;
    for (int i = 0; i < counts.length; i++) {
      double e = p[i] * n;
      c += (counts[i] - e) * (counts[i] - e) / e;
    }
    return c;
  }

  private static long[] edgeCounts(String mutation, int n) {
    Benchmark b = SearchLoopTest.nb201();
    SearchDomain d = b.space().domain(b.space().fullPool(), true);
    Moves m = new Moves("test", d, "uniform", mutation);
    SplittableRandom rng = new SplittableRandom(11);
    long[] counts = new long[6];
    long[] opCounts = new long[5];
    for (int i = 0; i < n; i++) {
      Arch a = d.sample(rng);
      Arch child = m.mutate(a, rng);
      int e = changedEdge(a, child);
      counts[e]++;
      opCounts[child.ops()[e]]++;
    }
    return counts;
  }

  @Test
  void nodeThenEdgeMutationPicksEdgesWithNb201Probabilities() {
    int n = 90_000;
    long[] counts = edgeCounts("node_then_edge", n);
    // R_EA.py L131-148: a node 1..3, then one of its incoming edges (official order 1<-0, 2<-0, 2<-1, 3<-0,3<-1,3<-2)
    double[] p = {1 / 3.0, 1 / 6.0, 1 / 6.0, 1 / 9.0, 1 / 9.0, 1 / 9.0};
    // 5 degrees of freedom: P(chi2 > 20.5) = 0.001
    assertTrue(chi2(counts, p, n) < 20.5, "edge counts " + java.util.Arrays.toString(counts));
    // and it is not the uniform rule
    assertTrue(chi2(counts, new double[] {1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0}, n) > 1000);
  }

  @Test
  void uniformEdgeMutationPicksEveryEdgeEqually() {
    int n = 60_000;
    long[] counts = edgeCounts("uniform_edge", n);
    assertTrue(chi2(counts, new double[] {1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0}, n) < 20.5,
        "edge counts " + java.util.Arrays.toString(counts));
  }

  @Test
  void nodeThenEdgeStaysInThePoolAndPicksADifferentOpUniformly() {
    Benchmark b = SearchLoopTest.nb201();
    SearchDomain d = b.space().domain(b.space().pool("skip,c1x1,c3x3"), false);
    Moves m = new Moves("test", d, "uniform", "node_then_edge");
    SplittableRandom rng = new SplittableRandom(3);
    long same = 0;
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      Arch a = d.sample(rng);
      Arch c = m.mutate(a, rng);
      assertTrue(d.contains(c));
      int e = changedEdge(a, c);
      // of the two other ops of the pool, each about half the time: count one of them
      int lowestOther = a.ops()[e] == 1 ? 2 : 1;
      if (c.ops()[e] == lowestOther) {
        same++;
      }
    }
    assertEquals(0.5, same / (double) n, 0.02);
  }

  @Test
  void naslibSamplerRejectsCellsWithAllNoneInputOrOutputEdges() {
    Benchmark b = SearchLoopTest.nb201();
    SearchDomain d = b.space().domain(b.space().fullPool(), true);
    Moves m = new Moves("test", d, "naslib", "uniform_edge");
    // graph.py L255-266: 245 of the 15,625 NB-201 cells
    assertEquals(245, d.enumerate().stream().filter(m::rejected).count());
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      assertFalse(m.rejected(m.sample(rng)));
    }
  }

  /**
   * transbench101 graph.py L363-374 checks op_indices[0..2] == 1 or op_indices[2,4,5] == 1 on the TNB
   * string digits a_bc_def (edges 1<-0 | 2<-0, 2<-1 | 3<-0, 3<-1, 3<-2), where digit 1 is skip.
   */
  @Test
  void naslibSamplerOnTnbRejectsCellsWithSkipOnThoseEdges() {
    Benchmark tnb = Benchmarks.load("tnb-micro", TestData.catalog());
    SearchDomain td = tnb.space().domain(tnb.space().fullPool(), true);
    Moves m = new Moves("test", td, "naslib", "uniform_edge");
    // 4^3 cells with skip on {1<-0, 2<-0, 2<-1}, 4^3 on {2<-1, 3<-1, 3<-2}, 4 on both (5 edges fixed)
    assertEquals(124, td.enumerate().stream().filter(m::rejected).count());
    // by hand: a = b = c = 1 (skip on 1<-0, 2<-0, 2<-1); c = e = f = 1 (skip on 2<-1, 3<-1, 3<-2)
    assertTrue(m.rejected(tnb.space().parse("64-41414-1_11_023")));
    assertTrue(m.rejected(tnb.space().parse("64-41414-3_21_211")));
    // not rejected: two of three skip edges; all none (the rule NASLib's NB-201 check would apply)
    assertFalse(m.rejected(tnb.space().parse("64-41414-1_13_011")));
    assertFalse(m.rejected(tnb.space().parse("64-41414-0_00_000")));
    // the NB-201-style rule (none on the input or output node's edges) also rejects 124 TNB cells; 2 in common
    long both = td.enumerate().stream().filter(m::rejected).filter(a -> {
      int[] o = a.ops();
      return o[0] == 0 && o[1] == 0 && o[3] == 0 || o[3] == 0 && o[4] == 0 && o[5] == 0;
    }).count();
    assertEquals(2, both);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      assertFalse(m.rejected(m.sample(rng)));
    }
  }

  private static final String BASE = """
      benchmark: nb201
      datasets: [cifar10, cifar100]
      searchers:
        - {name: rs}
        - {name: re}
        - {name: ls}
      """;

  @Test
  void eachPresetResolvesEveryDetail() {
    Experiment nb = plan("protocol: nb201\n" + BASE).experiment();
    assertEquals("hp12", nb.fidelity().orElseThrow());
    assertEquals("sampled_seed", nb.aggregation().orElseThrow().id());
    assertEquals("stop_before_overshoot", nb.stopRule().orElseThrow().id());
    assertEquals("test", nb.reported().orElseThrow().id());
    assertEquals(12000, ((Experiment.Budget.Seconds) nb.budget()).all().getAsDouble());
    assertEquals(500, nb.seeds());
    assertEquals(Map.of("population", 10, "sample", 3, "mutation", "node_then_edge", "sampler", "uniform"),
        nb.searchers().get(1).params());

    Experiment nats = plan("protocol: nats\n" + BASE).experiment();
    assertEquals("keep_overshoot", nats.stopRule().orElseThrow().id());
    assertEquals(Map.of("cifar10", 20000.0, "cifar100", 40000.0), ((Experiment.Budget.Seconds) nats.budget()).perDataset());
    assertEquals("node_then_edge", nats.searchers().get(1).params().get("mutation"));

    Experiment nl = plan("protocol: naslib\n" + BASE).experiment();
    assertEquals("hp200", nl.fidelity().orElseThrow());
    assertEquals("single_run", nl.aggregation().orElseThrow().id());
    assertEquals("signal", nl.reported().orElseThrow().id());
    assertEquals(150, nl.budget().queries());
    assertEquals(10, nl.seeds());
    assertEquals(Map.of("sampler", "naslib"), nl.searchers().get(0).params());
    assertEquals(Map.of("population", 30, "sample", 10, "mutation", "uniform_edge", "sampler", "naslib"),
        nl.searchers().get(1).params());
    assertEquals(Map.of("variant", "best", "num_init", 10, "sampler", "naslib"), nl.searchers().get(2).params());
  }

  @Test
  void nb201SearchesOnCifar10ValidForEveryDatasetAndReportsEachDatasetsTest() {
    // The 2020 code (AutoDL R_EA.py, RANDOM.py) searched on cifar10-valid and evaluated those searches
    // on all three datasets; NATS-Bench (2021) searched each dataset on its own signal.
    Plan nb = plan("protocol: nb201\n" + BASE.replace("[cifar10, cifar100]", "[cifar10, cifar100, ImageNet16-120]"));
    assertEquals("cifar10-valid", nb.experiment().signalDataset().orElseThrow());
    for (String ds : List.of("cifar10", "cifar100", "ImageNet16-120")) {
      TrialContext c = nb.context(ds, "full");
      assertTrue(c.signalKey().startsWith("cifar10-valid/"), ds + ": " + c.signalKey());
      assertEquals(ds + "/test-acc@200", c.reportedKey());
    }
    // the same costs as on cifar10: 12,000 s buy the same number of queries on every dataset
    Arch a = nb.context("cifar100", "full").domain().sample(new SplittableRandom(7));
    assertEquals(nb.context("cifar10", "full").oracle().query(a, new SplittableRandom(1)).cost(),
        nb.context("ImageNet16-120", "full").oracle().query(a, new SplittableRandom(1)).cost(), 1e-9);

    Plan own = plan("protocol: nb201\nsignal_dataset: own\n" + BASE);
    assertEquals("cifar100/valid-acc@12", own.context("cifar100", "full").signalKey().replaceFirst(" .*", ""));
    Plan nats = plan("protocol: nats\n" + BASE);
    assertTrue(nats.context("cifar100", "full").signalKey().startsWith("cifar100/"), "NATS searches each dataset");
    NashException e = assertThrows(NashException.class, () -> plan("signal_dataset: cifar11\n" + BASE
        + "budget: {queries: 5}\nseeds: 1\n"));
    assertTrue(e.getMessage().contains("config field 'signal_dataset'") && e.getMessage().contains("cifar11"),
        e.getMessage());
  }

  @Test
  void explicitValuesOverrideThePreset() {
    Experiment c = plan("""
        protocol: nats
        benchmark: nb201
        datasets: [cifar10]
        fidelity: hp200
        aggregation: seed_mean
        stop_rule: stop_before_overshoot
        reported: signal
        searchers:
          - {name: re, params: {population: 50, mutation: uniform_edge}}
        budget: {queries: 77}
        seeds: 3
        """).experiment();
    assertEquals("hp200", c.fidelity().orElseThrow());
    assertEquals("seed_mean", c.aggregation().orElseThrow().id());
    assertEquals("stop_before_overshoot", c.stopRule().orElseThrow().id());
    assertEquals("signal", c.reported().orElseThrow().id());
    assertEquals(77, c.budget().queries());
    assertTrue(c.budget() instanceof Experiment.Budget.Queries);
    assertEquals(3, c.seeds());
    assertEquals(Map.of("population", 50, "sample", 3, "mutation", "uniform_edge", "sampler", "uniform"),
        c.searchers().get(0).params());
  }

  @Test
  void unknownPresetOrSettingIsAClearError() {
    NashException e = assertThrows(NashException.class, () -> plan("protocol: darts\n" + BASE + "seeds: 1\nbudget: {queries: 5}"));
    assertTrue(e.getMessage().contains("'protocol' is 'darts'; known: nb201, nats, naslib"), e.getMessage());
    e = assertThrows(NashException.class, () -> plan("aggregation: median\n" + BASE + "seeds: 1\nbudget: {queries: 5}"));
    assertTrue(e.getMessage().contains("known: seed_mean, single_run, sampled_seed"), e.getMessage());
  }

  private static TrialContext ctx(Plan p, String ds) {
    return p.context(ds, "full");
  }

  @Test
  void theAggregationChoosesTheSignalColumnAndIsNamed() {
    String q = BASE + "budget: {queries: 5}\nseeds: 1\n";
    // default hp12: the seed mean, the only one there; result lines stay as they were (no field)
    Plan p = plan(q);
    assertEquals("cifar10-valid/valid-acc@12", ctx(p, "cifar10").signalKey());
    assertNull(ctx(p, "cifar10").aggregation());
    // default hp200: the single run on every dataset, named
    p = plan("fidelity: hp200\n" + q);
    assertEquals("cifar10-valid/valid-acc-single@200", ctx(p, "cifar10").signalKey());
    assertEquals("single_run", ctx(p, "cifar10").aggregation());
    assertEquals("cifar100/valid-acc-single@200", ctx(p, "cifar100").signalKey());
    assertEquals("single_run", ctx(p, "cifar100").aggregation());
    // CIFAR-10's seed mean on request; CIFAR-100 has none and falls back, saying so
    p = plan("fidelity: hp200\naggregation: seed_mean\n" + q);
    assertEquals("cifar10-valid/valid-acc@200", ctx(p, "cifar10").signalKey());
    assertEquals("seed_mean", ctx(p, "cifar10").aggregation());
    assertEquals("cifar100/valid-acc-single@200", ctx(p, "cifar100").signalKey());
    assertTrue(ctx(p, "cifar100").aggregation().startsWith("single_run (seed_mean asked"), ctx(p, "cifar100").aggregation());
    // nb201's per-query seed draw: no per-seed hp12 values in the data, so the seed mean, recorded
    p = plan("protocol: nb201\n" + q);
    assertEquals("cifar10-valid/valid-acc@12", ctx(p, "cifar10").signalKey());
    assertEquals("seed_mean (sampled_seed asked; no per-seed values of cifar10 at hp12 in the data)",
        ctx(p, "cifar10").aggregation());
    // naslib reports the signal itself
    p = plan("protocol: naslib\n" + q);
    assertEquals("cifar10-valid/valid-acc-single@200", ctx(p, "cifar10").reportedKey());
    assertEquals(91.57, ctx(p, "cifar10").optimum(), 1e-9);
  }

  @Test
  void keepOvershootMakesOneMoreQueryThanStopBeforeOvershoot() {
    String q = """
        benchmark: nb201
        datasets: [cifar10]
        searchers: [{name: rs}]
        seeds: 30
        trace: true
        """;
    List<TrialResult> before = run("protocol: nb201\n" + q, "before");
    List<TrialResult> keep = run("protocol: nb201\nstop_rule: keep_overshoot\n" + q, "keep");
    for (int i = 0; i < before.size(); i++) {
      TrialResult b = before.get(i);
      TrialResult k = keep.get(i);
      assertEquals("stop_before_overshoot", b.stopRule());
      assertEquals("keep_overshoot", k.stopRule());
      assertTrue(b.seconds() <= 12000);
      assertTrue(k.seconds() > 12000, "the kept query overshoots");
      assertEquals(b.queries() + 1, k.queries(), "the same draws, one more query");
      double last = k.trace().get(k.trace().size() - 1)[2];
      assertTrue(k.seconds() - last < 12000, "no query after the budget is spent");
      assertEquals(k.seconds() - last, b.seconds(), 1e-6);
    }
  }

  private List<TrialResult> run(String yaml, String name) {
    Plan p = plan(yaml);
    ExperimentRunner.run(p, dir.resolve(name), 2, r -> { });
    return TrialsFile.read(dir.resolve(name).resolve(TrialsFile.NAME)).trials();
  }
}
