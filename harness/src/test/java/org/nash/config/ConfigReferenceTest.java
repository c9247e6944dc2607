package org.nash.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/CONFIG.md lists exactly the fields the config parser knows: the reference cannot drift from the code. */
class ConfigReferenceTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");

  @Test
  void theReferenceListsEveryFieldOfTheParser() throws Exception {
    ObjectMapper m = ConfigLoader.yaml();
    BeanDescription d = m.getDeserializationConfig().introspect(m.constructType(RawConfig.class));
    List<String> parsed = new ArrayList<>();
    for (BeanPropertyDefinition p : d.findProperties()) {
      parsed.add(p.getName());
    }
    List<String> documented = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "CONFIG.md"))) {
      Matcher r = ROW.matcher(line);
      if (r.find()) {
        documented.add(r.group(1));
      }
    }
    assertEquals(new java.util.TreeSet<>(parsed), new java.util.TreeSet<>(documented),
        "docs/CONFIG.md must list exactly the config fields (add a row for a new field)");
  }
}
