package org.nash.analysis.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.analysis.output.Artifacts;
import org.nash.benchmark.Benchmark;
import org.nash.table.CsvColumns;

class ScanWriterTest {
  @TempDir
  Path dir;

  @Test
  void writesTablesJsonAndFiguresAndRegistersEveryOne() throws Exception {
    Benchmark b = Synthetic.benchmark();
    ScanResult r = OpScan.compute(b, ScanOptions.resolve(b, List.of("a", "c"), false, null));
    Files.writeString(dir.resolve(Artifacts.NAME), "[ {\"path\" : \"other.csv\", \"kind\" : \"table\", "
        + "\"section\" : \"x\", \"title\" : \"t\", \"caption\" : \"c\"} ]\n");
    List<Artifacts.Entry> entries = ScanWriter.write(r, dir);

    Set<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    assertFalse(files.stream().anyMatch(f -> f.endsWith(".tmp")), "no temp files left: " + files);
    Set<String> registered = new HashSet<>();
    for (Artifacts.Entry e : Artifacts.read(dir)) {
      registered.add(e.path());
    }
    assertTrue(registered.contains("other.csv"), "entries of other analyses are kept");
    for (String f : files) {
      if (f.endsWith(".svg")) {
        assertTrue(registered.contains(f.replace(".svg", ".png")), "SVG twin of a registered PNG: " + f);
      } else if (!f.equals(Artifacts.NAME)) {
        assertTrue(registered.contains(f), "registered: " + f);
      }
    }
    for (Artifacts.Entry e : entries) {
      assertTrue(files.contains(e.path()), e.path());
      assertEquals("Operation-subset scan (synthetic)", e.section());
      assertTrue(e.caption().length() > 80, "a caption that explains: " + e.path());
      if (e.kind().equals("figure")) {
        assertTrue(files.contains(e.path().replace(".png", ".svg")), "SVG twin of " + e.path());
        byte[] png = Files.readAllBytes(dir.resolve(e.path()));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = Files.readString(dir.resolve(e.path().replace(".png", ".svg")));
        assertTrue(svg.length() < 100_000, "SVG of " + e.path() + ": " + svg.length());
        assertTrue(svg.contains("</text>") && !svg.contains("<path"), "SVG text as text: " + e.path());
      }
    }
    // 2 datasets x (best, gap, histogram, op-edge, occurrence of each of 4 ops) + top-50 ranks.
    assertEquals(2 * (4 + 4) + 1, entries.stream().filter(e -> e.kind().equals("figure")).count());
    assertTrue(entries.stream().anyMatch(e -> e.caption().contains("ties at") || e.caption().contains("tied at")),
        "the top-1% tie rule is stated");

    // CSV: header in record order, full-precision doubles that parse back.
    CsvColumns csv = CsvColumns.read(dir.resolve("scan-synthetic-subsets.csv"));
    double[] best = csv.doubles("best");
    assertEquals(15 * 2, best.length);
    assertEquals(r.subsets().get(29).best(), best[29]);
    String header = Files.readAllLines(dir.resolve("scan-synthetic-subsets.csv")).get(0);
    assertTrue(header.startsWith("pool,dataset,n,best,bestIndex,bestArch,mean,median,p10,p90,g1,adjustedG1"), header);

    // JSON: everything, NaN as null.
    JsonNode json = new ObjectMapper().readTree(dir.resolve("scan-synthetic.json").toFile());
    assertEquals("synthetic", json.at("/result/benchmark").asText());
    assertEquals(30, json.at("/result/subsets").size());
    assertTrue(json.at("/result/subsets/0/g1").isNull(), "skewness of one value is NaN -> null");
    assertEquals(r.subset("full", "a").mean(), json.at("/result/subsets/28/mean").asDouble());
  }
}
