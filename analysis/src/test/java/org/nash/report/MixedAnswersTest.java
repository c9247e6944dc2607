package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.calibration.Calibration;

/** The findings' line of a mixed run: trained share from the sources table, calibration from oracle.json. */
class MixedAnswersTest {
  @TempDir
  Path dir;

  @Test
  void saysHowManyValuesWereTrainedAndHowTheyCompareWithTheTable() throws Exception {
    Files.createDirectories(dir.resolve("compare"));
    Files.writeString(dir.resolve("compare/sources.csv"),
        "dataset,pool,searcher,trials,oracle,table,trained,cached,predicted,seconds\n"
            + "cifar10,all,rs,2,table-or-retrain,1,5,2,0,mixed\n"
            + "cifar10,full,rs,2,table-or-retrain,8,0,0,0,simulated\n");
    List<Calibration.Cell> cells = new ArrayList<>();
    double[] table = {10, 30, 50, 70, 90};
    double[] trained = {8, 27, 49, 66, 85};
    for (int i = 0; i < 5; i++) {
      cells.add(new Calibration.Cell(i, "c" + i, table[i], trained[i], 100, 10));
    }
    Map<String, Object> p = new LinkedHashMap<>(Calibration.fit("affine", cells).toMap());
    p.put("cost_factor", 10.0);
    Files.writeString(dir.resolve("oracle.json"), new ObjectMapper().writeValueAsString(
        Map.of("format", "nash-oracle/1", "datasets", Map.of("cifar10", p))));
    StringBuilder h = new StringBuilder();
    MixedAnswers.line(h, dir, "");
    // 5 trained + 2 cached of 16 charged queries; the K = 5 calibration of CalibrationTest
    assertTrue(h.toString().contains("<b>cifar10</b>: 7 of 16 values were trained; trained values are 3.00 +- 1.96 pp "
        + "below the table on 5 overlap cells"), h.toString());
    assertTrue(h.toString().contains("K = 5 calibration cells"), h.toString());
    StringBuilder none = new StringBuilder();
    MixedAnswers.line(none, dir.resolve("compare"), "");
    assertEquals("", none.toString(), "no oracle.json, no line");
  }
}
