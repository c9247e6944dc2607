package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Table;
import org.nash.analysis.spotcheck.SpotCheckStudyWriter;
import org.nash.report.Report;
import org.nash.testing.Releases;
import org.nash.testing.SyntheticReleases;

/**
 * {@code nash reproduce} of a spot-check study on synthetic files of the three datasets in their official
 * layouts, end to end: the same 5 cells trained on each (tiny network C=4, N=1, 1 epoch on 100 images), the
 * per-dataset and paired tables, the report opening with the verdict, and a rerun that reads every cell back.
 */
class SpotcheckStudyTest {
  @TempDir
  Path dir;

  @Test
  void theSameCellsOnThreeDatasetsThenARerunFromTheStore() throws Exception {
    Path data = dir.resolve("data");
    Releases.cifar10Python(data, 40, 20);
    Releases.cifar100Python(data, 200, 100);
    Releases.imagenet16(data, 20, 130);
    SyntheticReleases.splitFile(data.resolve("cifar-split.txt"), "train", OfficialDatasetsRetrainTest.range(0, 100),
        "valid", OfficialDatasetsRetrainTest.range(100, 200));
    SyntheticReleases.splitFile(data.resolve("cifar100-test-split.txt"), "xvalid", OfficialDatasetsRetrainTest.range(0, 50),
        "xtest", OfficialDatasetsRetrainTest.range(50, 100));
    SyntheticReleases.splitFile(data.resolve("imagenet-16-120-test-split.txt"), "xvalid",
        OfficialDatasetsRetrainTest.range(0, 60), "xtest", OfficialDatasetsRetrainTest.range(60, 120));
    Path study = dir.resolve("tiny.yaml");
    Files.writeString(study, """
        name: spot-tiny
        parts:
          - folder: spotcheck
            spotcheck:
              datasets: [cifar10-valid, cifar100, ImageNet16-120]
              compare: [ImageNet16-120, cifar100]
              cells: 5
              bootstrap: 300
              epochs: 1
              table_epochs: 12
              channels: 4
              cells_per_stage: 1
              subset: 100
        """);
    Path out = dir.resolve("out");
    String store = dir.resolve("store.sqlite").toString();
    String[] args = {"reproduce", "spot-tiny", "--config", study.toString(), "--out", out.toString(), "--data",
        data.toString(), "--store", store, "--torch-threads", "1", "--quiet"};
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(0, r.exit(), r.out() + r.err());
    Path part = out.resolve("spotcheck");
    List<Map<String, String>> ds = rows(part.resolve(SpotCheckStudyWriter.DATASETS.csv()));
    assertEquals(List.of("cifar10-valid", "cifar100", "ImageNet16-120"), ds.stream().map(m -> m.get("dataset")).toList());
    List<Map<String, String>> cells = rows(part.resolve(SpotCheckStudyWriter.CELLS.csv()));
    for (Map<String, String> m : ds) {
      assertEquals("5", m.get("cells"), m.toString());
      assertEquals("5", m.get("trained"), "every cell trained the first time: " + m);
      assertEquals("official", m.get("split"), m.toString());
      assertTrue(m.get("split_how").contains("sha256"), "the files and split named with their sha256: " + m);
      assertTrue(m.get("data_sha256").matches("[0-9a-f]{64}"), m.toString());
      assertTrue(m.get("table_column").equals(m.get("dataset") + "/valid-acc@12"), m.toString());
      long distinct = cells.stream().filter(c -> c.get("dataset").equals(m.get("dataset"))).map(c -> c.get("trained"))
          .distinct().count();
      if (distinct == 1) {
        // one epoch of a tiny network often scores every cell alike (chance): then there is no tau
        assertEquals("", m.get("tau"), "no tau for constant trained values: " + m);
      } else {
        double tau = Double.parseDouble(m.get("tau"));
        double lo = Double.parseDouble(m.get("tau_lo"));
        double hi = Double.parseDouble(m.get("tau_hi"));
        assertTrue(lo <= hi && tau >= -1 && tau <= 1, m.toString());
      }
      // one epoch of a tiny network on 100 images stays far below the 12-epoch table
      assertTrue(Double.parseDouble(m.get("mean_diff_hi")) < 0, m.toString());
    }
    List<Map<String, String>> paired = rows(part.resolve(SpotCheckStudyWriter.PAIRED.csv()));
    assertEquals(List.of("ImageNet16-120", "cifar100"), paired.stream().map(m -> m.get("dataset")).toList());
    for (Map<String, String> m : paired) {
      assertEquals("cifar10-valid", m.get("reference"));
      if (m.get("delta_tau").isEmpty()) {
        assertEquals("undefined", m.get("verdict"), m.toString());
        assertTrue(m.get("sentence").contains("no verdict"), m.toString());
        continue;
      }
      double lo = Double.parseDouble(m.get("delta_lo"));
      double hi = Double.parseDouble(m.get("delta_hi"));
      String expected = lo > 0 ? "agrees better" : hi < 0 ? "agrees worse" : "no detectable difference";
      assertEquals(expected, m.get("verdict"), m.toString());
    }
    // the same cells on every dataset, each dataset's own spot check beside them
    assertEquals(15, cells.size());
    Map<String, List<String>> archs = cells.stream().collect(Collectors.groupingBy(m -> m.get("dataset"),
        Collectors.mapping(m -> m.get("arch"), Collectors.toList())));
    assertEquals(archs.get("cifar10-valid"), archs.get("ImageNet16-120"));
    assertEquals(archs.get("cifar10-valid"), archs.get("cifar100"));
    for (String d : List.of("cifar10-valid", "cifar100", "ImageNet16-120")) {
      JsonNode j = new ObjectMapper().readTree(part.resolve(d).resolve("spotcheck.json").toFile());
      assertEquals(5, j.path("rows").size(), d);
      assertEquals(j.path("rows").get(0).path("arch").asText(), archs.get(d).get(0), d);
    }
    String html = Files.readString(out.resolve(Report.PAGE));
    int verdict = html.indexOf("id=\"spotcheck-verdict\"");
    assertTrue(verdict > 0 && verdict < html.indexOf("id=\"findings\""), "the verdict first");
    assertTrue(html.contains("data-path=\"spotcheck/ImageNet16-120/spotcheck.png\""), "each dataset's figure shown");
    assertTrue(r.out().contains(paired.get(0).get("sentence")), "the verdict printed: " + r.out());

    byte[] pairedBytes = Files.readAllBytes(part.resolve(SpotCheckStudyWriter.PAIRED.csv()));
    CliRunner.Result again = CliRunner.run(args);
    assertEquals(0, again.exit(), again.out() + again.err());
    for (Map<String, String> m : rows(part.resolve(SpotCheckStudyWriter.DATASETS.csv()))) {
      assertEquals("0", m.get("trained"), "a rerun reads every cell back from the store: " + m);
      assertEquals("5", m.get("cached"), m.toString());
    }
    assertArrayEquals(pairedBytes, Files.readAllBytes(part.resolve(SpotCheckStudyWriter.PAIRED.csv())));
  }

  private static List<Map<String, String>> rows(Path csv) {
    List<String[]> raw = Table.readCsv(csv);
    String[] head = raw.get(0);
    return raw.subList(1, raw.size()).stream().map(r -> {
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < head.length; i++) {
        m.put(head[i], i < r.length ? r[i] : "");
      }
      return m;
    }).toList();
  }
}
