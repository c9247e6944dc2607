package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.nb201.Nb201xSpace;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.retrain.store.TrainedStore;

/**
 * Issue 24 on the CPU at tiny settings (C=4, N=1, 200 images; hp12 = 12 epochs of one step each):
 * {@code nb201x} with {@code table-or-retrain} answers NB-201 cells from the table and trains the cells
 * with new ops through the store, after a calibration of K = 5 table cells; once stored, 1 and 2
 * threads give the same bytes and a second run trains nothing.
 */
class ExtendedRunTest {
  @TempDir
  Path dir;

  static final String TABLE_A = "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
  static final String NEW_A = "|sep_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_1x1~1|max_pool_3x3~2|";
  static final String NEW_B = "|max_pool_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|sep_conv_3x3~1|nor_conv_3x3~2|";
  static final String TABLE_B = "|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|skip_connect~1|nor_conv_1x1~2|";

  private String config(Path store, String calibration, int k) {
    return "name: ext\n"
        + "benchmark: nb201x\n"
        + "oracle: table-or-retrain\n"
        + "oracle_params: {channels: 4, cells: 1, subset: 200, threads: 1, store: " + store + ", calibration: "
        + calibration + ", calibration_cells: " + k + "}\n"
        + "datasets: [cifar10]\n"
        + "pools: [\"skip,c1x1,c3x3,sep3x3,maxpool\"]\n"
        + "searchers: [{name: list, params: {archs: [\"" + TABLE_A + "\", \"" + NEW_A + "\", \"" + NEW_B + "\", \"" + TABLE_B
        + "\"]}}, {name: rs}]\n"
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

  @Test
  void mixesTableAndTrainedAnswersAndRepeatsThemFromTheStore() throws Exception {
    Path store = dir.resolve("trained.sqlite");
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, config(store, "affine", 5));
    CliRunner.Result r1 = run(cfg, dir.resolve("first"), "1");
    assertEquals(0, r1.exit(), r1.out() + r1.err());
    List<TrialResult> first = TrialsFile.read(dir.resolve("first").resolve(TrialsFile.NAME)).trials();
    TrialResult listed = first.stream().filter(t -> t.searcher().equals("list")).findFirst().orElseThrow();
    assertEquals(2, listed.sources().get("table"), listed.sources().toString());
    assertEquals(2, listed.sources().get("trained") + listed.sources().get("cached"), listed.sources().toString());
    assertEquals("mixed", listed.source());
    assertTrue(count(first, "trained") >= 2);

    JsonNode oracle = new ObjectMapper().readTree(dir.resolve("first").resolve("oracle.json").toFile())
        .get("datasets").get("cifar10");
    assertEquals("affine", oracle.get("calibration").asText());
    assertEquals(5, oracle.get("cells").size());
    assertEquals(5, oracle.get("overlap").asInt());
    assertTrue(oracle.get("summary").asText().contains("on 5 overlap cells"), oracle.toString());
    assertTrue(oracle.get("affine_slope").asDouble() > 0, oracle.toString());

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
    // what the first run trained: 5 calibration cells and the distinct cells with new ops
    try (TrainedStore s = TrainedStore.open(store)) {
      List<TrainedStore.Entry> all = s.all();
      assertEquals(5 + count(first, "trained"), all.size());
      // a trained cell's signal is the affine map of its trained accuracy, its cost the stored seconds in the
      // table's unit (x the calibration's cost factor); table cells are the table's
      double a = oracle.get("affine_intercept").asDouble();
      double b = oracle.get("affine_slope").asDouble();
      double f = oracle.get("cost_factor").asDouble();
      int checked = 0;
      for (TrialResult t : first) {
        for (double[] q : t.trace()) {
          if (Nb201xSpace.nb201Code((int) q[0]) >= 0) {
            continue;
          }
          TrainedStore.Entry e = all.stream().filter(x -> x.key().arch() == (int) q[0]).findFirst().orElseThrow();
          assertEquals(a + b * e.validAccuracy(), q[1], 1e-9);
          assertEquals(e.seconds() * f, q[2], 1e-9 * q[2]);
          checked++;
        }
      }
      assertTrue(checked >= 4, "checked " + checked);
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
