package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles Java sources against the test class path into a plugin jar with services files. */
final class PluginJars {
  private PluginJars() {}

  /**
   * @param sources file path under the source root (e.g. org/x/A.java) to source text
   * @param services service interface name to the file's content
   */
  static Path build(Path dir, String name, Map<String, String> sources, Map<String, String> services) throws Exception {
    Path src = dir.resolve(name + "-src");
    Path classes = dir.resolve(name + "-classes");
    Files.createDirectories(classes);
    String[] args = new String[5 + sources.size()];
    args[0] = "--release";
    args[1] = "17";
    args[2] = "-cp";
    args[3] = System.getProperty("java.class.path");
    args[4] = "-d";
    int i = 5;
    String[] full = new String[args.length + 1];
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      args[i++] = f.toString();
    }
    System.arraycopy(args, 0, full, 0, 5);
    full[5] = classes.toString();
    System.arraycopy(args, 5, full, 6, sources.size());
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, full), "plugin sources compile");
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
      for (Map.Entry<String, String> e : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
        out.write((e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The first ```java block of docs/ADDING_A_SEARCHER.md (the OnePlusOne searcher). */
  static String documentedSearcher() throws Exception {
    String doc = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../docs/ADDING_A_SEARCHER.md").normalize());
    int a = doc.indexOf("```java\n");
    return doc.substring(a + 8, doc.indexOf("```", a + 8));
  }
}
