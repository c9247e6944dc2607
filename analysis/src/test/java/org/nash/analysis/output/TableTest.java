package org.nash.analysis.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  @TempDir
  Path dir;

  @Test
  void csvAndJsonKeepFullPrecisionAndQuoteOnlyWhenNeeded() throws Exception {
    Table t = new Table("name", "n", "x", "ok").add("skip+c3x3", 3, 1 / 3.0, true).add("a,b \"c\"", 0, Double.NaN, false);
    assertEquals("name,n,x,ok\nskip+c3x3,3,0.3333333333333333,true\n\"a,b \"\"c\"\"\",0,,false\n", t.toCsv());
    String json = t.toJson();
    assertEquals(true, json.contains("\"x\" : 0.3333333333333333"));
    assertEquals(true, json.contains("\"x\" : null"));
    t.write(dir, "sub/t");
    List<String[]> back = Table.readCsv(dir.resolve("sub/t.csv"));
    assertEquals(3, back.size());
    assertArrayEquals(new String[] {"a,b \"c\"", "0", "", "false"}, back.get(2));
    assertEquals(true, Files.exists(dir.resolve("sub/t.json")));
  }
}
