package org.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.analysis.compare.ComparisonReport;
import org.nash.analysis.output.TableSpec;

/** The report reads its tables through the writers' declarations: a drift on either side fails at once. */
class CsvSpecTest {
  private static final TableSpec SPEC = TableSpec.of("compare/example", "dataset", "searcher", "value");

  @TempDir
  Path dir;

  @Test
  void aDeclaredTableIsReadBackByItsColumns() {
    org.nash.analysis.output.Table written = SPEC.table().add("cifar10", "rs", 1.5).add("cifar10", "re", 2.5);
    written.write(dir.resolve("exp"), SPEC.path());
    Csv t = Csv.read(dir, "exp/", SPEC);
    assertEquals(2, t.rows.size());
    assertEquals(2.5, Csv.num(t.rows.get(1), "value"));
    assertEquals("rs", t.where("searcher", "rs").get(0).get("searcher"));
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> t.rows.get(0).get("valeu"));
    assertTrue(typo.getMessage().contains("compare/example has no column 'valeu'"), typo.getMessage());
    assertNull(Csv.read(dir, "missing/", SPEC), "an absent table is null, not an error");
  }

  @Test
  void aTableWithOtherColumnsIsRefusedNamingTheFile() throws Exception {
    Path f = dir.resolve(SPEC.csv());
    Files.createDirectories(f.getParent());
    Files.writeString(f, "dataset,searcher,old_value\ncifar10,rs,1\n");
    NashException e = assertThrows(NashException.class, () -> Csv.read(dir, "", SPEC));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("[dataset, searcher, old_value]"),
        e.getMessage());
  }

  @Test
  void writersDeclareTheColumnsTheFindingsRead() {
    assertEquals("reported_std", ComparisonReport.FINAL.col("reported_std"));
    assertThrows(IllegalArgumentException.class, () -> ComparisonReport.FINAL.col("reported_sd"));
    assertEquals("compare/final.csv", ComparisonReport.FINAL.csv());
  }
}
