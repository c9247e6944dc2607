package org.nash.run;

import java.util.List;
import org.nash.plan.Plan;
import org.nash.plan.Shard;
import org.nash.results.RunInfo;

/** The run.json of a new results folder: what the plan runs on, and with which code. */
final class RunRecord {
  private RunRecord() {}

  static RunInfo of(Plan plan, Shard shard) {
    return new RunInfo(RunInfo.FORMAT, "", plan.benchmark().name(), plan.benchmark().version(),
        plan.benchmark().dataFiles(), shard == null ? null : shard.folderName(), plan.searcherIdentities(),
        plan.oracleIdentity(), List.of(), List.of());
  }
}
