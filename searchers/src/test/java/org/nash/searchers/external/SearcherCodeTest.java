package org.nash.searchers.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.NashException;

/** What an external searcher's identity holds: file hashes, glob matches, the interpreter's version. */
class SearcherCodeTest {
  @TempDir
  Path dir;

  @Test
  void filesOfTheCommandAndOfTheGlobsRelativeToTheConfigFolder() throws Exception {
    Files.createDirectories(dir.resolve("m/sub"));
    Files.writeString(dir.resolve("m/main.py"), "print(1)\n");
    Files.writeString(dir.resolve("m/sub/util.py"), "X = 1\n");
    Files.writeString(dir.resolve("m/notes.txt"), "not code\n");
    Map<String, String> id = SearcherCode.identity("searcher 'py'", List.of("python3", "-u", "m/main.py", "no-file"),
        List.of("m/**.py"), dir);
    // sha256 of "print(1)\n", as sha256sum prints it
    assertEquals("cc42155088fca5730758db72b2a5bca33112a941dfaa2d43098ec422ce4ea213", id.get("file:m/main.py"));
    assertEquals(SearcherCode.sha256(dir.resolve("m/sub/util.py")), id.get("file:m/sub/util.py"));
    assertTrue(id.keySet().stream().noneMatch(k -> k.contains("notes") || k.contains("no-file")), id.toString());
    assertTrue(id.get("interpreter").startsWith("Python 3."), id.get("interpreter"));
  }

  @Test
  void aGlobThatMatchesNothingOrLeavesTheFolderIsRefused() {
    NashException e = assertThrows(NashException.class,
        () -> SearcherCode.identity("searcher 'py'", List.of("python3"), List.of("src/*.py"), dir));
    assertTrue(e.getMessage().contains("'src/*.py' matches no file"), e.getMessage());
    e = assertThrows(NashException.class,
        () -> SearcherCode.identity("searcher 'py'", List.of("python3"), List.of("../*.py"), dir));
    assertTrue(e.getMessage().contains("relative to the config's folder"), e.getMessage());
  }

  @Test
  void anInterpreterThatNeverAnswersIsNamedNotWaitedFor() throws Exception {
    Path hang = Files.writeString(dir.resolve("hang.sh"), "#!/bin/sh\nexec sleep 600\n");
    hang.toFile().setExecutable(true);
    long t0 = System.nanoTime();
    String v = SearcherCode.version(hang.toString(), 1000);
    assertTrue(v.startsWith("unknown (no answer to --version"), v);
    assertTrue(System.nanoTime() - t0 < 60e9);
    assertTrue(SearcherCode.version(dir.resolve("missing").toString()).startsWith("unknown ("));
  }
}
