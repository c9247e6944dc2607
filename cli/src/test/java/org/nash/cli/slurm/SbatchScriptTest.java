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
    String s = SbatchScript.shards(job(NONE), set(0, 1, 2, 3));
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
    String s = SbatchScript.shards(job(r), set(1, 3));
    assertTrue(s.contains("#SBATCH --array=1,3\n#SBATCH --output=/shared/results/study/slurm/logs/shard-%a.%A.out\n"
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
    assertTrue(SbatchScript.shards(j, set(0, 1)).contains("exec '/opt/my nash/nash' run '/c/it'\\''s.yaml' --out /r"));
    NashException e = assertThrows(NashException.class,
        () -> new SbatchScript.Resources("gpu\n#SBATCH --x", null, null, null, null, null));
    assertTrue(e.getMessage().contains("--partition"), e.getMessage());
    assertThrows(NashException.class, () -> new SbatchScript.Resources(null, null, 0, null, null, null));
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
