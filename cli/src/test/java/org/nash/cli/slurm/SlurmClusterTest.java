package org.nash.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.cli.TestCaches;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.retrain.store.TrainedStore;

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
    launcher = launcher("nash", null);

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

  /**
   * A launcher script for the jobs: nash over this JVM's class path with the launcher's 1 GB heap (a first
   * load that writes the table image and decodes the CIFAR-10 images went past 512 MB once), with its own
   * data cache if given.
   */
  static Path launcher(String name, Path cache) throws IOException {
    Path l = work.resolve(name);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(l, "#!/bin/sh\n# nash over the test class path, for the jobs\n"
        + "export OMP_WAIT_POLICY=PASSIVE\n"
        + "exec " + SbatchScript.sh(java) + " -Xmx1g -Dai.djl.offline=true -Dnash.data.mirror="
        + SbatchScript.sh(TestData.mirror()) + (cache == null ? "" : " -Dnash.data=" + SbatchScript.sh(cache))
        + " -cp " + SbatchScript.sh(System.getProperty("java.class.path")) + " org.nash.cli.Nash \"$@\"\n");
    Files.setPosixFilePermissions(l, PosixFilePermissions.fromString("rwxr-xr-x"));
    return l;
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
    return submit(launcher, protocol, out, extra);
  }

  static String submit(Path nash, Path config, Path out, String... extra) throws Exception {
    List<String> a = new ArrayList<>(List.of(nash.toString(), "slurm", "submit", config.toString(), "--out",
        out.toString(), "--launcher", nash.toString()));
    a.addAll(List.of(extra));
    Cmd c = cmd(Duration.ofMinutes(2), a);
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
      assertEquals(List.of(3), Submissions.read(out).get(1).array());
      assertEquals(2, Submissions.read(out).size());
    });
  }

  @Test
  void anEditedScriptWithOptionsAndAPreambleRunsAsEditedAndAByHandArrayIsFollowed() {
    assertTimeoutPreemptively(Duration.ofMinutes(12), () -> {
      Path out = work.resolve("edited");
      Path pre = work.resolve("preamble.sh");
      // What a cluster's preamble does (module load java, a venv): here it shows that it ran, in the
      // environment the --export option gave the job.
      Files.writeString(pre, "echo \"preamble ran with NASH_TEST_MARK=$NASH_TEST_MARK\"\n");
      String[] options = {"--sbatch-option", "export=ALL,NASH_TEST_MARK=from-export", "--sbatch-option",
          "comment=nash-test", "--preamble", pre.toString()};
      List<String> dryArgs = new ArrayList<>(List.of("--shards", "2", "--dry-run"));
      dryArgs.addAll(List.of(options));
      String dry = submit(out, dryArgs.toArray(String[]::new));
      assertTrue(dry.contains("would submit shards 0-1 of 2"), dry);
      Path script = SbatchScript.slurmDir(out).resolve("shards.sbatch");
      String edited = Files.readString(script).replace("# One worker thread", "echo \"edited by the user\"\n# One worker thread");
      Files.writeString(script, edited);

      // Submitted with the same options (as the dry run was): the edited script is used as it is.
      String s = submit(out, options);
      assertTrue(s.contains("using " + script + " as you edited it"), s);
      waitGone(job(s, "merge"), Duration.ofMinutes(8));
      assertEquals(edited, Files.readString(script), "the edit survives the submit");
      String logs = logs(out);
      assertTrue(logs.contains("edited by the user") && logs.contains("preamble ran with NASH_TEST_MARK=from-export"),
          logs);
      assertTrue(Files.exists(out.resolve("trials.jsonl")), "merged: " + logs);
      assertArrayEquals(trials(reference), trials(out), "merged file = one-machine file");
      Submissions.Entry e = Submissions.read(out).get(0);
      assertEquals(List.of("shards.sbatch"), e.editedScripts());
      assertEquals(SbatchScript.sha256(edited), e.shardsScriptSha256());
      assertEquals(List.of("export=ALL,NASH_TEST_MARK=from-export", "comment=nash-test"), e.sbatchOptions());

      // By hand: the dry run's script submitted with sbatch; status follows it given the job id.
      Path hand = work.resolve("by-hand");
      submit(hand, "--shards", "2", "--dry-run");
      Cmd sb = cmd(Duration.ofSeconds(30), List.of("sbatch", "--parsable",
          SbatchScript.slurmDir(hand).resolve("shards.sbatch").toString()));
      assertEquals(0, sb.exit(), sb.out());
      String id = sb.out().strip().split(";")[0];
      Cmd st = nash(Duration.ofMinutes(2), "slurm", "status", hand.toString(), "--job", id);
      assertEquals(0, st.exit(), st.out());
      assertTrue(st.out().matches("(?s).*\\n0\\s+(pending|running|done)\\s+" + id + "_0.*"), st.out());
      waitGone(id, Duration.ofMinutes(8));
      st = nash(Duration.ofMinutes(2), "slurm", "status", hand.toString());
      assertEquals(0, st.exit(), st.out());
      assertTrue(st.out().contains("2 shards: 2 done"), st.out() + logs(hand));
      assertTrue(st.out().matches("(?s).*\\n1\\s+done\\s+" + id + "_1.*"), st.out());
      // The next submit knows the array and submits only the merge.
      String merge = submit(hand);
      assertFalse(merge.contains("array job"), merge);
      waitGone(job(merge, "merge"), Duration.ofMinutes(4));
      assertArrayEquals(trials(reference), trials(hand), "merged file of the by-hand array = one-machine file");
    });
  }

  /** A fresh data cache (its own result store) sharing the default one's table images and decoded CIFAR-10. */
  static Path cache(String name) throws IOException {
    return TestCaches.sharing(work.resolve(name), true);
  }

  @Test
  void aRetrainingSpotCheckThroughSlurmStoresEachCellOnceAndMatchesALocalRun() {
    assertTimeoutPreemptively(Duration.ofMinutes(15), () -> {
      // A spot check of four cells in two groups (a list searcher each: one trial per group, so one
      // array task per group), tiny trainings on the CPU as in RetrainStoreRunTest: C=4, N=1, 64
      // images, 1 epoch.
      Path cfg = work.resolve("spotcheck.yaml");
      Files.writeString(cfg, """
          name: spotcheck-slurm
          benchmark: nb201
          oracle: retrain
          oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 64, threads: 1}
          datasets: [cifar10]
          pools: [full]
          searchers:
            - {name: list, label: group-0, params: {archs: [9930, 1835]}}
            - {name: list, label: group-1, params: {archs: [0, 6111]}}
          budget: {queries: 2}
          trace: true
          seeds: 1
          """);
      // The jobs' default result store is in their own cache: the merge folds the shards' stores there.
      Path cache = cache("cache-slurm");
      Path nash = launcher("nash-retrain", cache);
      Path out = work.resolve("spotcheck");
      long t0 = System.nanoTime();
      String s = submit(nash, cfg, out, "--shards", "2");
      waitGone(job(s, "merge"), Duration.ofMinutes(12));
      System.out.printf("slurm: spot check of 4 tiny cells, 2 shards + merge: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      assertTrue(Files.exists(out.resolve("trials.jsonl")), "merged: " + logs(out));
      List<TrialResult> merged = TrialsFile.read(out.resolve("trials.jsonl")).trials();
      assertEquals(2, merged.size());
      Set<Integer> cells = new HashSet<>();
      merged.forEach(t -> t.trace().forEach(q -> cells.add((int) q[0])));
      assertEquals(Set.of(9930, 1835, 0, 6111), cells);
      Path store = cache.resolve(TrainedStore.FILE_NAME);
      List<TrainedStore.Entry> rows;
      try (TrainedStore st = TrainedStore.open(store)) {
        rows = st.all();
      }
      assertEquals(cells.size(), rows.size(), "the study's store holds each trained cell once: " + rows);
      assertEquals(cells.size(), rows.stream().map(TrainedStore.Entry::key).distinct().count());

      // A local run over the merged store answers every query from it, with the same file.
      Cmd again = cmd(Duration.ofMinutes(5), List.of(nash.toString(), "run", cfg.toString(), "--out",
          work.resolve("retrain-local-cached").toString(), "--quiet"));
      assertEquals(0, again.exit(), again.out());
      List<TrialResult> cached = TrialsFile.read(work.resolve("retrain-local-cached/trials.jsonl")).trials();
      assertEquals(0, cached.stream().mapToInt(t -> t.sources().get("trained")).sum(), "nothing trained again");
      assertEquals(withoutSources(out), withoutSources(work.resolve("retrain-local-cached")));

      // An independent local run (its own empty store) trains the same cells for the same trials. Its
      // accuracies are printed, not compared: libtorch on this CPU has given different numbers for
      // one tiny cell in two processes (retrain/README.md; here once 16.5 vs 10.0 % for arch 582).
      Path local = work.resolve("retrain-local");
      Cmd fresh = cmd(Duration.ofMinutes(8), List.of(launcher("nash-local", cache("cache-local")).toString(), "run",
          cfg.toString(), "--out", local.toString(), "--threads", "1", "--quiet"));
      assertEquals(0, fresh.exit(), fresh.out());
      List<TrialResult> ref = TrialsFile.read(local.resolve("trials.jsonl")).trials();
      assertEquals(ref.size(), merged.size());
      int same = 0;
      int queries = 0;
      for (int i = 0; i < ref.size(); i++) {
        assertEquals(ref.get(i).key(), merged.get(i).key());
        assertEquals(ref.get(i).trace().size(), merged.get(i).trace().size());
        for (int q = 0; q < ref.get(i).trace().size(); q++) {
          double[] a = ref.get(i).trace().get(q);
          double[] b = merged.get(i).trace().get(q);
          assertEquals(a[0], b[0], "arch of query " + q + " of " + ref.get(i).key());
          queries++;
          same += a[1] == b[1] ? 1 : 0;
          System.out.printf("slurm: arch %d accuracy local %.2f, through Slurm %.2f%n", (int) a[0], a[1], b[1]);
        }
      }
      System.out.printf("slurm: %d of %d retrained accuracies equal to the independent local run%n", same, queries);
    });
  }

  /** The trials file without the per-origin counts, the one field that depends on the store's state. */
  static String withoutSources(Path dir) throws IOException {
    return Files.readString(dir.resolve("trials.jsonl")).replaceAll("\"sources\":\\{[^}]*\\},", "");
  }
}
