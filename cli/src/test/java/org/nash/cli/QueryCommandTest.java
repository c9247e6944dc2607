package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code nash query} on the real NB-201 table. */
class QueryCommandTest {
  private static final String BEST_C100 =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

  @Test
  void byIndexAndByStringGiveTheSameRow() throws Exception {
    CliRunner.Result byIndex = CliRunner.run("query", "--benchmark", "nb201", "--dataset", "cifar100", "--index", "9930", "--json");
    CliRunner.Result byArch = CliRunner.run("query", "--benchmark", "nb201", "--dataset", "cifar100", "--arch", BEST_C100, "--json");
    assertEquals(0, byIndex.exit(), byIndex.err());
    assertEquals(byIndex.out(), byArch.out());
    JsonNode n = new ObjectMapper().readTree(byIndex.out());
    assertEquals(9930, n.get("index").asInt());
    assertEquals(BEST_C100, n.get("arch").asText());
    // the best cell of NB-201 on CIFAR-100 (nash space info lists 73.513)
    assertEquals(73.513, n.get("values").get("cifar100/test-acc@200").asDouble(), 5e-4);
    assertEquals("reported", n.get("columns").get("cifar100/test-acc@200").get("role").asText());
    assertTrue(n.get("values").has("cifar100/valid-acc@12"));
    n.get("values").fieldNames().forEachRemaining(k -> assertTrue(k.startsWith("cifar100/"), k));
  }

  @Test
  void textListsEveryColumnWithItsDescription() {
    CliRunner.Result r = CliRunner.run("query", "--benchmark", "nb201", "--dataset", "cifar10", "--index", "6111");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("cifar10/test-acc@200                     94.37333333333333"), r.out());
    assertTrue(r.out().contains("cifar10-valid/valid-acc@12") && r.out().contains("[search signal at hp12]"), r.out());
  }

  @Test
  void badInputIsAClearError() {
    CliRunner.Result r = CliRunner.run("query", "--benchmark", "nb201", "--index", "15625");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--index 15625 is not an architecture of nb201 (0..15624)"), r.err());
    r = CliRunner.run("query", "--benchmark", "nb201", "--arch", "|conv~0|+|a~0|b~1|+|c~0|d~1|e~2|");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown op 'conv'"), r.err());
  }
}
