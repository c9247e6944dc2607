package org.nash.cli;

import java.util.Locale;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.space.OpPool;
import org.nash.space.SearchDomain;
import org.nash.table.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nash space info}: a pool's size and, per dataset, its best architecture. */
@Command(name = "space", description = "Inspect a search space.", subcommands = {SpaceCommand.Info.class})
final class SpaceCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: info");
  }

  @Command(name = "info", description = "Size of an operation pool and its best architecture per dataset or task.")
  static final class Info implements Runnable {
    @ParentCommand
    SpaceCommand space;

    @Option(names = "--benchmark", required = true, description = "nb201, tnb-micro or tnb-macro")
    String benchmark;

    @Option(names = "--pool", defaultValue = "full", description = "ops by name or alias, e.g. skip,c1x1,c3x3 (default: full)")
    String pool;

    @Option(names = "--connected-only", description = "exclude cells with no input-to-output path")
    boolean connectedOnly;

    @Override
    public void run() {
      System.err.printf(Locale.ROOT, "loading benchmark %s...%n", benchmark);
      Benchmark b = Benchmarks.load(benchmark, space.nash.catalog());
      OpPool p = OpPool.parse(b.space(), pool);
      SearchDomain d = b.space().domain(p, !connectedOnly);
      System.out.printf(Locale.ROOT, "benchmark %s (data %s), ops: %s%n", b.name(), b.version(), b.space().describeOps());
      System.out.printf(Locale.ROOT, "pool %s: %,d architectures%s (full space %,d)%n", p.label(), d.size(),
          connectedOnly ? " with an input-to-output path" : "", b.space().size());
      System.out.printf(Locale.ROOT, "%-16s %-28s %8s %8s %8s  %s%n", "dataset", "reported metric", "pool best",
          "full best", "gap", "pool's best architecture (index)");
      for (String ds : b.datasets()) {
        Objective o = b.objective(ds);
        Column c = b.table().column(o.reportedKey());
        int bestRow = c.argmaxOver(d);
        Arch best = bestRow < 0 ? null : b.space().byIndex(bestRow);
        int withData = 0;
        for (int i = 0; i < d.size(); i++) {
          withData += Double.isNaN(c.get(d.get(i).index())) ? 0 : 1;
        }
        double full = c.get(c.argmax());
        String coverage = withData == d.size() ? "" : String.format(Locale.ROOT, "  [the table holds %,d of them]", withData);
        if (best == null) {
          System.out.printf(Locale.ROOT, "%-16s %-28s %8s %8.3f %8s  (no architecture of the pool in the table)%n", ds,
              o.reportedKey(), "-", full, "-");
          continue;
        }
        double v = c.get(best.index());
        System.out.printf(Locale.ROOT, "%-16s %-28s %8.3f %8.3f %8.3f  %s (%d)%s%n", ds, o.reportedKey(), v, full,
            v - full, best, best.index(), coverage);
      }
      if (b.note() != null) {
        System.out.println("note: " + b.note());
      }
    }
  }
}
