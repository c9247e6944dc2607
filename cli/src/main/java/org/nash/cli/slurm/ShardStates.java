package org.nash.cli.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each shard of a submitted study stands, from three sources in order of trust: the shard's
 * file (complete = done, whatever the scheduler says), the queue (pending, running), and, for a task
 * that left the queue without completing its shard, the accounting database's final state where the
 * cluster keeps one (else just "failed": the task ended and the shard is incomplete).
 */
final class ShardStates {
  private ShardStates() {}

  /** INCOMPLETE: not done, and no queue to tell whether it still runs. */
  enum State { DONE, RUNNING, PENDING, FAILED, NOT_SUBMITTED, INCOMPLETE }

  /** One shard: its state, the Slurm task that last ran it (if any), and the queue's or sacct's word. */
  record Shard(int index, State state, String task, String slurmState) {}

  /** Queue states of a task that has not finished yet. */
  static boolean active(String queueState) {
    return queueState != null && !Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY",
        "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE").contains(queueState);
  }

  /** The task of the latest submission that included shard k. */
  static Optional<String> latestTask(List<Submissions.Entry> subs, int k) {
    for (int i = subs.size() - 1; i >= 0; i--) {
      Optional<String> t = subs.get(i).task(k);
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  static List<Shard> of(int shards, Set<Integer> complete, List<Submissions.Entry> subs, Map<String, String> queue,
      Map<String, String> acct) {
    List<Shard> out = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      String task = latestTask(subs, k).orElse(null);
      String q = task == null ? null : queue.get(task);
      String a = task == null ? null : acct.get(task);
      State s;
      if (complete.contains(k)) {
        s = State.DONE;
      } else if (task == null) {
        s = State.NOT_SUBMITTED;
      } else if (active(q)) {
        s = "PENDING".equals(q) ? State.PENDING : State.RUNNING;
      } else if (a != null && active(a)) {
        // Accounting can lag the queue by a moment; believe it only when the queue has no word.
        s = "PENDING".equals(a) ? State.PENDING : State.RUNNING;
      } else {
        s = State.FAILED;
      }
      out.add(new Shard(k, s, task, q != null ? q : a));
    }
    return out;
  }
}
