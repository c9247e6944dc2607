package org.nash.nb101;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nash.NashException;

/**
 * Streams the official NAS-Bench-101 TFRecord file ({@code nasbench_only108.tfrecord} or
 * {@code nasbench_full.tfrecord}) into an {@link Nb101Table}, as nasbench's {@code NASBench}
 * constructor does but without TensorFlow and into columns: each record is one training run
 * (hash, epoch budget, cell, metrics); runs of a hash fill its repeat slots in file order.
 *
 * <p>The cell of each new hash is located in the {@link Nb101Space} from the record's adjacency
 * and ops (cheap canonical form). With {@link #verifyHashes(boolean)} the reader also recomputes
 * nasbench's MD5 hash of that cell and requires it to equal the record's hash (about 60 us per
 * distinct cell: some 25 s for the full file, so off by default; the CRCs already catch damage).
 */
public final class Nb101TableReader {
  private final Nb101Space space;
  private boolean verifyHashes;
  private long records;

  public Nb101TableReader(Nb101Space space) {
    this.space = space;
  }

  public Nb101TableReader verifyHashes(boolean on) {
    this.verifyHashes = on;
    return this;
  }

  /** Records read by the last {@link #read} call. */
  public long records() {
    return records;
  }

  public Nb101Table read(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (java.io.IOException e) {
      throw new NashException("cannot read NAS-Bench-101 data " + file + ": " + e.getMessage(), e);
    }
    // Official rows are about 390 bytes for 108-epoch runs and 3 runs per cell; size the columns once.
    int expected = (int) Math.min(Nb101Space.SIZE, size / (3 * 300) + 16);
    try (TfRecordReader in = new TfRecordReader(file)) {
      return read(in, expected, "NAS-Bench-101 official data " + file.getFileName());
    }
  }

  public Nb101Table read(String name, InputStream stream) {
    try (TfRecordReader in = new TfRecordReader(name, stream)) {
      return read(in, 1024, "NAS-Bench-101 official data " + name);
    }
  }

  private Nb101Table read(TfRecordReader in, int expectedRows, String label) {
    Nb101Table.Builder b = new Nb101Table.Builder(space, expectedRows);
    Nb101Row row = new Nb101Row();
    ModelMetrics m = new ModelMetrics();
    records = 0;
    int[] seenEpochs = new int[Nb101Table.EPOCHS.length];
    for (int len; (len = in.next()) >= 0; ) {
      records++;
      try {
        row.parse(in.data(), len);
      } catch (Nb101Row.Malformed e) {
        throw in.error(e.getMessage());
      }
      int e;
      try {
        e = Nb101Table.epochIndex(row.epochs);
      } catch (NashException ex) {
        throw in.error("epoch budget " + row.epochs + " is not one of 4, 12, 36, 108");
      }
      try {
        m.decode(row.metricsBytes(), 0, row.decodeMetrics());
      } catch (Nb101Row.Malformed | ModelMetrics.Malformed ex) {
        throw in.error(ex.getMessage());
      }
      if (m.evaluations == 0) {
        throw in.error("the ModelMetrics protobuf has no evaluation_data");
      }
      int r = b.row(row.hashHi, row.hashLo);
      if (r < 0) {
        r = b.addRow(row.hashHi, row.hashLo, cellCode(in, row), m.trainableParameters);
      }
      if (b.addRun(r, e, m.trainAccuracy, m.validationAccuracy, m.testAccuracy, m.trainingTime) < 0) {
        throw in.error("more than " + Nb101Table.REPEATS + " runs of " + row.hash() + " at " + row.epochs + " epochs");
      }
      seenEpochs[e]++;
    }
    if (records == 0) {
      throw new NashException(in.name() + " holds no records; expected the NAS-Bench-101 TFRecord file");
    }
    StringBuilder budgets = new StringBuilder();
    for (int i = 0; i < seenEpochs.length; i++) {
      if (seenEpochs[i] > 0) {
        budgets.append(budgets.length() == 0 ? "" : "/").append(Nb101Table.EPOCHS[i]);
      }
    }
    boolean complete = b.rows() == Nb101Space.SIZE;
    String what = label + ": " + b.rows() + " cells, " + records + " runs, epochs " + budgets
        + (complete ? "" : " (PARTIAL: the benchmark has " + Nb101Space.SIZE + " cells)");
    return b.build(what, !complete);
  }

  private int cellCode(TfRecordReader in, Nb101Row row) {
    Nb101Spec spec;
    try {
      spec = Nb101Spec.fromRow(row.adjacency(), row.ops());
    } catch (NashException ex) {
      throw in.error("bad cell: " + ex.getMessage());
    }
    int c = space.codeOf(spec);
    if (c < 0) {
      throw in.error("cell " + spec + " is outside the NAS-Bench-101 space: " + spec.invalidReason());
    }
    if (verifyHashes) {
      String h = spec.hash();
      if (!h.equals(row.hash())) {
        throw in.error("hash " + row.hash() + " does not match its cell " + spec + " (nasbench hash " + h + ")");
      }
    }
    return c;
  }
}
