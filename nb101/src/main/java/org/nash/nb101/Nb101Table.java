package org.nash.nb101;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nash.space.Arch;
import org.nash.space.OpPool;

/**
 * NAS-Bench-101 results in columns: per cell (row), per epoch budget {4, 12, 36, 108} and per
 * repeat (up to 3), the final evaluation's train / validation / test accuracy (fractions 0..1, as
 * in the official data) and training time in seconds, plus trainable parameters. float[] columns,
 * NaN where a value is absent. The full official file takes about 100 MB here.
 *
 * <p>Protocol: the search signal is the validation accuracy of one repeat (index drawn by the
 * caller's RNG, see {@link #drawRepeat}) or the mean of the repeats ({@link #MEAN}); the reported
 * accuracy is the mean test accuracy over the repeats at the same epoch budget, never a maximum
 * over epochs or repeats; the simulated cost is the recorded training time of the run(s) used.
 */
public final class Nb101Table {
  public static final int[] EPOCHS = {4, 12, 36, 108};
  public static final int REPEATS = 3;
  /** Repeat argument meaning "mean over the recorded repeats". */
  public static final int MEAN = -1;

  private final Nb101Space space;
  private final String label;
  private final boolean sample;
  private final int rows;
  private final long[] hashHi;
  private final long[] hashLo;
  private final int[] code;
  private final int[] rowOfCode;
  private final float[] train;
  private final float[] valid;
  private final float[] test;
  private final float[] time;
  private final int[] params;

  Nb101Table(Nb101Space space, String label, boolean sample, int rows, long[] hashHi, long[] hashLo, int[] code,
      float[] train, float[] valid, float[] test, float[] time, int[] params) {
    this.space = space;
    this.label = label;
    this.sample = sample;
    this.rows = rows;
    this.hashHi = hashHi;
    this.hashLo = hashLo;
    this.code = code;
    this.train = train;
    this.valid = valid;
    this.test = test;
    this.time = time;
    this.params = params;
    this.rowOfCode = new int[space.size()];
    Arrays.fill(rowOfCode, -1);
    for (int r = 0; r < rows; r++) {
      rowOfCode[code[r]] = r;
    }
  }

  /** Index of an epoch budget in {@link #EPOCHS}. */
  public static int epochIndex(int epochs) {
    for (int i = 0; i < EPOCHS.length; i++) {
      if (EPOCHS[i] == epochs) {
        return i;
      }
    }
    throw new org.nash.NashException("NAS-Bench-101 has no " + epochs + "-epoch results; epoch budgets are 4, 12, 36, 108");
  }

  private static int at(int row, int e, int repeat) {
    return (row * EPOCHS.length + e) * REPEATS + repeat;
  }

  public Nb101Space space() {
    return space;
  }

  /** What the table holds, for every output that uses it (says SAMPLE for the 500-arch sample). */
  public String label() {
    return label;
  }

  /** True for partial data (the NASLib 500-architecture sample): results are not the benchmark's. */
  public boolean isSample() {
    return sample;
  }

  public int rows() {
    return rows;
  }

  public String hash(int row) {
    return Nb101Hash.hex(hashHi[row], hashLo[row]);
  }

  public Arch arch(int row) {
    return space.byIndex(code[row]);
  }

  /** Row of an arch, or -1 when the table has no results for it. */
  public int row(Arch a) {
    return rowOfCode[a.code()];
  }

  public boolean has(Arch a) {
    return row(a) >= 0;
  }

  /** Trainable parameters, or -1 when the data does not have them. */
  public long trainableParameters(int row) {
    return params[row];
  }

  public double trainAccuracy(int row, int epochs, int repeat) {
    return train[at(row, epochIndex(epochs), repeat)];
  }

  public double validationAccuracy(int row, int epochs, int repeat) {
    return valid[at(row, epochIndex(epochs), repeat)];
  }

  public double testAccuracy(int row, int epochs, int repeat) {
    return test[at(row, epochIndex(epochs), repeat)];
  }

  /** Training time (s) of a run up to its final evaluation; excludes evaluation time, as recorded. */
  public double trainingTime(int row, int epochs, int repeat) {
    return time[at(row, epochIndex(epochs), repeat)];
  }

  /** Number of recorded runs (repeats with a validation accuracy) of a cell at an epoch budget. */
  public int repeats(int row, int epochs) {
    int e = epochIndex(epochs);
    int k = 0;
    for (int r = 0; r < REPEATS; r++) {
      k += Float.isNaN(valid[at(row, e, r)]) ? 0 : 1;
    }
    return k;
  }

  /** A repeat index drawn uniformly among the recorded runs (the caller's RNG, for determinism). */
  public int drawRepeat(int row, int epochs, SplittableRandom rng) {
    int n = repeats(row, epochs);
    if (n == 0) {
      throw new org.nash.NashException("no " + epochs + "-epoch runs recorded for " + hash(row) + " in " + label);
    }
    int pick = rng.nextInt(n);
    int e = epochIndex(epochs);
    for (int r = 0; r < REPEATS; r++) {
      if (!Float.isNaN(valid[at(row, e, r)]) && pick-- == 0) {
        return r;
      }
    }
    throw new IllegalStateException();
  }

  private double mean(float[] col, int row, int epochs) {
    int e = epochIndex(epochs);
    double s = 0;
    int k = 0;
    for (int r = 0; r < REPEATS; r++) {
      float x = col[at(row, e, r)];
      if (!Float.isNaN(x)) {
        s += x;
        k++;
      }
    }
    return k == 0 ? Double.NaN : s / k;
  }

  public double meanValidationAccuracy(int row, int epochs) {
    return mean(valid, row, epochs);
  }

  public double meanTestAccuracy(int row, int epochs) {
    return mean(test, row, epochs);
  }

  public double meanTrainingTime(int row, int epochs) {
    return mean(time, row, epochs);
  }

  /** Search signal: validation accuracy of one repeat, or the mean of the repeats for {@link #MEAN}. */
  public double searchSignal(int row, int epochs, int repeat) {
    return repeat == MEAN ? meanValidationAccuracy(row, epochs) : validationAccuracy(row, epochs, repeat);
  }

  /** Reported accuracy: mean test accuracy over the repeats at the same epoch budget. */
  public double reportedTestAccuracy(int row, int epochs) {
    return meanTestAccuracy(row, epochs);
  }

  /**
   * Simulated cost (s) of the query: the recorded training time of the repeat that gave the signal,
   * or the mean over repeats for {@link #MEAN}. NaN when the data has no times (the sample).
   */
  public double simulatedCost(int row, int epochs, int repeat) {
    return repeat == MEAN ? meanTrainingTime(row, epochs) : trainingTime(row, epochs, repeat);
  }

  /** Row with the highest mean test accuracy at the budget among cells in the pool; -1 if none. */
  public int bestRow(int epochs, OpPool pool) {
    int best = -1;
    double bestAcc = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      double acc = meanTestAccuracy(r, epochs);
      if (!Double.isNaN(acc) && acc > bestAcc && (pool == null || space.inPool(arch(r), pool))) {
        best = r;
        bestAcc = acc;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return label;
  }

  /** Collects runs one record at a time (any order), then freezes into a table. */
  static final class Builder {
    private final Nb101Space space;
    private final Key128Map rowOfHash;
    private int rows;
    private long[] hashHi;
    private long[] hashLo;
    private int[] code;
    private int[] params;
    private float[] train;
    private float[] valid;
    private float[] test;
    private float[] time;
    private byte[] runs; // runs stored per (row, epoch budget)

    Builder(Nb101Space space, int expectedRows) {
      this.space = space;
      int cap = Math.max(16, expectedRows);
      rowOfHash = new Key128Map(cap);
      hashHi = new long[cap];
      hashLo = new long[cap];
      code = new int[cap];
      params = new int[cap];
      train = nanArray(cap);
      valid = nanArray(cap);
      test = nanArray(cap);
      time = nanArray(cap);
      runs = new byte[cap * EPOCHS.length];
    }

    private static float[] nanArray(int rows) {
      float[] a = new float[rows * EPOCHS.length * REPEATS];
      Arrays.fill(a, Float.NaN);
      return a;
    }

    private static float[] grow(float[] a, int rows) {
      int old = a.length;
      float[] b = Arrays.copyOf(a, rows * EPOCHS.length * REPEATS);
      Arrays.fill(b, old, b.length, Float.NaN);
      return b;
    }

    /** Row of a hash, or -1. */
    int row(long hi, long lo) {
      return rowOfHash.get(hi, lo);
    }

    /** Adds a row for a new hash with the cell's code. */
    int addRow(long hi, long lo, int cellCode, long trainableParams) {
      if (rows == hashHi.length) {
        int cap = rows * 2;
        hashHi = Arrays.copyOf(hashHi, cap);
        hashLo = Arrays.copyOf(hashLo, cap);
        code = Arrays.copyOf(code, cap);
        params = Arrays.copyOf(params, cap);
        train = grow(train, cap);
        valid = grow(valid, cap);
        test = grow(test, cap);
        time = grow(time, cap);
        runs = Arrays.copyOf(runs, cap * EPOCHS.length);
      }
      hashHi[rows] = hi;
      hashLo[rows] = lo;
      code[rows] = cellCode;
      params[rows] = (int) trainableParams;
      rowOfHash.putIfAbsent(hi, lo, rows);
      return rows++;
    }

    /** Stores a run in the next free repeat slot; returns the slot, or -1 when all are taken. */
    int addRun(int row, int epochIdx, double trainAcc, double validAcc, double testAcc, double seconds) {
      int r = runs[row * EPOCHS.length + epochIdx];
      if (r == REPEATS) {
        return -1;
      }
      runs[row * EPOCHS.length + epochIdx]++;
      int i = at(row, epochIdx, r);
      train[i] = (float) trainAcc;
      valid[i] = (float) validAcc;
      test[i] = (float) testAcc;
      time[i] = (float) seconds;
      return r;
    }

    int rows() {
      return rows;
    }

    int code(int row) {
      return code[row];
    }

    /** The table, rows in code order (so a complete table has row = code). */
    Nb101Table build(String label, boolean sample) {
      Integer[] order = new Integer[rows];
      for (int r = 0; r < rows; r++) {
        order[r] = r;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(code[a], code[b]));
      long[] hh = new long[rows];
      long[] hl = new long[rows];
      int[] c = new int[rows];
      int[] p = new int[rows];
      int w = EPOCHS.length * REPEATS;
      float[][] in = {train, valid, test, time};
      float[][] out = new float[4][rows * w];
      for (int r = 0; r < rows; r++) {
        int o = order[r];
        hh[r] = hashHi[o];
        hl[r] = hashLo[o];
        c[r] = code[o];
        p[r] = params[o];
        for (int k = 0; k < 4; k++) {
          System.arraycopy(in[k], o * w, out[k], r * w, w);
        }
      }
      return new Nb101Table(space, label, sample, rows, hh, hl, c, out[0], out[1], out[2], out[3], p);
    }
  }
}
