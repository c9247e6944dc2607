package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher called through symbolic links (a link in ~/bin, a link to a link, a relative one) finds
 * its checkout: the real {@code nash} script, copied into a stand-in checkout whose jar prints the
 * {@code nash.home} the launcher gave it.
 */
class LauncherSymlinkTest {
  @TempDir
  Path dir;

  /** The stand-in jar's main class. */
  public static final class PrintHome {
    public static void main(String[] args) {
      System.out.println("home=" + System.getProperty("nash.home") + " args=" + String.join(" ", args));
    }
  }

  @Test
  void theLauncherFindsItsCheckoutThroughSymbolicLinks() throws Exception {
    Path checkout = dir.resolve("checkout");
    Files.createDirectories(checkout.resolve("cli/target/lib"));
    Path launcher = checkout.resolve("nash");
    Files.copy(Path.of(System.getProperty("user.dir")).resolve("../nash").normalize(), launcher);
    launcher.toFile().setExecutable(true);
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintHome.class.getName());
    String cls = PrintHome.class.getName().replace('.', '/') + ".class";
    try (OutputStream o = Files.newOutputStream(checkout.resolve("cli/target/nash.jar"));
        JarOutputStream jar = new JarOutputStream(o, m)) {
      jar.putNextEntry(new JarEntry(cls));
      try (var in = PrintHome.class.getClassLoader().getResourceAsStream(cls)) {
        in.transferTo(jar);
      }
    }
    Path bin = Files.createDirectories(dir.resolve("home/bin"));
    Path tools = Files.createDirectories(dir.resolve("tools"));
    Files.createSymbolicLink(tools.resolve("nash"), launcher);               // absolute
    Files.createSymbolicLink(bin.resolve("nash"), Path.of("../../tools/nash")); // relative, to a link
    Path cwd = Files.createDirectories(dir.resolve("elsewhere"));
    for (Path call : new Path[] {launcher, tools.resolve("nash"), bin.resolve("nash")}) {
      ProcessBuilder pb = new ProcessBuilder(call.toString(), "searchers").directory(cwd.toFile())
          .redirectErrorStream(true);
      pb.environment().put("NASH_CDS", "0");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), call + ": " + out);
      assertEquals("home=" + checkout.toRealPath() + " args=searchers\n", out, call.toString());
    }
  }
}
