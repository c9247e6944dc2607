package org.nash.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.table.Aggregate;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.CsvColumns;
import org.nash.tnb.TnbTables;

class Nb201TablesTest {
  static Benchmark nb201() {
    return Benchmarks.load("nb201", TestData.catalog());
  }

  @Test
  void seedMeanTestOptimaMatchThePublishedOnes() {
    BenchmarkTable t = nb201().table();
    Map<String, Object[]> expected = Map.of(
        "cifar10/test-acc@200", new Object[] {94.37, 6111},
        "cifar100/test-acc@200", new Object[] {73.51, 9930},
        "ImageNet16-120/test-acc@200", new Object[] {47.31, 857});
    for (var e : expected.entrySet()) {
      Column c = t.column(e.getKey());
      int best = c.argmax();
      assertEquals(e.getValue()[1], best, e.getKey());
      assertEquals((double) e.getValue()[0], c.get(best), 0.005, e.getKey());
      assertEquals(Aggregate.SEED_MEAN, c.info().aggregate());
    }
    assertEquals(73.51333326009114, t.column("cifar100/test-acc@200").get(9930), 1e-12);
  }

  @Test
  void cifar10ValidMatchesHpoBenchConstants() {
    BenchmarkTable t = nb201().table();
    assertEquals(6111, t.column("cifar10-valid/valid-acc@200").argmax());
    assertEquals(91.60666665039064, t.column("cifar10-valid/valid-acc@200").get(6111), 1e-6);
    assertEquals(1459, t.column("cifar10-valid/test-acc@200").argmax());
  }

  @Test
  void hp12ColumnsMatchTheDerivedCsvAndTheOlderExport() {
    BenchmarkTable t = nb201().table();
    CsvColumns csv = CsvColumns.read(TestData.file("nb201-hp12-csv"));
    String[][] pairs = {{"cifar10-valid/valid-acc@12", "cifar10-val"}, {"cifar10/test-acc@12", "cifar10-test"},
        {"cifar100/valid-acc@12", "cifar100-val"}, {"cifar100/test-acc@12", "cifar100-test"},
        {"ImageNet16-120/valid-acc@12", "imagenet-val"}, {"ImageNet16-120/test-acc@12", "imagenet-test"}};
    for (String[] p : pairs) {
      double[] ref = csv.doubles(p[1]);
      Column c = t.column(p[0]);
      for (int i = 0; i < ref.length; i++) {
        assertEquals(ref[i], c.get(i), 1e-9 * Math.abs(ref[i]) + 1e-12, p[0] + " row " + i);
      }
    }
    assertEquals(5374, t.column("cifar10/test-acc@12").argmax());
    assertEquals(89.16, t.column("cifar10/test-acc@12").get(5374), 0.005);
  }

  @Test
  void singleRunValidationAndCostsCoverWhatTheSourcesHold() {
    BenchmarkTable t = nb201().table();
    Column v = t.column("cifar10-valid/valid-acc-single@200");
    assertEquals(15_625, v.coverage());
    assertEquals(Aggregate.SINGLE_RUN, v.info().aggregate());
    assertEquals(1459, v.argmax());
    assertEquals(81.9, v.get(0), 1e-9);
    assertEquals(9_445, t.column("cifar10/params").coverage());
    assertEquals(0.129306, t.column("cifar10/params").get(0), 1e-12);
    assertEquals(15_625 - 4_699, t.column("cifar10/hw/edgetpu_latency").coverage());
    assertEquals(7.221092999, t.column("cifar10-valid/train-epoch-time").get(0), 1e-12);
  }

  @Test
  void derivedValid200CsvAgrees() {
    BenchmarkTable t = nb201().table();
    CsvColumns csv = CsvColumns.read(TestData.mirror().resolve(
        "nasbench201/automl_NASLib_zerocost/nb201_val_acc_200ep.DERIVED.csv"));
    double[] c10 = csv.doubles("cifar10_valid_val_acc");
    double[] in16 = csv.doubles("imagenet16_120_val_acc");
    for (int i = 0; i < c10.length; i++) {
      assertEquals(c10[i], t.column("cifar10-valid/valid-acc-single@200").get(i), 0, "row " + i);
      assertEquals(in16[i], t.column("ImageNet16-120/valid-acc-single@200").get(i), 0, "row " + i);
    }
  }

  @Test
  void tnbTablesMatchTheDerivedCsvs() {
    BenchmarkTable micro = TnbTables.loadMicro(TestData.catalog());
    CsvColumns csv = CsvColumns.read(TestData.file("tnb-micro-csv"));
    String[] archs = csv.strings("tnb_arch_str");
    for (String task : TnbTables.TASKS) {
      double[] ref = csv.doubles(task);
      for (int r = 0; r < ref.length; r++) {
        assertEquals(ref[r], micro.value(TnbTables.metricKey(task), micro.space().parse(archs[r])), 0, task);
      }
    }
    BenchmarkTable macro = TnbTables.loadMacro(TestData.catalog());
    CsvColumns mcsv = CsvColumns.read(TestData.file("tnb-macro-csv"));
    double[] idx = mcsv.doubles("tnb_index");
    String[] marchs = mcsv.strings("tnb_arch_str");
    for (String task : TnbTables.TASKS) {
      double[] ref = mcsv.doubles(task);
      for (int r = 0; r < ref.length; r++) {
        assertEquals((int) idx[r], macro.space().indexOf(macro.space().parse(marchs[r])));
        assertEquals(ref[r], macro.column(TnbTables.metricKey(task)).get((int) idx[r]), 0, task);
      }
    }
    assertEquals(52.970741271972656, macro.column("class_scene/valid@final").get(0), 0);
    assertTrue(micro.column("jigsaw/valid@final").get(micro.column("jigsaw/valid@final").argmax()) > 95.3);
  }
}
