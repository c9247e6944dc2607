package org.nash.nb101;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nash.space.Arch;

/** Builds TFRecord files in the official nasbench layout from real values, for reader tests. */
final class Nb101Fixtures {
  /** Marks every fixture run made from the NASLib sample: only validation_accuracy is real. */
  static final String SAMPLE_MARK = "nash test fixture from NASLib zc_nasbench101.json: only validation_accuracy is real";

  private Nb101Fixtures() {}

  /**
   * One record per distinct (cell, val_accuracy) of the sample, in file order: hash, 108, the cell's
   * official (representative) adjacency and ops, and ModelMetrics with evaluations at epochs 0 and
   * 54 (no values) and 108 (validation accuracy = val_accuracy / 100, checkpoint_path = mark).
   * Parameters, times and the other accuracies are absent. Returns the records written.
   */
  static int writeSample(Path sampleJson, Path out, Nb101Space space) throws IOException {
    int n = 0;
    Set<String> seen = new HashSet<>();
    try (TfRecordWriter w = new TfRecordWriter(out)) {
      for (Nb101Sample.Entry e : Nb101Sample.entries(sampleJson)) {
        Arch a = space.fromSpec(e.spec());
        String h = space.hash(a);
        if (!seen.add(h + " " + e.validAccuracyPercent())) {
          continue;
        }
        double nan = Double.NaN;
        byte[] metrics = ModelMetricsEncoder.encode(List.of(
            new ModelMetrics.Evaluation(0, nan, nan, nan, nan, null),
            new ModelMetrics.Evaluation(54, nan, nan, nan, nan, null),
            new ModelMetrics.Evaluation(108, nan, nan, e.validAccuracyPercent() / 100, nan, SAMPLE_MARK)), -1, nan);
        w.write(Nb101Row.format(h, 108, space.spec(a), metrics));
        n++;
      }
    }
    return n;
  }

  /** The real Inception-like runs (test resource inception-runs.json) as official records. */
  static List<byte[]> inceptionRecords() throws IOException {
    JsonNode d;
    try (InputStream in = Nb101Fixtures.class.getResourceAsStream("inception-runs.json")) {
      d = new ObjectMapper().readTree(in);
    }
    Nb101Spec spec = Nb101Spec.fromRow(d.get("adjacency").asText(), d.get("ops").asText());
    List<byte[]> out = new ArrayList<>();
    for (int epochs : Nb101Table.EPOCHS) {
      for (JsonNode run : d.get("runs").get(Integer.toString(epochs))) {
        byte[] metrics = ModelMetricsEncoder.encode(List.of(
            new ModelMetrics.Evaluation(0, 0, 0.1, 0.1, 0.1, null),
            new ModelMetrics.Evaluation(epochs / 2.0, run.get(7).asDouble(), run.get(4).asDouble(),
                run.get(5).asDouble(), run.get(6).asDouble(), null),
            new ModelMetrics.Evaluation(epochs, run.get(3).asDouble(), run.get(0).asDouble(),
                run.get(1).asDouble(), run.get(2).asDouble(), null)),
            d.get("trainable_parameters").asLong(), Double.NaN);
        out.add(Nb101Row.format(d.get("hash").asText(), epochs, spec, metrics));
      }
    }
    return out;
  }

  static JsonNode inceptionJson() throws IOException {
    try (InputStream in = Nb101Fixtures.class.getResourceAsStream("inception-runs.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}
