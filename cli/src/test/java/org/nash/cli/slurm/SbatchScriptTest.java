package org.nash.cli.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nash.NashException;

/** The sbatch scripts' text, the array index syntax and the per-shard states (no cluster needed). */
class SbatchScriptTest {
  private static final SbatchScript.Resources NONE = new SbatchScript.Resources(null, null, null, null, null, null);

  private static SbatchScript.Job job(SbatchScript.Resources r) {
    return new SbatchScript.Job("nash-study", Path.of("/opt/nash/nash"), Path.of("/home/u/configs/study.yaml"),
        Path.of("/shared/results/study"), 4, r);
  }

  private static TreeSet<Integer> set(Integer... xs) {
    return new TreeSet<>(List.of(xs));
  }

  @Test
  void arraySpecJoinsRuns() {
    assertEquals("0-3", SbatchScript.arraySpec(set(0, 1, 2, 3)));
    assertEquals("1,3", SbatchScript.arraySpec(set(3, 1)));
    assertEquals("0-2,5,7-8", SbatchScript.arraySpec(set(0, 1, 2, 5, 7, 8)));
    assertEquals("4", SbatchScript.arraySpec(set(4)));
    assertThrows(IllegalArgumentException.class, () -> SbatchScript.arraySpec(set()));
  }

  @Test
  void shardScriptRunsEachTaskAsAResumableShard() {
    String s = SbatchScript.shards(job(NONE));
    assertEquals("""
        #!/bin/bash
        # Written by `nash slurm submit`: shard K of 4 of /home/u/configs/study.yaml,
        # one array task per shard, into /shared/results/study.
        # A shard's task resumes what the shard already holds; `nash slurm submit` again submits
        # only the shards that are not complete. The shard count is given (auto/N), not taken from
        # SLURM_ARRAY_TASK_COUNT, so that an array over some of the shards (--array=1,3) runs them.
        #SBATCH --job-name=nash-study
        #SBATCH --array=0-3
        #SBATCH --output=/shared/results/study/slurm/logs/shard-%a.%A.out
        set -euo pipefail
        # One worker thread per CPU Slurm gave the task (results never depend on it).
        exec /opt/nash/nash run /home/u/configs/study.yaml --out /shared/results/study --shard auto/4 \
        --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet
        """, s);
  }

  @Test
  void resourcesBecomeSbatchLinesAndTheMergeTakesNoGpu() {
    SbatchScript.Resources r = new SbatchScript.Resources("gpu", "gpu:1", 8, "16G", "04:00:00", "nas-lab");
    String s = SbatchScript.shards(job(r));
    assertTrue(s.contains("#SBATCH --array=0-3\n#SBATCH --output=/shared/results/study/slurm/logs/shard-%a.%A.out\n"
        + "#SBATCH --partition=gpu\n#SBATCH --gres=gpu:1\n#SBATCH --cpus-per-task=8\n#SBATCH --mem=16G\n"
        + "#SBATCH --time=04:00:00\n#SBATCH --account=nas-lab\nset -euo pipefail\n"), s);
    String m = SbatchScript.merge(job(r));
    assertEquals("""
        #!/bin/bash
        # Written by `nash slurm submit`: merges the 4 shards in /shared/results/study into one trials.jsonl
        # (and their result stores), once every shard's task has succeeded (--dependency=afterok).
        #SBATCH --job-name=nash-study-merge
        #SBATCH --output=/shared/results/study/slurm/logs/merge.%j.out
        #SBATCH --partition=gpu
        #SBATCH --time=04:00:00
        #SBATCH --account=nas-lab
        set -euo pipefail
        exec /opt/nash/nash merge /shared/results/study
        """, m);
  }

  @Test
  void oddPathsAreQuotedAndOddOptionsRefused() {
    SbatchScript.Job j = new SbatchScript.Job("n", Path.of("/opt/my nash/nash"), Path.of("/c/it's.yaml"),
        Path.of("/r"), 2, NONE);
    assertTrue(SbatchScript.shards(j).contains("exec '/opt/my nash/nash' run '/c/it'\\''s.yaml' --out /r"));
    NashException e = assertThrows(NashException.class,
        () -> new SbatchScript.Resources("gpu\n#SBATCH --x", null, null, null, null, null));
    assertTrue(e.getMessage().contains("--partition"), e.getMessage());
    assertThrows(NashException.class, () -> new SbatchScript.Resources(null, null, 0, null, null, null));
  }

  @Test
  void sbatchOptionsAreCheckedAndTheMergeTakesOnlyPolicyOnes() {
    List<SbatchOptions.Option> opts = SbatchOptions.parse(List.of("qos=high", "--constraint=a100|v100",
        "export=ALL,PYTHONPATH=/opt/lab/py", "gpus-per-task=a100:1", "requeue"));
    SbatchScript.Job j = new SbatchScript.Job("nash-study", Path.of("/opt/nash/nash"), Path.of("/c.yaml"),
        Path.of("/r"), 2, NONE, opts, null);
    String s = SbatchScript.shards(j);
    assertTrue(s.contains("#SBATCH --output=/r/slurm/logs/shard-%a.%A.out\n#SBATCH --qos=high\n"
        + "#SBATCH --constraint=a100|v100\n#SBATCH --export=ALL,PYTHONPATH=/opt/lab/py\n#SBATCH --gpus-per-task=a100:1\n"
        + "#SBATCH --requeue\nset -euo pipefail\n"), s);
    String m = SbatchScript.merge(j);
    assertTrue(m.contains("#SBATCH --qos=high\n#SBATCH --constraint=a100|v100\n#SBATCH --export=ALL,PYTHONPATH=/opt/lab/py\n"
        + "#SBATCH --requeue\nset -euo pipefail\n"), m);
    assertFalse(m.contains("gpus"), m);

    // Each refusal names the option and why.
    String[][] bad = {
        {"qos=high\n#SBATCH --wrap=rm", "newline"},
        {"qos=a b", "'a b' is not of the form of --qos"},
        {"frobnicate=1", "'frobnicate' is not an sbatch option nash knows"},
        {"partition=gpu", "give --partition"},
        {"array=0-3", "nash sets --array"},
        {"output=/tmp/x", "nash sets --output"},
        {"requeue=yes", "takes no value"},
        {"qos", "--qos needs a value"},
        {"mem-per-cpu=lots", "e.g. --sbatch-option mem-per-cpu=4G"},
        {"export=ALL;rm -rf ~", "not of the form of --export"},
    };
    for (String[] b : bad) {
      NashException e = assertThrows(NashException.class, () -> SbatchOptions.parse(List.of(b[0])), b[0]);
      assertTrue(e.getMessage().contains(b[1]), b[0] + ": " + e.getMessage());
    }
    NashException twice = assertThrows(NashException.class, () -> SbatchOptions.parse(List.of("qos=a", "qos=b")));
    assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
  }

  @Test
  void thePreambleRunsBeforeNashInBothJobsAndUnsetVariablesAreAllowedInIt(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path f = tmp.resolve("setup.sh");
    java.nio.file.Files.writeString(f, "module load java/17\r\nsource $HOME/venv/bin/activate");
    SbatchScript.Preamble p = SbatchScript.Preamble.read(f);
    assertEquals("module load java/17\nsource $HOME/venv/bin/activate\n", p.text());
    assertEquals(SbatchScript.sha256(java.nio.file.Files.readAllBytes(f)), p.sha256());
    SbatchScript.Job j = new SbatchScript.Job("n", Path.of("/opt/nash/nash"), Path.of("/c.yaml"), Path.of("/r"), 2,
        NONE, List.of(), p);
    String preamble = "set -eo pipefail\n# --- preamble: " + f + " (sha256 " + p.sha256() + ") ---\n"
        + "module load java/17\nsource $HOME/venv/bin/activate\n# --- end of preamble ---\nset -u\n";
    assertTrue(SbatchScript.shards(j).contains(preamble + "# One worker thread"), SbatchScript.shards(j));
    assertTrue(SbatchScript.merge(j).endsWith(preamble + "exec /opt/nash/nash merge /r\n"), SbatchScript.merge(j));

    java.nio.file.Files.write(tmp.resolve("bin"), new byte[] {'a', 0, 'b'});
    NashException e = assertThrows(NashException.class, () -> SbatchScript.Preamble.read(tmp.resolve("bin")));
    assertTrue(e.getMessage().contains("NUL"), e.getMessage());
    e = assertThrows(NashException.class, () -> SbatchScript.Preamble.read(tmp.resolve("none.sh")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  /** Runs a script's shell part (its preamble, then `exec nash`) with bash, nash being a stand-in echo. */
  @Test
  void aPreambleWithUnsetVariablesRunsAndAFailingLineEndsTheJob(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path nash = tmp.resolve("nash");
    java.nio.file.Files.writeString(nash, "#!/bin/sh\necho \"nash $* MARK=$MARK\"\n");
    nash.toFile().setExecutable(true);
    Path ok = tmp.resolve("ok.sh");
    java.nio.file.Files.writeString(ok, "[ -z \"$UNSET_IN_VENV_SCRIPTS\" ] && export MARK=from-preamble\n");
    Path fails = tmp.resolve("fails.sh");
    java.nio.file.Files.writeString(fails, "false\nexport MARK=never\n");
    for (Path pre : List.of(ok, fails)) {
      SbatchScript.Job j = new SbatchScript.Job("n", nash, Path.of("/c.yaml"), tmp, 2, NONE, List.of(),
          SbatchScript.Preamble.read(pre));
      Path script = tmp.resolve("merge-" + pre.getFileName());
      java.nio.file.Files.writeString(script, SbatchScript.merge(j));
      Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int exit = p.waitFor();
      if (pre == ok) {
        assertEquals(0, exit, out);
        assertEquals("nash merge " + tmp + " MARK=from-preamble\n", out);
      } else {
        assertEquals(1, exit, "a failing preamble line ends the job before nash: " + out);
        assertEquals("", out);
      }
    }
  }

  private static Submissions.Entry sub(List<Integer> array, String arrayJob, String merge) {
    return new Submissions.Entry("t", "/c.yaml", "/r", 4, array, arrayJob, merge, "/nash", NONE);
  }

  @Test
  void statesComeFromTheFilesThenTheQueueThenAccounting() {
    List<Submissions.Entry> subs = List.of(sub(List.of(0, 1, 2, 3), "10", "11"), sub(List.of(1, 3), "12", "13"));
    assertEquals("12_3", ShardStates.latestTask(subs, 3).orElseThrow());
    assertEquals("10_2", ShardStates.latestTask(subs, 2).orElseThrow());
    // 0 complete; 1 running in the second array; 2 complete though accounting says it failed
    // (the file wins); 3 left the queue incomplete.
    var states = ShardStates.of(5, Set.of(0, 2), subs, Map.of("12_1", "RUNNING"), Map.of("10_2", "FAILED",
        "12_3", "CANCELLED"));
    assertEquals(List.of(ShardStates.State.DONE, ShardStates.State.RUNNING, ShardStates.State.DONE,
        ShardStates.State.FAILED, ShardStates.State.NOT_SUBMITTED), states.stream().map(ShardStates.Shard::state).toList());
    assertEquals("CANCELLED", states.get(3).slurmState());
    // Without accounting, a task gone from the queue with its shard incomplete is failed all the same.
    assertEquals(ShardStates.State.FAILED, ShardStates.of(4, Set.of(), subs, Map.of(), Map.of()).get(3).state());
    assertEquals(ShardStates.State.PENDING,
        ShardStates.of(4, Set.of(), subs, Map.of("12_3", "PENDING"), Map.of()).get(3).state());
    assertFalse(ShardStates.active("COMPLETED"));
    assertTrue(ShardStates.active("COMPLETING"));
  }
}
