package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.nb201.Nb201xSpace;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.retrain.store.TrainedStore;

/**
 * Issue 24 on the CPU at tiny settings (C=4, N=1, 64 images; hp12 = 12 epochs of one step each):
 * {@code nb201x} with {@code table-or-retrain} answers NB-201 cells from the table and trains the cells
 * with new ops through the store, after a calibration of K = 3 connected table cells; once stored, 1 and
 * 2 threads give the same bytes and a second run trains nothing. Trained values at these settings are
 * noise, so the mixing runs use {@code calibration: none}; {@code affine} is proven on a store whose
 * calibration cells hold a known affine function of the table (the fit itself, with noise and a
 * negative slope: retrain's MixedCalibrationTest).
 */
class ExtendedRunTest {
  @TempDir
  Path dir;

  static final String TABLE_A = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
  // cheap cells with new ops (one separable conv, max pools, skips): their trainings dominate the test's time
  static final String NEW_A = "|sep_conv_3x3~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|max_pool_3x3~1|skip_connect~2|";
  static final String NEW_B = "|max_pool_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|max_pool_3x3~1|skip_connect~2|";
  static final String TABLE_B = "|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|skip_connect~1|nor_conv_1x1~2|";
  /** The affine map written into the calibration cells of the second store: trained = 5 + 0.8 x table. */
  static final double INTERCEPT = -6.25;
  static final double SLOPE = 1.25;

  private String config(Path store, String calibration, int k) {
    return "name: ext\n"
        + "benchmark: nb201x\n"
        + "oracle: table-or-retrain\n"
        + "oracle_params: {channels: 4, cells: 1, subset: 64, threads: 1, store: " + store + ", calibration: "
        + calibration + ", calibration_cells: " + k + "}\n"
        + "datasets: [cifar10]\n"
        + "pools: [\"skip,c1x1,c3x3,sep3x3,maxpool\"]\n"
        + "searchers: [{name: list, params: {archs: [\"" + TABLE_A + "\", \"" + NEW_A + "\", \"" + NEW_B + "\", \"" + TABLE_B
        + "\"]}}]\n"
        + "budget: {queries: 4}\n"
        + "trace: true\n"
        + "seeds: 2\n";
  }

  private static CliRunner.Result run(Path cfg, Path out, String threads) throws Exception {
    return CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--threads", threads, "--quiet");
  }

  private static int count(List<TrialResult> trials, String source) {
    return trials.stream().mapToInt(t -> t.sources().get(source)).sum();
  }

  private static JsonNode oracle(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("oracle.json").toFile()).get("datasets").get("cifar10");
  }

  /**
   * Every query of a cell with a new op in the trials' traces: its signal is {@code a + b x} the stored
   * accuracy, its cost the stored seconds x the cost factor. Returns how many were checked.
   */
  private static int checkTrainedAnswers(List<TrialResult> trials, List<TrainedStore.Entry> stored, double a, double b,
      double costFactor) {
    int checked = 0;
    for (TrialResult t : trials) {
      for (double[] q : t.trace()) {
        if (Nb201xSpace.nb201Code((int) q[0]) >= 0) {
          continue;
        }
        TrainedStore.Entry e = stored.stream().filter(x -> x.key().arch() == (int) q[0]).findFirst().orElseThrow();
        assertEquals(a + b * e.validAccuracy(), q[1], 1e-9);
        assertEquals(e.seconds() * costFactor, q[2], 1e-9 * q[2]);
        checked++;
      }
    }
    return checked;
  }

  @Test
  void mixesTableAndTrainedAnswersAndRepeatsThemFromTheStore() throws Exception {
    Path store = dir.resolve("trained.sqlite");
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, config(store, "none", 3));
    CliRunner.Result r1 = run(cfg, dir.resolve("first"), "1");
    assertEquals(0, r1.exit(), r1.out() + r1.err());
    List<TrialResult> first = TrialsFile.read(dir.resolve("first").resolve(TrialsFile.NAME)).trials();
    assertEquals(2, first.size());
    for (TrialResult listed : first) {
      assertEquals(2, listed.sources().get("table"), listed.sources().toString());
      assertEquals(2, listed.sources().get("trained") + listed.sources().get("cached"), listed.sources().toString());
      assertEquals("mixed", listed.source());
    }
    assertEquals(2, count(first, "trained"), "the two cells with new ops, trained once for both trials");

    JsonNode oracle = oracle(dir.resolve("first"));
    assertEquals("none", oracle.get("calibration").asText());
    assertEquals(3, oracle.get("cells").size());
    assertEquals(3, oracle.get("overlap").asInt());
    assertEquals("connected", oracle.get("cells_eligible").asText());
    assertTrue(oracle.get("summary").asText().contains("on 3 overlap cells (connected cells, one per band"),
        oracle.toString());
    Nb201xSpace space = new Nb201xSpace();
    for (JsonNode c : oracle.get("cells")) {
      assertTrue(space.isConnected(space.byIndex(c.get("index").asInt())), c.toString());
    }

    // once stored: a second run trains nothing, and 1 and 2 threads give the same bytes
    CliRunner.Result r2 = run(cfg, dir.resolve("second"), "1");
    assertEquals(0, r2.exit(), r2.out() + r2.err());
    CliRunner.Result r3 = run(cfg, dir.resolve("third"), "2");
    assertEquals(0, r3.exit(), r3.out() + r3.err());
    List<TrialResult> second = TrialsFile.read(dir.resolve("second").resolve(TrialsFile.NAME)).trials();
    assertEquals(0, count(second, "trained"));
    assertEquals(count(first, "trained") + count(first, "cached"), count(second, "cached"));
    assertEquals(Files.readString(dir.resolve("second").resolve(TrialsFile.NAME)),
        Files.readString(dir.resolve("third").resolve(TrialsFile.NAME)));
    assertEquals(Files.readString(dir.resolve("first").resolve("oracle.json")),
        Files.readString(dir.resolve("third").resolve("oracle.json")));

    List<TrainedStore.Entry> all;
    try (TrainedStore s = TrainedStore.open(store)) {
      all = s.all();
    }
    // what the first run trained: 3 calibration cells and the 2 cells with new ops
    assertEquals(3 + count(first, "trained"), all.size());
    // calibration: none, a trained cell's signal is its trained accuracy; its cost the stored seconds in
    // the table's unit (x the calibration's cost factor); 2 trials x 2 new-op queries
    assertEquals(4, checkTrainedAnswers(first, all, 0, 1, oracle.get("cost_factor").asDouble()));

    // affine: a store whose calibration cells hold trained = 5 + 0.8 x table (the new-op cells as trained)
    // is read back, not trained; the fit is table = -6.25 + 1.25 x trained and trained cells answer it
    Path mapped = dir.resolve("mapped.sqlite");
    Map<Integer, Double> tableOf = new HashMap<>();
    for (JsonNode c : oracle.get("cells")) {
      tableOf.put(c.get("index").asInt(), c.get("table").asDouble());
    }
    try (TrainedStore s = TrainedStore.open(mapped)) {
      for (TrainedStore.Entry e : all) {
        Double t = tableOf.get(e.key().arch());
        s.put(t == null ? e : new TrainedStore.Entry(e.key(), e.settings(), 5 + 0.8 * t, e.validLoss(),
            e.trainAccuracy(), e.trainLoss(), e.parameters(), e.seconds(), e.device(), e.nashVersion(), e.djlVersion(),
            e.libtorchVersion(), e.perEpoch(), e.created()));
      }
    }
    Path affineCfg = dir.resolve("affine.yaml");
    Files.writeString(affineCfg, config(mapped, "affine", 3));
    CliRunner.Result r4 = run(affineCfg, dir.resolve("affine"), "2");
    assertEquals(0, r4.exit(), r4.out() + r4.err());
    List<TrialResult> affine = TrialsFile.read(dir.resolve("affine").resolve(TrialsFile.NAME)).trials();
    assertEquals(0, count(affine, "trained"), "the calibration cells and the new-op cells come from the store");
    JsonNode fit = oracle(dir.resolve("affine"));
    assertEquals("affine", fit.get("calibration").asText());
    assertEquals(SLOPE, fit.get("affine_slope").asDouble(), 1e-9);
    assertEquals(INTERCEPT, fit.get("affine_intercept").asDouble(), 1e-9);
    assertEquals(oracle.get("cells").size(), fit.get("cells").size());
    for (int i = 0; i < 3; i++) {
      assertEquals(oracle.get("cells").get(i).get("index"), fit.get("cells").get(i).get("index"));
    }
    try (TrainedStore s = TrainedStore.open(mapped)) {
      assertEquals(4, checkTrainedAnswers(affine, s.all(), fit.get("affine_intercept").asDouble(),
          fit.get("affine_slope").asDouble(), fit.get("cost_factor").asDouble()));
    }
  }

  @Test
  void affineWithFewerThanThreeOverlapCellsIsAClearError() throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, config(dir.resolve("s.sqlite"), "affine", 2));
    CliRunner.Result r = run(cfg, dir.resolve("out"), "1");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("calibration: affine needs at least 3 overlap cells"), r.err());
  }
}
