package org.nash.nb101;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nash.nb101.ModelMetrics.Evaluation;

/** Test fixtures only: writes the ModelMetrics protobuf that {@link ModelMetrics} reads. */
final class ModelMetricsEncoder {
  private ModelMetricsEncoder() {}

  /** Encodes a ModelMetrics message; parameters &lt; 0 and NaN total time are left out. */
  public static byte[] encode(List<Evaluation> evaluations, long trainableParameters, double totalTime) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    for (Evaluation e : evaluations) {
      ByteArrayOutputStream m = new ByteArrayOutputStream(64);
      putDouble(m, 1, e.currentEpoch());
      putDouble(m, 2, e.trainingTime());
      putDouble(m, 3, e.trainAccuracy());
      putDouble(m, 4, e.validationAccuracy());
      putDouble(m, 5, e.testAccuracy());
      if (e.checkpointPath() != null) {
        byte[] s = e.checkpointPath().getBytes(StandardCharsets.UTF_8);
        putVarint(m, 6 << 3 | 2);
        putVarint(m, s.length);
        m.writeBytes(s);
      }
      putVarint(out, 1 << 3 | 2);
      putVarint(out, m.size());
      out.writeBytes(m.toByteArray());
    }
    if (trainableParameters >= 0) {
      putVarint(out, 2 << 3);
      putVarint(out, trainableParameters);
    }
    putDouble(out, 3, totalTime);
    return out.toByteArray();
  }

  private static void putDouble(ByteArrayOutputStream out, int field, double x) {
    if (Double.isNaN(x)) {
      return;
    }
    putVarint(out, field << 3 | 1);
    long bits = Double.doubleToRawLongBits(x);
    for (int i = 0; i < 8; i++) {
      out.write((int) (bits >>> (8 * i)));
    }
  }

  private static void putVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
