package org.nash.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.space.Arch;

class Nb101ReaderTest {
  static Nb101Space space;
  static Path sampleJson;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    space = Nb101Space.get();
    sampleJson = TestData.file(Nb101Sample.CATALOG_ID);
  }

  private Path write(String name, List<byte[]> records) throws IOException {
    Path p = dir.resolve(name);
    try (TfRecordWriter w = new TfRecordWriter(p)) {
      for (byte[] r : records) {
        w.write(r);
      }
    }
    return p;
  }

  @Test
  void sampleFixtureReadsBackExactlyAsTheSampleTable() throws IOException {
    Path f = dir.resolve("sample.tfrecord");
    int written = Nb101Fixtures.writeSample(sampleJson, f, space);
    Nb101TableReader reader = new Nb101TableReader(space).verifyHashes(true);
    long t0 = System.nanoTime();
    Nb101Table fromFile = reader.read(f);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("nb101 fixture: %d records (%d bytes) read in %.1f ms (%.0f records/s incl. hash checks)%n",
        written, Files.size(f), secs * 1e3, written / secs);
    Nb101Table sample = Nb101Sample.load(sampleJson, space);
    assertEquals(written, reader.records());
    assertEquals(292, sample.rows());
    assertEquals(sample.rows(), fromFile.rows());
    assertTrue(sample.isSample() && fromFile.isSample());
    assertTrue(sample.label().contains("500-architecture SAMPLE"), sample.label());
    assertTrue(fromFile.label().contains("PARTIAL"), fromFile.label());
    int runs = 0;
    for (int r = 0; r < sample.rows(); r++) {
      assertEquals(sample.hash(r), fromFile.hash(r));
      assertEquals(sample.arch(r), fromFile.arch(r));
      assertEquals(sample.repeats(r, 108), fromFile.repeats(r, 108));
      runs += sample.repeats(r, 108);
      for (int k = 0; k < Nb101Table.REPEATS; k++) {
        assertEquals(sample.validationAccuracy(r, 108, k), fromFile.validationAccuracy(r, 108, k));
      }
      assertTrue(Double.isNaN(fromFile.testAccuracy(r, 108, 0)));
      assertTrue(Double.isNaN(fromFile.trainingTime(r, 108, 0)));
      assertEquals(-1, fromFile.trainableParameters(r));
      assertEquals(0, fromFile.repeats(r, 4));
    }
    assertEquals(written, runs);
  }

  @Test
  void sampleValuesAreUnchanged() {
    Nb101Table t = Nb101Sample.load(sampleJson, space);
    for (Nb101Sample.Entry e : Nb101Sample.entries(sampleJson)) {
      int row = t.row(space.fromSpec(e.spec()));
      boolean found = false;
      for (int k = 0; k < t.repeats(row, 108); k++) {
        found |= t.validationAccuracy(row, 108, k) == (float) (e.validAccuracyPercent() / 100);
      }
      assertTrue(found, e.key());
    }
    // Hashes published with a public NB101 dataset test (043721b9.., d1269d91.., d32d0b26..) are
    // among the sample's cells as we hash them; the 2-vertex cell appears 55 times with 3 values.
    Arch tiny = space.fromSpec(Nb101Spec.of(new int[][] {{0, 1}, {0, 0}}));
    int row = t.row(tiny);
    assertEquals("043721b9c7fe8c5fad811d47d83132ec", t.hash(row));
    assertEquals(3, t.repeats(row, 108));
    List<String> hashes = new ArrayList<>();
    for (int r = 0; r < t.rows(); r++) {
      hashes.add(t.hash(r));
    }
    assertTrue(hashes.contains("d1269d9156ddc027c40473008192958a"));
    assertTrue(hashes.contains("d32d0b26d534203b48d866facd98cc3e"));
  }

  @Test
  void realRunsOfOneCellFillAllColumns() throws IOException {
    JsonNode d = Nb101Fixtures.inceptionJson();
    Path f = write("inception.tfrecord", Nb101Fixtures.inceptionRecords());
    Nb101Table t = new Nb101TableReader(space).verifyHashes(true).read(f);
    assertEquals(1, t.rows());
    assertEquals("28cfc7874f6d200472e1a9dcd8650aa0", t.hash(0));
    assertEquals(2694282, t.trainableParameters(0));
    for (int epochs : Nb101Table.EPOCHS) {
      JsonNode runs = d.get("runs").get(Integer.toString(epochs));
      assertEquals(3, t.repeats(0, epochs));
      double meanTest = 0;
      for (int k = 0; k < 3; k++) {
        JsonNode run = runs.get(k);
        assertEquals((float) run.get(0).asDouble(), (float) t.trainAccuracy(0, epochs, k));
        assertEquals((float) run.get(1).asDouble(), (float) t.validationAccuracy(0, epochs, k));
        assertEquals((float) run.get(2).asDouble(), (float) t.testAccuracy(0, epochs, k));
        assertEquals((float) run.get(3).asDouble(), (float) t.trainingTime(0, epochs, k));
        meanTest += (float) run.get(2).asDouble() / 3.0;
      }
      // Reported accuracy = mean of the repeats at the same budget, not a max over anything.
      assertEquals(meanTest, t.reportedTestAccuracy(0, epochs), 1e-12);
    }
    assertEquals(0.9376001358032227, t.searchSignal(0, 108, 0), 1e-7);
    assertEquals((0.9376001358032227 + 0.9378004670143127 + 0.9336938858032227) / 3,
        t.searchSignal(0, 108, Nb101Table.MEAN), 1e-7);
    assertEquals(1155.85302734375, t.simulatedCost(0, 108, 0), 0);
    assertEquals(68.0260009765625, t.simulatedCost(0, 4, 1), 0);
    int[] counts = new int[3];
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < 3000; i++) {
      counts[t.drawRepeat(0, 108, rng)]++;
    }
    for (int c : counts) {
      assertTrue(c > 900, java.util.Arrays.toString(counts));
    }
    assertEquals(0, t.bestRow(108, space.fullPool()));
    assertEquals(-1, t.bestRow(108, space.pool("c3x3")));
  }

  private NashException readError(Path f) {
    return assertThrows(NashException.class, () -> new Nb101TableReader(space).read(f));
  }

  @Test
  void corruptedFilesGiveClearErrors() throws IOException {
    List<byte[]> good = Nb101Fixtures.inceptionRecords();
    Path ok = write("ok.tfrecord", good);
    byte[] bytes = Files.readAllBytes(ok);
    int recLen = 12 + good.get(0).length + 4;

    // Bad data CRC: flip one byte inside the data of record 3.
    byte[] crc = bytes.clone();
    int r3 = recLen * 2;
    crc[r3 + 12 + 40] ^= 0x01;
    NashException e = readError(Files.write(dir.resolve("crc.tfrecord"), crc));
    assertTrue(e.getMessage().contains("record 3 (byte offset " + r3 + ")") && e.getMessage().contains("data checksum mismatch"), e.getMessage());

    // Bad length CRC: damage the length field of record 2.
    byte[] len = bytes.clone();
    len[recLen + 1] ^= 0x10;
    e = readError(Files.write(dir.resolve("len.tfrecord"), len));
    assertTrue(e.getMessage().contains("record 2") && e.getMessage().contains("length checksum mismatch"), e.getMessage());

    // Truncated: the file ends in the middle of the last record's data.
    int total = good.stream().mapToInt(b -> 16 + b.length).sum();
    byte[] cut = java.util.Arrays.copyOf(bytes, total - 100);
    e = readError(Files.write(dir.resolve("cut.tfrecord"), cut));
    assertTrue(e.getMessage().contains("record 12") && e.getMessage().contains("truncated record"), e.getMessage());

    // Bad base64 in record 5.
    List<byte[]> b64 = new ArrayList<>(good);
    String row = new String(good.get(4), StandardCharsets.US_ASCII);
    int q = row.lastIndexOf("\", \"") + 4;
    b64.set(4, (row.substring(0, q) + "%%%" + row.substring(q + 3)).getBytes(StandardCharsets.US_ASCII));
    e = readError(write("b64.tfrecord", b64));
    assertTrue(e.getMessage().contains("record 5") && e.getMessage().contains("not valid base64"), e.getMessage());

    // Bad JSON in record 7 (a field missing), and a non-JSON record 1.
    List<byte[]> json = new ArrayList<>(good);
    json.set(6, row.substring(0, row.indexOf(", \"0111")).concat("]").getBytes(StandardCharsets.US_ASCII));
    e = readError(write("json.tfrecord", json));
    assertTrue(e.getMessage().contains("record 7") && e.getMessage().contains("bad JSON row"), e.getMessage());
    json = new ArrayList<>(good);
    json.set(0, "hello".getBytes(StandardCharsets.US_ASCII));
    e = readError(write("json1.tfrecord", json));
    assertTrue(e.getMessage().contains("record 1 (byte offset 0)") && e.getMessage().contains("expected '['"), e.getMessage());

    // Hash that does not match the cell, caught when hashes are verified.
    List<byte[]> wrong = new ArrayList<>(good);
    wrong.set(0, row.replace("28cfc7874f6d200472e1a9dcd8650aa0", "28cfc7874f6d200472e1a9dcd8650aa1").getBytes(StandardCharsets.US_ASCII));
    Path wp = write("hash.tfrecord", wrong);
    e = assertThrows(NashException.class, () -> new Nb101TableReader(space).verifyHashes(true).read(wp));
    assertTrue(e.getMessage().contains("record 1") && e.getMessage().contains("does not match its cell"), e.getMessage());

    // A fourth run of the same cell and budget.
    List<byte[]> four = new ArrayList<>(good);
    four.add(good.get(11));
    e = readError(write("four.tfrecord", four));
    assertTrue(e.getMessage().contains("record 13") && e.getMessage().contains("more than 3 runs"), e.getMessage());

    // Empty file.
    e = readError(Files.write(dir.resolve("empty.tfrecord"), new byte[0]));
    assertTrue(e.getMessage().contains("holds no records"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
