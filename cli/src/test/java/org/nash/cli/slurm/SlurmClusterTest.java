package org.nash.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;

/**
 * {@code nash slurm} against a real Slurm cluster: the single-node one of scripts/slurm-local.sh,
 * which .ci/run starts before the build (and then sets NASH_SLURM=1 and SLURM_CONF). Without it the
 * tests are skipped on a workstation and FAIL under CI=true, so that CI cannot pass without them.
 *
 * <p>The jobs run nash through a small launcher script over this JVM's class path (the built jar
 * does not exist yet when the tests run).
 */
class SlurmClusterTest {
  /** Seeds of configs/nb201-protocol.yaml kept here: 3 datasets x 2 pools x 3 searchers x 20 = 360 trials. */
  static final int SEEDS = 20;

  @TempDir
  static Path work;

  static Path launcher;
  static Path protocol;
  static Path reference;

  @BeforeAll
  static void cluster() throws Exception {
    if (!"1".equals(System.getenv("NASH_SLURM"))) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but NASH_SLURM is not 1: .ci/run starts the local Slurm cluster (scripts/slurm-local.sh start)"
            + " and sets NASH_SLURM=1; the Slurm tests must run in CI");
      }
      assumeTrue(false, "no Slurm cluster: scripts/slurm-local.sh start; eval \"$(scripts/slurm-local.sh env)\";"
          + " NASH_SLURM=1 ./mvnw ...");
    }
    Cmd sinfo = cmd(Duration.ofSeconds(30), List.of("sinfo", "--noheader", "--format=%t"));
    assertEquals(0, sinfo.exit(), "sinfo: " + sinfo.out());
    assertTrue(sinfo.out().contains("idle") || sinfo.out().contains("mix") || sinfo.out().contains("alloc"),
        "the cluster has a usable node: " + sinfo.out());
    launcher = work.resolve("nash");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(launcher, "#!/bin/sh\n# nash over the test class path, for the jobs\n"
        + "export OMP_WAIT_POLICY=PASSIVE\n"
        + "exec " + SbatchScript.sh(java) + " -Xmx512m -Dai.djl.offline=true -Dnash.data.mirror="
        + SbatchScript.sh(TestData.mirror()) + " -cp " + SbatchScript.sh(System.getProperty("java.class.path"))
        + " org.nash.cli.Nash \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path root = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    String yaml = Files.readString(root.resolve("configs/nb201-protocol.yaml"));
    assertTrue(yaml.contains("\nseeds: 500\n"), "configs/nb201-protocol.yaml still has 500 seeds");
    protocol = work.resolve("nb201-protocol.yaml");
    Files.writeString(protocol, yaml.replace("\nseeds: 500\n", "\nseeds: " + SEEDS + "\n"));
    reference = work.resolve("one-machine");
    long t0 = System.nanoTime();
    Cmd ref = nash(Duration.ofMinutes(5), "run", protocol.toString(), "--out", reference.toString(), "--threads", "1",
        "--quiet");
    assertEquals(0, ref.exit(), ref.out());
    System.out.printf("slurm: one-machine run (1 thread, one JVM): %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  record Cmd(int exit, String out) {}

  static Cmd cmd(Duration timeout, List<String> args) throws Exception {
    Path log = Files.createTempFile(work, "cmd", ".log");
    Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", args) + " did not finish in " + timeout + ": " + Files.readString(log));
    }
    return new Cmd(p.exitValue(), Files.readString(log));
  }

  static Cmd nash(Duration timeout, String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of(launcher.toString()));
    a.addAll(List.of(args));
    return cmd(timeout, a);
  }

  static String submit(Path out, String... extra) throws Exception {
    List<String> a = new ArrayList<>(List.of("slurm", "submit", protocol.toString(), "--out", out.toString(),
        "--launcher", launcher.toString()));
    a.addAll(List.of(extra));
    Cmd c = nash(Duration.ofMinutes(2), a.toArray(String[]::new));
    assertEquals(0, c.exit(), c.out());
    return c.out();
  }

  static String job(String output, String what) {
    Matcher m = Pattern.compile(what + " job (\\d+)").matcher(output);
    assertTrue(m.find(), "no " + what + " job id in: " + output);
    return m.group(1);
  }

  /** squeue's states of a job's tasks ({@code 12_3 -> RUNNING}); empty once it left the queue. */
  static Map<String, String> queue(String jobId) {
    return SlurmClient.squeue(List.of(jobId));
  }

  static void waitGone(String jobId, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!queue(jobId).values().stream().filter(ShardStates::active).toList().isEmpty()) {
      assertTrue(System.nanoTime() < end, "job " + jobId + " still queued after " + timeout);
      Thread.sleep(500);
    }
  }

  static String logs(Path out) throws IOException {
    StringBuilder s = new StringBuilder();
    Path dir = SbatchScript.logs(out);
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          s.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
        }
      }
    }
    return s.toString();
  }

  /** Submit, start and end times of a job's tasks, while the controller still holds them (MinJobAge). */
  static void printTimes(String jobId) throws Exception {
    Cmd c = cmd(Duration.ofSeconds(30), List.of("scontrol", "--oneliner", "show", "job", jobId));
    for (String line : c.out().split("\n")) {
      Matcher id = Pattern.compile("JobId=(\\d+)(?: ArrayJobId=\\d+ ArrayTaskId=(\\d+))?").matcher(line);
      Matcher t = Pattern.compile("SubmitTime=(\\S+).*StartTime=(\\S+) EndTime=(\\S+)").matcher(line);
      if (id.find() && t.find()) {
        System.out.printf("slurm: job %s%s submitted %s started %s ended %s%n", id.group(1),
            id.group(2) == null ? "" : " task " + id.group(2), t.group(1), t.group(2), t.group(3));
      }
    }
  }

  static byte[] trials(Path dir) throws IOException {
    return Files.readAllBytes(dir.resolve("trials.jsonl"));
  }

  @Test
  void fourShardsAndTheMergeJobGiveTheOneMachineFile() {
    assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
      Path out = work.resolve("four");
      long t0 = System.nanoTime();
      String s = submit(out, "--shards", "4");
      String array = job(s, "array");
      String merge = job(s, "merge");
      assertTrue(s.contains("shards 0-3 of 4"), s);
      waitGone(merge, Duration.ofMinutes(8));
      System.out.printf("slurm: 4 shards + merge on the local cluster: %.1f s from submit to merged%n",
          (System.nanoTime() - t0) / 1e9);
      printTimes(array);
      printTimes(merge);
      assertTrue(Files.exists(out.resolve("trials.jsonl")), "merged: " + logs(out));
      assertArrayEquals(trials(reference), trials(out), "merged file = one-machine file");
      Cmd st = nash(Duration.ofMinutes(2), "slurm", "status", out.toString());
      assertEquals(0, st.exit(), st.out());
      assertTrue(st.out().contains("4 shards: 4 done"), st.out());
      assertTrue(st.out().matches("(?s).*merge\\s+done.*"), st.out());
      // Everything done: a second submit has nothing to do.
      assertTrue(submit(out).contains("nothing to submit"));
    });
  }

  @Test
  void aCancelledShardIsTheOnlyOneSubmittedAgain() {
    assertTimeoutPreemptively(Duration.ofMinutes(12), () -> {
      Path out = work.resolve("cancelled");
      String s = submit(out, "--shards", "4");
      String array = job(s, "array");
      String merge = job(s, "merge");
      // Shards 0 and 1 take the two CPUs first; cancel shard 3 as soon as it runs.
      String task = array + "_3";
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!"RUNNING".equals(queue(array).get(task))) {
        assertTrue(System.nanoTime() < end && queue(array).containsKey(task), "task " + task + " never ran: " + logs(out));
        Thread.sleep(100);
      }
      Cmd cancel = cmd(Duration.ofSeconds(30), List.of("scancel", task));
      assertEquals(0, cancel.exit(), cancel.out());
      waitGone(array, Duration.ofMinutes(5));
      waitGone(merge, Duration.ofMinutes(1)); // cancelled: its dependency can no longer be satisfied
      assertFalse(Files.exists(out.resolve("trials.jsonl")), "no merge without shard 3");
      Cmd st = nash(Duration.ofMinutes(2), "slurm", "status", out.toString());
      assertEquals(0, st.exit(), st.out());
      assertTrue(st.out().matches("(?s).*\\n3\\s+failed\\s+" + task + ".*CANCELLED.*"), st.out());
      assertTrue(st.out().contains("4 shards: 3 done, 1 failed"), st.out());

      String again = submit(out);
      assertTrue(again.contains("shards 3 of 4"), "only shard 3 again: " + again);
      String merge2 = job(again, "merge");
      waitGone(merge2, Duration.ofMinutes(5));
      assertTrue(Files.exists(out.resolve("trials.jsonl")), "merged: " + logs(out));
      assertArrayEquals(trials(reference), trials(out), "merged file after the resubmission = one-machine file");
      String script = Files.readString(SbatchScript.slurmDir(out).resolve("shards.sbatch"));
      assertTrue(script.contains("#SBATCH --array=3\n"), script);
      assertEquals(2, Submissions.read(out).size());
    });
  }
}
