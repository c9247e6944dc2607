package org.nash.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nash.config.ConfigLoader;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.plan.Shard;
import org.nash.run.ExperimentRunner;

/**
 * A run in a process of its own, for tests that kill it (resume, locks): {@code CONFIG OUT THREADS
 * [K/N]}, on the synthetic catalog. The core has no command line; this is the part of {@code nash run}
 * those tests need.
 */
public final class RunMain {
  private RunMain() {}

  /** The command that runs this class in a fresh JVM with the test class path. */
  public static List<String> command(Path config, Path out, int threads, String shard) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RunMain.class.getName(), config.toString(), out.toString(),
        Integer.toString(threads)));
    if (shard != null) {
      cmd.add(shard);
    }
    return cmd;
  }

  public static void main(String[] args) {
    Plan plan;
    Path out = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    Shard shard = args.length > 3 ? Shard.parse(args[3], Map.of()) : null;
    if (shard == null) {
      plan = Planner.plan(ConfigLoader.load(Path.of(args[0])), Synthetic.catalog(), RunMain.class.getClassLoader());
    } else {
      plan = Planner.plan(ConfigLoader.load(Path.of(args[0])), Synthetic.catalog(), RunMain.class.getClassLoader(),
          shard, out);
    }
    try (plan) {
      ExperimentRunner.Outcome o = shard == null ? ExperimentRunner.run(plan, out, threads, null)
          : ExperimentRunner.runShard(plan, out, shard, threads, null);
      System.out.println(o.total() + " trials (" + o.skipped() + " already done, " + o.ran() + " run now)");
    }
  }
}
