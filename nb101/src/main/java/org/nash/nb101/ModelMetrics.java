package org.nash.nb101;


/**
 * A small decoder and encoder for the two messages of nasbench's {@code model_metrics.proto}
 * (proto2):
 * <pre>
 * ModelMetrics   { repeated EvaluationData evaluation_data = 1; optional int32 trainable_parameters = 2;
 *                  optional double total_time = 3; }
 * EvaluationData { optional double current_epoch = 1; optional double training_time = 2;
 *                  optional double train_accuracy = 3; optional double validation_accuracy = 4;
 *                  optional double test_accuracy = 5; optional string checkpoint_path = 6; }
 * </pre>
 * Only the final evaluation is kept (the last in the list; nasbench's API reads index 2 of
 * [start, halfway, end]). Absent fields read as NaN (parameters as -1); unknown fields are skipped.
 */
public final class ModelMetrics {
  /** Decoded fields of one record; reused across records to avoid garbage. */
  public double currentEpoch;
  public double trainingTime;
  public double trainAccuracy;
  public double validationAccuracy;
  public double testAccuracy;
  public long trainableParameters;
  public double totalTime;
  public int evaluations;

  /** One EvaluationData to encode; NaN fields and a null path are left out. */
  public record Evaluation(double currentEpoch, double trainingTime, double trainAccuracy,
      double validationAccuracy, double testAccuracy, String checkpointPath) {}

  /** Thrown for malformed protobuf bytes; the caller adds the record number. */
  static final class Malformed extends RuntimeException {
    Malformed(String m) {
      super(m);
    }
  }

  public void decode(byte[] b, int off, int len) {
    currentEpoch = trainingTime = trainAccuracy = validationAccuracy = testAccuracy = totalTime = Double.NaN;
    trainableParameters = -1;
    evaluations = 0;
    int end = off + len;
    int[] pos = {off};
    while (pos[0] < end) {
      long tag = varint(b, pos, end);
      int field = (int) (tag >>> 3);
      int wire = (int) tag & 7;
      if (field == 1 && wire == 2) {
        int n = (int) varint(b, pos, end);
        if (n < 0 || pos[0] + n > end) {
          throw new Malformed("evaluation_data length " + n + " runs past the message end");
        }
        evaluation(b, pos[0], pos[0] + n);
        evaluations++;
        pos[0] += n;
      } else if (field == 2 && wire == 0) {
        trainableParameters = (int) varint(b, pos, end);
      } else if (field == 2 && wire == 1) {
        trainableParameters = Math.round(fixed64(b, pos, end));
      } else if (field == 3 && wire == 1) {
        totalTime = fixed64(b, pos, end);
      } else {
        skip(b, pos, end, wire, field);
      }
    }
  }

  /** Overwrites the current values with this evaluation's (the last one read wins). */
  private void evaluation(byte[] b, int from, int end) {
    double epoch = Double.NaN;
    double time = Double.NaN;
    double train = Double.NaN;
    double valid = Double.NaN;
    double test = Double.NaN;
    int[] pos = {from};
    while (pos[0] < end) {
      long tag = varint(b, pos, end);
      int field = (int) (tag >>> 3);
      int wire = (int) tag & 7;
      if (wire == 1 && field >= 1 && field <= 5) {
        double x = fixed64(b, pos, end);
        switch (field) {
          case 1 -> epoch = x;
          case 2 -> time = x;
          case 3 -> train = x;
          case 4 -> valid = x;
          default -> test = x;
        }
      } else {
        skip(b, pos, end, wire, field);
      }
    }
    currentEpoch = epoch;
    trainingTime = time;
    trainAccuracy = train;
    validationAccuracy = valid;
    testAccuracy = test;
  }

  private static long varint(byte[] b, int[] pos, int end) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= end) {
        throw new Malformed("varint runs past the message end");
      }
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return v;
      }
    }
    throw new Malformed("varint longer than 10 bytes");
  }

  private static double fixed64(byte[] b, int[] pos, int end) {
    if (pos[0] + 8 > end) {
      throw new Malformed("double field runs past the message end");
    }
    double d = Double.longBitsToDouble(TfRecordReader.le64(b, pos[0]));
    pos[0] += 8;
    return d;
  }

  private static void skip(byte[] b, int[] pos, int end, int wire, int field) {
    switch (wire) {
      case 0 -> varint(b, pos, end);
      case 1 -> pos[0] += 8;
      case 2 -> {
        long n = varint(b, pos, end);
        pos[0] += (int) n;
      }
      case 5 -> pos[0] += 4;
      default -> throw new Malformed("field " + field + " has unsupported wire type " + wire);
    }
    if (pos[0] > end) {
      throw new Malformed("field " + field + " runs past the message end");
    }
  }
}
