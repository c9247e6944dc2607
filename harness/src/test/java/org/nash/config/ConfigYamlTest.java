package org.nash.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** config.yaml written by the YAML generator directly is the text databind writes for the same tree. */
class ConfigYamlTest {
  private static void same(Map<String, Object> tree) throws Exception {
    String plain = ConfigLoader.plainYaml(tree);
    assertNotNull(plain, tree.toString());
    assertEquals(ConfigLoader.yaml().writeValueAsString(tree), plain);
  }

  @Test
  void theRepositoryConfigs() throws Exception {
    Path dir = Path.of("..", "configs");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int n = 0;
    for (Path f : files) {
      Experiment e;
      try {
        e = ConfigLoader.load(f);
      } catch (RuntimeException notAnExperiment) {
        continue; // a study file, not a config
      }
      same(ConfigLoader.tree(e));
      assertEquals(ConfigLoader.yaml().writeValueAsString(ConfigLoader.tree(e)), ConfigLoader.toYaml(e));
      n++;
    }
    assertTrue(n >= 5, "configs read: " + n);
  }

  @Test
  void parametersOfEveryPlainType() throws Exception {
    Experiment e = ConfigLoader.parse("""
        name: "types: all"
        title: 'a "quoted" title, with: colons # and a hash'
        benchmark: nb201
        datasets: [cifar10, "ImageNet16-120"]
        pools: [full, "skip,c3x3", "none"]
        searchers:
          - {name: re, params: {population: 10, sample: 3, rate: 0.25, big: 12345678901, on: true, off: false,
             nothing: null, list: [1, 2.5, "three", [4]], nested: {a: {b: "yes"}}, empty: {}, none: [], s: "123",
             t: "true", u: "", v: "multi\\nline", w: "null", x: "~"}}
          - {name: rs, label: rs-2}
        budget: {seconds: {cifar10: 20000, ImageNet16-120: 1.5e5}}
        seeds: 7
        """, "types.yaml");
    same(ConfigLoader.tree(e));
  }

  @Test
  void anotherValueTypeIsLeftToDatabind() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("a", 1);
    t.put("b", new java.math.BigInteger("123456789012345678901234567890"));
    assertNull(ConfigLoader.plainYaml(t));
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(1, "x");
    assertNull(ConfigLoader.plainYaml(Map.of("m", intKeys)));
  }
}
