package org.nash.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of a whole {@code nash query} process (JVM start included; wall time of one process),
 * with and without the AppCDS archive the launcher makes, both with the launcher's C1-only flag for
 * one-shot commands. Needs {@code -Dnash.home=CHECKOUT} with a built {@code cli/target/nash.jar}
 * (pass it with {@code -jvmArgsAppend}); the archive is made in setup, the table image is the user's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 10)
@Fork(1)
public class QueryProcessBench {
  @Param({"cds", "nocds"})
  public String mode;

  private List<String> command;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    String home = System.getProperty("nash.home");
    if (home == null || !Files.isRegularFile(Path.of(home, "cli", "target", "nash.jar"))) {
      throw new IllegalStateException("give -Dnash.home=CHECKOUT with a built cli/target/nash.jar");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = Path.of(home, "cli", "target", "nash.jar").toString();
    List<String> base = List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
        "-Dnash.home=" + home);
    List<String> query = List.of("-jar", jar, "query", "--benchmark", "nb201", "--dataset", "cifar10", "--index", "9930");
    command = new ArrayList<>(base);
    if (mode.equals("cds")) {
      Path jsa = Files.createTempDirectory("nash-cds").resolve("nash.jsa");
      List<String> dump = new ArrayList<>(base);
      dump.add("-XX:ArchiveClassesAtExit=" + jsa);
      dump.add("-Xlog:cds=off,cds+dynamic=off");
      dump.addAll(query);
      run(dump);
      command.add("-XX:SharedArchiveFile=" + jsa);
      command.add("-Xlog:cds=off,cds+dynamic=off");
    }
    command.addAll(query);
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }

  @Benchmark
  public int queryProcess() throws Exception {
    run(command);
    return command.size();
  }
}
