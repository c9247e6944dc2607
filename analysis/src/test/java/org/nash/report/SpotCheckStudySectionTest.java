package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.spotcheck.SpotCheckStudy;
import org.nash.analysis.spotcheck.SpotCheckStudyWriter;

/** A report over a spot check of several datasets opens with its verdict; bad study parts name file and field. */
class SpotCheckStudySectionTest {
  @TempDir
  Path dir;

  @Test
  void theVerdictComesFirstAndEachFileIsShownOnce() throws Exception {
    Path part = Files.createDirectories(dir.resolve("spotcheck"));
    Path a = Files.createDirectories(part.resolve("A"));
    Files.writeString(a.resolve("spotcheck.csv"), "arch\n1\n");
    Artifacts.register(a, List.of(new Artifacts.Entry("spotcheck.csv", "table", "Spot check: trained vs table", "cells",
        "one row per cell")));
    double[] table = {1, 2, 3, 4, 5};
    List<SpotCheckStudy.DatasetInput> in = List.of(
        new SpotCheckStudy.DatasetInput("A", "A/valid-acc@12", new double[] {1, 2, 3, 4, 5}, table,
            List.of("trained", "trained", "trained", "trained", "trained"), "official", "how A", "shaA"),
        new SpotCheckStudy.DatasetInput("B", "B/valid-acc@12", new double[] {2, 1, 4, 3, 5}, table,
            List.of("cached", "cached", "cached", "cached", "cached"), "official", "how B", "shaB"));
    SpotCheckStudy.Result r = SpotCheckStudy.of(in, "A", List.of("B"), 300, 0);
    List<SpotCheckStudy.Selected> cells = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cells.add(new SpotCheckStudy.Selected(i, i, i, i + 1, i + 0.5));
    }
    SpotCheckStudyWriter.write(r, cells, List.of("a", "b", "c", "d", "e"), "A/valid-acc@12", Map.of(), part);
    for (Path p : List.of(dir, part)) {
      HtmlPage.write(p, new HtmlPage.Page("t", List.of(), List.of(), List.of()));
      String html = Files.readString(p.resolve(Report.PAGE));
      int verdict = html.indexOf("id=\"spotcheck-verdict\"");
      assertTrue(verdict > 0 && verdict < html.indexOf("id=\"findings\""), "the verdict first: " + p);
      assertTrue(html.contains("<b>" + r.paired().get(0).verdict().words + ":</b> B"), html);
      assertTrue(html.contains("shaB"), "the data's sha256 is named");
      String shown = p.equals(dir) ? "spotcheck/A/spotcheck.csv" : "A/spotcheck.csv";
      assertEquals(1, count(html, "data-path=\"" + shown + "\""), "shown once: " + shown);
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private NashException bad(String spotcheck) throws Exception {
    Path f = dir.resolve("study.yaml");
    Files.writeString(f, "name: s\nparts:\n  - folder: spotcheck\n    spotcheck:\n" + spotcheck);
    return assertThrows(NashException.class, () -> Study.load(f));
  }

  @Test
  void aBadSpotcheckPartNamesTheFileAndTheField() throws Exception {
    String f = dir.resolve("study.yaml").toString();
    assertTrue(bad("      cells: 2\n").getMessage().startsWith(f + ": parts[0].spotcheck.cells: "), "K >= 3");
    assertTrue(bad("      datasets: [cifar10-valid, mnist]\n").getMessage()
        .startsWith(f + ": parts[0].spotcheck.datasets: 'mnist' is not a dataset nash can retrain"));
    assertTrue(bad("      reference: cifar10\n").getMessage().startsWith(f + ": parts[0].spotcheck.reference: "));
    assertTrue(bad("      compare: [cifar10-valid]\n").getMessage().startsWith(f + ": parts[0].spotcheck.compare: "));
    assertTrue(bad("      epochs: 1\n").getMessage().contains("parts[0].spotcheck.epochs: the table has 12- and 200-epoch"
        + " values only, got 1; for a shorter training give table_epochs: 12"));
    String type = bad("      cells: many\n").getMessage();
    assertTrue(type.startsWith(f + " line 5, column 14: field parts[0].spotcheck.cells: "), type);
    String unknown = bad("      cell: 5\n").getMessage();
    assertTrue(unknown.contains("unknown field 'cell'"), unknown);
    Path g = dir.resolve("study.yaml");
    Files.writeString(g, "name: s\nparts:\n  - spotcheck: {}\n    scan: {benchmark: nb201}\n");
    assertTrue(assertThrows(NashException.class, () -> Study.load(g)).getMessage()
        .contains("parts[0]: a 'spotcheck' goes in a part of its own"));
  }

  @Test
  void theShippedStudyLoadsWithItsDefaults() {
    Study s = Study.load(Path.of(System.getProperty("user.dir")).getParent().resolve("configs/spotcheck-3datasets.yaml"));
    assertEquals("spotcheck-3datasets", s.name);
    Study.Spotcheck sc = s.parts.get(0).spotcheck;
    assertEquals(List.of("cifar10-valid", "cifar100", "ImageNet16-120"), sc.datasets);
    assertEquals("cifar10-valid", sc.reference());
    assertEquals(List.of("ImageNet16-120", "cifar100"), sc.compare());
    assertEquals(20, sc.cells);
    assertEquals(12, sc.tableEpochs());
    assertEquals("spotcheck", s.parts.get(0).folder());
  }
}
