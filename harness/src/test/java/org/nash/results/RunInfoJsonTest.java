package org.nash.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nash.plugin.PluginIdentity;

/** run.json written by the streaming generator is, byte for byte, what databind writes (INDENT_OUTPUT). */
class RunInfoJsonTest {
  private static final ObjectMapper DATABIND = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static void same(RunInfo r) throws Exception {
    assertEquals(DATABIND.writeValueAsString(r), RunInfoJson.of(r));
  }

  private static RunInfo.Session session(String ended, int ran) {
    return new RunInfo.Session("2026-12-05T12:00:00.123Z", ended, "0.1.0", ended == null ? null : "1a2b3c4d5e6f",
        "17.0.15 (Debian)", "Linux 6.1 amd64", "AMD EPYC \"quoted\" \u00e9", 2, 1, ran);
  }

  @Test
  void aFreshRunAndAShard() throws Exception {
    Map<String, PluginIdentity> searchers = new LinkedHashMap<>();
    searchers.put("rs", new PluginIdentity("rs", "org.nash.searchers.RandomSearch$Provider", "nash 0.1.0", Map.of()));
    searchers.put("re-10", new PluginIdentity("re", "org.nash.searchers.RegularizedEvolution$Provider", "nash 0.1.0",
        Map.of("hello.name", "mine", "file.mine.py", "ab12")));
    PluginIdentity oracle = new PluginIdentity("table", "org.nash.oracle.TableOracleProvider", "nash 0.1.0", null);
    Map<String, String> files = Map.of("nb201.cifar10", "00ff", "nb201.meta", "1234");
    same(new RunInfo(RunInfo.FORMAT, "c0ffee", "nb201", "713dd7ba55b3", files, null, searchers, oracle,
        List.of(session(null, 0)), null));
    same(new RunInfo(RunInfo.FORMAT, "c0ffee", "nb201", "713dd7ba55b3", files, "0-of-5000", searchers, oracle,
        List.of(session("2026-12-05T12:00:01Z", 55), session(null, 0)), List.of()));
  }

  @Test
  void emptyAndMissingPartsAndAcceptedChanges() throws Exception {
    same(new RunInfo(null, null, null, null, null, null, null, null, null, null));
    Map<String, PluginIdentity> searchers = new LinkedHashMap<>();
    searchers.put("x", new PluginIdentity("", null, "jar /a b.jar sha256 00", Map.of("k", "")));
    searchers.put("y", null);
    PluginIdentity before = new PluginIdentity("ext", "org.nash.External", "file:/x.py", Map.of("file.x.py", "01"));
    PluginIdentity after = before.withDetails(Map.of("file.x.py", "02"));
    List<RunInfo.SearcherChange> changes = new ArrayList<>();
    changes.add(new RunInfo.SearcherChange("x", 2, 12_345_678_901L, before, after, List.of("file.x.py: 01 -> 02")));
    changes.add(new RunInfo.SearcherChange(null, 3, 0, null, after, Arrays.asList("a", null)));
    changes.add(new RunInfo.SearcherChange("z", 4, 1, before, null, null));
    same(new RunInfo(RunInfo.FORMAT, "c", "tnb-micro", "v", Map.of(), "auto", searchers, null,
        List.of(session("e", 3)), changes));
  }
}
