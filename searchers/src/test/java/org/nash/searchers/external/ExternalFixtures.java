package org.nash.searchers.external;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.plan.Plan;
import org.nash.plan.Planner;

/** Paths and configs shared by the external searcher tests. */
final class ExternalFixtures {
  private ExternalFixtures() {}

  /** The checkout's root (tests run in the module folder). */
  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("clients/python"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find clients/python above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static Path example(String name) {
    return repo().resolve("clients/python/examples").resolve(name);
  }

  static Path resource(String name) {
    try {
      return Path.of(ExternalFixtures.class.getResource("/external/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A YAML flow list of strings, each JSON-quoted. */
  static String command(Object... parts) {
    StringBuilder sb = new StringBuilder("[");
    for (Object o : parts) {
      sb.append(sb.length() > 1 ? ", " : "").append('"').append(o.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append(']').toString();
  }

  static Experiment config(String yaml) {
    return ConfigLoader.parse(yaml, "test config");
  }

  static Plan plan(String yaml) {
    return Planner.plan(config(yaml), TestData.catalog(), ExternalFixtures.class.getClassLoader());
  }

  static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (java.io.IOException e) {
      throw new NashException("cannot read " + p, e);
    }
  }
}
