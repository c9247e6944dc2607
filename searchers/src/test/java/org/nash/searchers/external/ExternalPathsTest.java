package org.nash.searchers.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;
import org.nash.plugin.Params;
import org.nash.run.ExperimentRunner;
import org.nash.results.TrialsFile;

/**
 * Where an external searcher's files are: nash's Python client on the worker's PYTHONPATH, relative
 * command paths beside the config, and a log that may never be one of nash's own files or leave the
 * results folder.
 */
class ExternalPathsTest {
  @TempDir
  Path dir;

  private static Params params(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new Params("searcher external", m);
  }

  @Test
  void aWorkerImportsNashSearcherWithoutPathChanges() throws Exception {
    // a searcher outside the checkout that only imports the client
    Path script = Files.writeString(dir.resolve("mine.py"), """
        import random
        from nash_searcher import Searcher, serve

        class Mine(Searcher):
            name = "mine"
            def start(self, trial):
                self.rng, self.domain = random.Random(trial.seed), trial.domain
            def ask(self):
                return self.domain.sample(self.rng)
            def tell(self, index, signal, info):
                pass

        if __name__ == "__main__":
            serve(Mine)
        """);
    String yaml = """
        benchmark: nb201
        datasets: [cifar10]
        searchers:
          - {name: external, label: mine, params: {command: %s}}
        budget: {queries: 10}
        seeds: 2
        """.formatted(ExternalFixtures.command("python3", script));
    Path out = dir.resolve("out");
    ExperimentRunner.run(ExternalFixtures.plan(yaml), out, 1, null);
    assertEquals(2, TrialsFile.read(out.resolve(TrialsFile.NAME)).trials().size());
  }

  @Test
  void theClientFolderComesFromNashHomeAndIsAppendedToTheUsersPath() throws Exception {
    Path fake = Files.createDirectories(dir.resolve("home/clients/python"));
    Files.writeString(fake.resolve("nash_searcher.py"), "");
    String before = System.getProperty("nash.home");
    System.setProperty("nash.home", dir.resolve("home").toString());
    try {
      assertEquals(fake.toString(), PythonClient.pythonPath(null));
      assertEquals("/mine:" + fake, PythonClient.pythonPath("/mine"));
    } finally {
      if (before == null) {
        System.clearProperty("nash.home");
      } else {
        System.setProperty("nash.home", before);
      }
    }
    // without nash.home: found above this module's classes, in the checkout
    if (before == null) {
      assertEquals(ExternalFixtures.repo().resolve("clients/python"), PythonClient.folder().orElseThrow());
    }
  }

  @Test
  void relativeCommandPathsBesideTheConfigAreTakenFromItsFolder() throws Exception {
    Files.writeString(dir.resolve("one_plus_one.py"), "");
    Path exe = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
    exe.toFile().setExecutable(true);
    ExternalSpec s = ExternalSpec.parse(params("command", List.of("python3", "-u", "one_plus_one.py", "other.py")), dir);
    assertEquals(List.of("python3", "-u", dir.resolve("one_plus_one.py").toString(), "other.py"), s.command());
    ExternalSpec t = ExternalSpec.parse(params("command", List.of("./run.sh", "x")), dir);
    assertEquals(List.of(dir.resolve("run.sh").toString(), "x"), t.command());
    // without a config folder (a config given as text), paths stay as written
    assertEquals(List.of("python3", "one_plus_one.py"),
        ExternalSpec.parse(params("command", List.of("python3", "one_plus_one.py"))).command());
    // through the provider hook the planner calls
    assertTrue(new External().configure(params("command", List.of("python3", "one_plus_one.py")), dir) != null);
  }

  @Test
  void aLogNamingNashsOwnFilesOrLeavingTheFolderIsRefused() {
    for (String bad : List.of("trials.jsonl", "config.yaml", "run.json", "summary.csv", "summary.json", ".nash.lock",
        "sub/../trials.jsonl", "shards/0-of-2/x.log", "Trials.JSONL")) {
      NashException e = assertThrows(NashException.class,
          () -> ExternalSpec.parse(params("command", List.of("python3"), "log", bad)));
      assertTrue(e.getMessage().contains("parameter 'log' must not name a file nash writes in the results folder"),
          bad + ": " + e.getMessage());
    }
    for (String bad : List.of("../x.log", "/tmp/x.log", "a/../../x.log", " ")) {
      NashException e = assertThrows(NashException.class,
          () -> ExternalSpec.parse(params("command", List.of("python3"), "log", bad)));
      assertTrue(e.getMessage().contains("must be a file inside the results folder"), bad + ": " + e.getMessage());
    }
    NashException e = assertThrows(NashException.class,
        () -> ExternalSpec.parse(params("command", List.of("python3"), "log", "notes.txt")));
    assertTrue(e.getMessage().contains("must name a .log file"), e.getMessage());
    assertEquals("logs/py.log", ExternalSpec.parse(params("command", List.of("python3"), "log", "logs/py.log")).log());
  }

  @Test
  void aLogThroughALinkIsRefusedAtTheStartOfTheRun() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve(TrialsFile.NAME), "");
    Files.createSymbolicLink(out.resolve("w.log"), out.resolve(TrialsFile.NAME));
    NashException e = assertThrows(NashException.class,
        () -> new WorkerPool(ExternalSpec.parse(params("command", List.of("python3"), "log", "w.log")), "py", out));
    assertTrue(e.getMessage().contains("must be a plain file inside the results folder"), e.getMessage());
    assertEquals("", Files.readString(out.resolve(TrialsFile.NAME)), "nothing written through the link");
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve("linked"), outside);
    NashException f = assertThrows(NashException.class,
        () -> new WorkerPool(ExternalSpec.parse(params("command", List.of("python3"), "log", "linked/w.log")), "py", out));
    assertTrue(f.getMessage().contains("not a link or a path through one"), f.getMessage());
  }
}
