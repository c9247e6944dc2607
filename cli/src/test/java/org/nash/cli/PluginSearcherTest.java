package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;

/** docs/ADDING_A_SEARCHER.md's example compiles, loads as a plugin jar and runs through nash run. */
class PluginSearcherTest {
  @TempDir
  Path dir;

  /** The first fenced block of the given language (empty = no language) that contains a string. */
  private static String block(String doc, String lang, String mustContain) {
    StringBuilder cur = null;
    boolean wanted = false;
    for (String line : doc.split("\n", -1)) {
      if (line.startsWith("```")) {
        if (cur == null) {
          cur = new StringBuilder();
          wanted = line.substring(3).trim().equals(lang);
        } else {
          if (wanted && cur.toString().contains(mustContain)) {
            return cur.toString();
          }
          cur = null;
        }
      } else if (cur != null) {
        cur.append(line).append('\n');
      }
    }
    throw new AssertionError("no ```" + lang + " block with " + mustContain + " in the doc");
  }

  @Test
  void documentedSearcherRunsAsAPlugin() throws Exception {
    Path docPath = Path.of(System.getProperty("user.dir")).resolve("../docs/ADDING_A_SEARCHER.md").normalize();
    String doc = Files.readString(docPath);
    Path src = dir.resolve("src/org/example/OnePlusOne.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, block(doc, "java", "class OnePlusOne"));
    Path classes = dir.resolve("build");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "--release", "17", "-cp", System.getProperty("java.class.path"),
        "-d", classes.toString(), src.toString());
    assertEquals(0, rc, "the documented searcher must compile");

    Path jar = dir.resolve("one-plus-one.jar");
    String service = block(doc, "", "$Provider").trim();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/org.nash.search.SearcherProvider"));
      out.write((service + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }

    Files.copy(jar, dir.resolve("copy.jar"));
    CliRunner.Result listed = CliRunner.run("searchers", "--plugin", jar.toString()); // placed as the doc writes it
    assertEquals(0, listed.exit(), listed.err());
    assertTrue(listed.out().contains("one-plus-one"), listed.out());

    Path cfg = dir.resolve("mine.yaml");
    Files.writeString(cfg, block(doc, "yaml", "one-plus-one").replace("seeds: 20", "seeds: 5"));
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet", "--plugin", jar.toString());
    assertEquals(0, r.exit(), r.err());
    List<TrialResult> trials = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
    assertEquals(2 * 2 * 5, trials.size());
    long mine = trials.stream().filter(t -> t.searcher().equals("one-plus-one")).count();
    assertEquals(10, mine);
    assertTrue(trials.stream().filter(t -> t.searcher().equals("one-plus-one")).allMatch(t -> t.queries() == 100));

    // run.json names the plugin's code by its jar and sha256, nash's own searchers by nash's version
    String info = Files.readString(out.resolve("run.json"));
    assertTrue(info.matches("(?s).*\"origin\" : \"[^\"]*one-plus-one\\.jar sha256:[0-9a-f]{64}\".*"), info);
    assertTrue(info.contains("\"origin\" : \"nash "), info);
    // a rebuilt jar is other code: resuming the folder with it is refused, naming the jar's hashes
    String before = org.nash.data.DataCatalog.sha256(jar);
    try (JarOutputStream more = new JarOutputStream(Files.newOutputStream(jar));
         java.util.jar.JarFile old = new java.util.jar.JarFile(dir.resolve("copy.jar").toFile())) {
      for (JarEntry e : java.util.Collections.list(old.entries())) {
        more.putNextEntry(new JarEntry(e.getName()));
        more.write(old.getInputStream(e).readAllBytes());
        more.closeEntry();
      }
      more.putNextEntry(new JarEntry("NOTES.txt"));
      more.write("changed".getBytes(StandardCharsets.UTF_8));
      more.closeEntry();
    }
    CliRunner.Result changed = CliRunner.run("run", cfg.toString(), "--out", out.toString(), "--quiet", "--plugin",
        jar.toString());
    assertEquals(2, changed.exit(), changed.err());
    assertTrue(changed.err().contains("searcher 'one-plus-one' is not the code") && changed.err().contains(before)
        && changed.err().contains(org.nash.data.DataCatalog.sha256(jar)), changed.err());

    CliRunner.Result without = CliRunner.run("run", cfg.toString(), "--out", dir.resolve("o2").toString(), "--quiet");
    assertEquals(2, without.exit());
    assertTrue(without.err().contains("unknown searcher 'one-plus-one'"), without.err());
  }

}
