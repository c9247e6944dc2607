package org.nash.bench;

import org.nash.plan.Planner;
import org.nash.plan.TrialContext;
import org.nash.plan.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Locale;
import org.nash.data.DataCatalog;
import org.nash.config.ConfigLoader;
import org.nash.run.ExperimentRunner;
import org.nash.run.TrialRunner;
import org.nash.plan.TrialSpec;
import org.nash.results.TrialsFile;

/**
 * Trials of the NB-201 paper setting on one thread, timed by the thread's CPU clock: on a machine
 * shared with other jobs, wall-clock JMH scores swing by 10x while CPU time stays put. Runs RS then REA
 * (10 / 3) for seeds 0..N-1, as {@code ../shared/bench/py_search.py N} does, after a warm-up of the
 * same trials; prints CPU per trial with and without writing its line.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.nash.bench.TrialCpu 20000</pre>
 */
public final class TrialCpu {
  private TrialCpu() {}

  public static void main(String[] args) throws Exception {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    DataCatalog catalog = new DataCatalog(Files.createTempDirectory("nash-bench"), DataCatalog.defaultMirrorDir(), false);
    var cfg = ConfigLoader.parse(String.join("\n",
        "name: bench", "benchmark: nb201", "datasets: [cifar10]", "fidelity: hp12", "pools: [full]",
        "searchers:", "  - name: rs", "  - name: re", "    label: rea", "    params: {population: 10, sample: 3}",
        "budget:", "  seconds: 12000", "seeds: " + seeds), "bench config");
    Plan plan = Planner.plan(cfg, catalog, TrialCpu.class.getClassLoader());
    TrialContext ctx = plan.context("cifar10", "full");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      boolean lines = round > 0;
      for (int s = 0; s < 2; s++) {
        long queries = 0;
        long bytes = 0;
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = s * seeds; i < (s + 1) * seeds; i++) {
          TrialSpec t = plan.trials().get(i);
          var r = TrialRunner.run(t, plan.factories().get(t.searcherLabel()), ctx);
          queries += r.queries();
          if (lines) {
            bytes += TrialsFile.toLine(r).length();
          }
        }
        double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s %-3s %d trials: %.3f s CPU, %.4f ms/trial, %.0f trials/s per core,"
                + " %.0f ns/query (%d queries%s)%n", round == 0 ? "warm-up" : "measured", s == 0 ? "rs" : "rea", seeds,
            cpu, cpu / seeds * 1e3, seeds / cpu, cpu / queries * 1e9, queries, lines ? ", lines written: " + bytes + " chars" : ", no lines");
      }
    }
  }
}
