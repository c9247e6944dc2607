package org.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nash.TestData;
import org.nash.results.TrialResult;
import org.nash.results.TrialsFile;
import org.nash.retrain.TrainingWorker;
import org.nash.retrain.store.TrainedStore;

/**
 * {@code workers: N}: trainings in N worker processes give the same trials whatever N, a worker that
 * dies is replaced once, and bad parameters are clear errors (tiny network on CPU).
 */
class RetrainWorkersRunTest {
  @TempDir
  Path dir;

  private static String config(String store, String workers, int seeds) {
    return "name: retrain-workers\n"
        + "benchmark: nb201\n"
        + "oracle: retrain\n"
        + "oracle_params: {epochs: 1, channels: 4, cells: 1, subset: 64, threads: 1, store: " + store
        + (workers != null ? ", workers: " + workers : "") + "}\n"
        + "datasets: [cifar10]\n"
        + "pools: [\"skip,c3x3\"]\n"
        + "searchers: [{name: rs}]\n"
        + "budget: {queries: 3}\n"
        + "trace: true\n"
        + "seeds: " + seeds + "\n";
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /**
   * The trials without what is real time (seconds, the trace's costs) or depends on timing (the
   * per-origin counts): a fresh training's seconds differ from run to run.
   */
  private static String withoutTime(Path trials) throws Exception {
    return Files.readString(trials).replaceAll("\"seconds\":[0-9.eE-]+", "\"seconds\":_")
        .replaceAll("\\[([0-9]+),([^],]+),[^]]+\\]", "[$1,$2]")
        .replaceAll("\"sources\":\\{[^}]*\\},", "");
  }

  /** Every stored training as "arch valid-acc valid-loss train-acc train-loss per-epoch", in key order. */
  private static List<String> values(Path store) {
    List<String> out = new ArrayList<>();
    try (TrainedStore s = TrainedStore.open(store)) {
      for (TrainedStore.Entry e : s.all()) {
        out.add(e.key().arch() + " " + e.validAccuracy() + " " + e.validLoss() + " " + e.trainAccuracy() + " "
            + e.trainLoss() + " " + e.perEpoch().stream().map(p -> p.trainLoss() + "/" + p.validLoss()).toList());
      }
    }
    return out;
  }

  /** Live worker processes under {@code parent}; from /proc (Java drops long command lines). */
  private static List<ProcessHandle> workers(ProcessHandle parent) {
    return parent.descendants().filter(p -> p.isAlive() && commandLine(p).contains(TrainingWorker.class.getName()))
        .toList();
  }

  private static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return p.info().commandLine().orElse("");
    }
  }

  @Test
  void twoWorkersGiveTheTrialsOfOne() throws Exception {
    List<String> stored = new ArrayList<>();
    List<String> trials = new ArrayList<>();
    for (String w : List.of("1", "2")) {
      Path store = dir.resolve("w" + w + ".sqlite");
      Path out = dir.resolve("w" + w);
      long t0 = System.nanoTime();
      CliRunner.Result r = CliRunner.run("run", write("w" + w + ".yaml", config(store.toString(), w, 3)).toString(),
          "--out", out.toString(), "--threads", "2", "--quiet");
      System.out.printf("workers %s: %.1f s%n", w, (System.nanoTime() - t0) / 1e9);
      assertEquals(0, r.exit(), r.out() + r.err());
      // threads: 1 is given, so the thread count (and with it libtorch's last bits) does not change with N
      assertTrue(r.err().contains(w + " worker process(es) of 1 libtorch thread(s)"), r.err());
      assertTrue(workers(ProcessHandle.current()).isEmpty(), "the workers stopped with the run");
      trials.add(withoutTime(out.resolve(TrialsFile.NAME)));
      stored.add(String.join("\n", values(store)));
      List<TrialResult> t = TrialsFile.read(out.resolve(TrialsFile.NAME)).trials();
      assertEquals(3, t.size());
      int trained = t.stream().mapToInt(x -> x.sources().get("trained")).sum();
      assertEquals(values(store).size(), trained, "every distinct cell trained once, shared by the trials");
    }
    assertEquals(stored.get(0), stored.get(1), "the same numbers for every cell");
    assertEquals(trials.get(0), trials.get(1));
  }

  /**
   * A worker whose process keeps ending trainings in NaN (retrain/README.md's fault, injected here) is
   * replaced, and the training tried on a new worker is stored with a finite evaluation.
   */
  @Test
  void aTrainingThatEndsInNanOnAWorkerIsTriedOnANewOne() throws Exception {
    Path store = dir.resolve("faulty.sqlite");
    System.setProperty("nash.retrain.faultyWorker", dir.resolve("faulty.pid").toString());
    CliRunner.Result r;
    try {
      r = CliRunner.run("run", write("faulty.yaml", config(store.toString(), "1", 1)).toString(), "--out",
          dir.resolve("faulty").toString(), "--quiet");
    } finally {
      System.clearProperty("nash.retrain.faultyWorker");
    }
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("with a NaN evaluation; trying it once more on a new worker"), r.err());
    try (TrainedStore s = TrainedStore.open(store)) {
      assertFalse(s.all().isEmpty());
      s.all().forEach(e -> assertTrue(Double.isFinite(e.validLoss()), "stored from the new worker: " + e));
    }
  }

  @Test
  void badWorkersAndDeviceAreErrorsNamingTheField() throws Exception {
    String store = dir.resolve("s.sqlite").toString();
    for (String w : List.of("0", "-2", "two")) {
      CliRunner.Result r = CliRunner.run("run", write("b.yaml", config(store, w, 1)).toString(), "--out",
          dir.resolve("b" + w).toString(), "--quiet");
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("parameter 'workers' must be a"), w + ": " + r.err());
    }
    String dev = config(store, "2", 1).replace("threads: 1,", "threads: 1, device: tpu,");
    CliRunner.Result r = CliRunner.run("run", write("d.yaml", dev).toString(), "--out", dir.resolve("d").toString(),
        "--quiet");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("--device must be cpu, gpu or gpu:K, got 'tpu'"), r.err());
  }

  private Process start(Path cfg, Path out, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dnash.data.mirror=" + TestData.mirror(),
        "-Dai.djl.offline=true", Nash.class.getName(), "run", cfg.toString(), "--out", out.toString(),
        "--threads", "1", "--quiet"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void aKilledWorkerIsReplacedAndItsTrainingTriedAgain() throws Exception {
    Path log = dir.resolve("log.txt");
    Process p = start(write("k.yaml", config(dir.resolve("k.sqlite").toString(), "1", 2)), dir.resolve("k"), log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Set<Long> killed = new HashSet<>();
    while (killed.isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
      for (ProcessHandle w : workers(p.toHandle())) {
        w.destroyForcibly(); // SIGKILL
        killed.add(w.pid());
      }
      Thread.sleep(20);
    }
    assertEquals(1, killed.size(), "one worker killed; log: " + Files.readString(log));
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run finishes");
    String text = Files.readString(log);
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("training worker 1 (pid " + killed.iterator().next() + ") died")
        && text.contains("killed by signal 9") && text.contains("trying it once more on a new worker"), text);
    assertEquals(2, TrialsFile.read(dir.resolve("k").resolve(TrialsFile.NAME)).trials().size());
  }

  @Test
  void workersThatKeepDyingAreAnErrorNamingTheCell() throws Exception {
    Path log = dir.resolve("log.txt");
    Process p = start(write("k.yaml", config(dir.resolve("k.sqlite").toString(), "1", 1)), dir.resolve("k"), log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    int killed = 0;
    while (p.isAlive() && System.nanoTime() < deadline) {
      for (ProcessHandle w : workers(p.toHandle())) {
        w.destroyForcibly();
        killed++;
      }
      Thread.sleep(20);
    }
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "no hang: the run ends; log: " + Files.readString(log));
    String text = Files.readString(log);
    assertEquals(2, p.exitValue(), text);
    assertTrue(text.contains("training of cell arch ") && text.contains("failed twice"), text);
    assertTrue(killed >= 2, killed + " workers killed");
    assertTrue(workers(p.toHandle()).isEmpty());
  }
}
