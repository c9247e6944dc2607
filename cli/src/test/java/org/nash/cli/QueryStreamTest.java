package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.nb201.Nb201Benchmark;
import org.nash.oracle.Observation;
import org.nash.oracle.TabularOracle;
import org.nash.space.Arch;

/** {@code nash query --stdin}: JSON lines in and out, the numbers a search on the table sees. */
class QueryStreamTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static List<JsonNode> serve(String input) throws Exception {
    StringWriter out = new StringWriter();
    new QueryStream(name -> Benchmarks.load(name, TestData.catalog()), "nb201")
        .serve(new BufferedReader(new StringReader(input)), out);
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString().split("\n", -1)) {
      if (!line.isEmpty()) {
        nodes.add(M.readTree(line));
      }
    }
    assertTrue(out.toString().endsWith("\n"), "every answer is a whole line");
    return nodes;
  }

  @Test
  void answersAreWhatTheTableOracleAnswersASearch() throws Exception {
    Benchmark b = Benchmarks.load("nb201", TestData.catalog());
    SplittableRandom rng = new SplittableRandom(5);
    StringBuilder in = new StringBuilder();
    List<Arch> asked = new ArrayList<>();
    String[] datasets = {"cifar10", "cifar100", "ImageNet16-120", "cifar10-valid"};
    for (int k = 0; k < 200; k++) {
      Arch a = b.space().byIndex(rng.nextInt(b.space().size()));
      asked.add(a);
      String ds = datasets[k % 4];
      String fid = k % 3 == 0 ? ", \"fidelity\": \"hp200\"" : k % 3 == 1 ? ", \"fidelity\": \"hp12\"" : "";
      in.append(k % 2 == 0 ? "{\"dataset\": \"" + ds + "\", \"index\": " + a.index() + fid + "}\n"
          : "{\"benchmark\": \"nb201\", \"dataset\": \"" + ds + "\", \"arch\": \"" + a + "\"" + fid + "}\n");
    }
    List<JsonNode> out = serve(in.toString());
    assertEquals(200, out.size());
    for (int k = 0; k < 200; k++) {
      Arch a = asked.get(k);
      String ds = datasets[k % 4];
      var fidelity = k % 3 == 0 ? Nb201Benchmark.HP200 : Nb201Benchmark.HP12;
      Observation o = new TabularOracle(b, ds, fidelity).query(a, null);
      JsonNode n = out.get(k);
      assertEquals(a.index(), n.get("index").asInt(), n.toString());
      assertEquals(a.toString(), n.get("arch").asText());
      assertEquals(fidelity.name(), n.get("fidelity").asText());
      assertEquals(o.signal(), n.get("signal").asDouble(), 0.0, n.toString());
      assertEquals(o.reported(), n.get("reported").asDouble(), 0.0);
      assertEquals(o.cost(), n.get("cost").asDouble(), 0.0);
      assertEquals(o.costEstimated(), n.get("cost_estimated").asBoolean(), ds);
    }
  }

  @Test
  void columnsAndIdsAreEchoedAndNaNIsNull() throws Exception {
    Benchmark b = Benchmarks.load("nb201", TestData.catalog());
    // a cell NAS-Bench-Suite-Zero has no FLOPs for (a duplicate): NaN in the table
    int missing = -1;
    for (int i = 0; i < b.space().size() && missing < 0; i++) {
      if (Double.isNaN(b.table().column("cifar10/flops").get(i))) {
        missing = i;
      }
    }
    assertTrue(missing >= 0);
    List<JsonNode> out = serve("{\"id\": 7, \"dataset\": \"cifar10\", \"index\": " + missing
        + ", \"columns\": [\"cifar10/flops\", \"cifar10/test-acc@200\"]}\n"
        + "{\"id\": \"x\", \"dataset\": \"cifar100\", \"index\": 9930, \"columns\": \"all\"}\n");
    assertEquals(7, out.get(0).get("id").asInt());
    assertTrue(out.get(0).get("values").get("cifar10/flops").isNull());
    assertEquals(b.table().column("cifar10/test-acc@200").get(missing),
        out.get(0).get("values").get("cifar10/test-acc@200").asDouble(), 0.0);
    assertEquals("x", out.get(1).get("id").asText());
    assertEquals(b.table().keys().size(), out.get(1).get("values").size());
    assertEquals(73.513, out.get(1).get("reported").asDouble(), 5e-4); // the best cell on CIFAR-100
  }

  @Test
  void aBadLineGetsAnErrorNamingItAndTheStreamGoesOn() throws Exception {
    List<JsonNode> out = serve(String.join("\n",
        "{\"dataset\": \"cifar10\", \"index\": 1}",
        "not json",
        "{\"dataset\": \"cifar10\", \"index\": 15625}",
        "{\"dataset\": \"mnist\", \"index\": 3}",
        "{\"id\": 5, \"dataset\": \"cifar10\", \"arch\": \"|conv~0|+|a~0|b~1|+|c~0|d~1|e~2|\"}",
        "{\"dataset\": \"cifar10\", \"index\": 2, \"colour\": 1}",
        "{\"dataset\": \"cifar10\", \"index\": 1, \"arch\": \"|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\"}",
        "",
        "{\"dataset\": \"cifar10\", \"index\": 2}") + "\n");
    assertEquals(8, out.size());
    assertFalse(out.get(0).has("error"));
    assertTrue(out.get(1).get("error").asText().startsWith("stdin line 2: not a JSON object"), out.get(1).toString());
    assertTrue(out.get(2).get("error").asText().contains("stdin line 3: index 15625 is not an architecture of nb201"));
    assertTrue(out.get(3).get("error").asText().contains("unknown dataset or task 'mnist'"), out.get(3).toString());
    assertEquals(5, out.get(4).get("id").asInt());
    assertTrue(out.get(4).get("error").asText().contains("unknown op 'conv'"), out.get(4).toString());
    assertTrue(out.get(5).get("error").asText().contains("unknown field 'colour'"));
    assertTrue(out.get(6).get("error").asText().contains("exactly one of 'arch'"));
    assertEquals(2, out.get(7).get("index").asInt()); // blank line skipped, the next one answered
  }
}
