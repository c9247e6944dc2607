package org.nash.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nash.TestData;
import org.nash.nb201.Nb201Space;
import org.nash.retrain.net.Nb201Network;
import org.nash.retrain.table.HarnessReferenceTable;

/** The network's trainable parameters equal the benchmark's params column (CIFAR-10, 10 classes). */
class ParameterCountTest {
  private static Nb201Space space;
  /** arch string -> parameter count, from the params column (millions, 6 decimals = exact). */
  private static final Map<String, Long> PARAMS = new HashMap<>();

  @BeforeAll
  static void load() throws Exception {
    DjlSetup.offline();
    space = HarnessReferenceTable.load(TestData.catalog()).space();
    CsvMapper m = new CsvMapper();
    try (MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class).with(m.schemaWithHeader())
        .readValues(TestData.file("nb201-cost-cifar10").toFile())) {
      for (Map<String, String> r : it.readAll()) {
        PARAMS.put(r.get("net_str"), Math.round(Double.parseDouble(r.get("params")) * 1e6));
      }
    }
  }

  private static long count(int index) {
    String arch = space.byIndex(index).toString();
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      Block net = Nb201Network.build(space.byIndex(index).ops(), 16, 5, 10);
      Nb201Network.initialize(net, manager);
      long n = Nb201Network.parameterCount(net);
      Long expected = PARAMS.get(arch);
      if (expected != null) {
        assertEquals(expected.longValue(), n, "params of arch " + index + " " + arch);
      }
      return n;
    }
  }

  @Test
  void issueExamples() {
    assertEquals(1_288_506, count(9930));
    assertEquals(129_306, count(0));
  }

  @Test
  void matchesParamsColumnForEveryOpMix() {
    // all-conv3x3, all-conv1x1, all-pool, all-skip, all-none, best CIFAR-10 cell and a few mixed ones
    String[] archs = {
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
        "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|",
        "|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|",
        "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|",
        "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"};
    int checked = 0;
    for (String s : archs) {
      int index = space.indexOf(space.parse(s));
      if (PARAMS.containsKey(s)) {
        checked++;
      }
      count(index);
    }
    for (int index : List.of(6111, 857, 1, 11, 284, 5000, 12345)) {
      if (PARAMS.containsKey(space.byIndex(index).toString())) {
        checked++;
      }
      count(index);
    }
    // the column covers the 9,445 non-duplicate cells; make sure most of our picks were compared
    assertEquals(true, checked >= 8, "only " + checked + " architectures had a params value");
  }
}
