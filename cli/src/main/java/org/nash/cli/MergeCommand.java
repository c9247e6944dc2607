package org.nash.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nash.NashException;
import org.nash.analysis.compare.Summary;
import org.nash.results.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nash merge DIR}: the shards of a sharded run into one trials.jsonl. */
@Command(name = "merge", description = {
    "Merge the shards of a sharded run (DIR/shards/K-of-N, written by 'nash run CONFIG --out DIR --shard K/N')"
        + " into DIR/trials.jsonl, the same bytes as a single-machine run of the config, with its config.yaml and"
        + " summary; the oracle's per-shard result stores are merged into the run's store.",
    "Every shard must be complete: missing, unfinished or damaged shards are listed and nothing is written."
        + " Merging again is harmless."})
final class MergeCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Parameters(paramLabel = "DIR", description = "the results folder of a sharded run")
  Path dir;

  @Option(names = "--status", description = "only show each shard's state (done, incomplete, running, damaged,"
      + " not started, missing) and its trials; writes nothing")
  boolean status;

  @Override
  public void run() {
    if (status) {
      List<ShardMerge.ShardStatus> all = ShardMerge.status(dir, nash.catalog(), nash.loader());
      if (all.isEmpty()) {
        throw new NashException(dir + " has no shard folders (" + dir.resolve(ShardMerge.SHARDS) + "/K-of-N)");
      }
      for (ShardMerge.ShardStatus s : all) {
        System.out.printf(Locale.ROOT, "%-12s %-12s %s%s%n", s.shard().folderName(), s.state(),
            s.expected() < 0 ? "" : s.done() + "/" + s.expected() + " trials",
            s.detail() != null && !s.state().equals("incomplete") ? "  " + s.detail() : "");
      }
      long done = all.stream().filter(s -> s.state().equals("done")).count();
      System.out.printf(Locale.ROOT, "%d of %d shards done%n", done, all.size());
      return;
    }
    long t0 = System.nanoTime();
    ShardMerge.Outcome o = ShardMerge.merge(dir, nash.catalog(), nash.loader());
    if (o.notes() != null) {
      System.err.println("note: " + o.notes());
    }
    List<Summary.Row> rows = Summary.of(o.trials());
    Summary.write(rows, dir);
    System.out.print(Summary.format(rows));
    System.out.printf(Locale.ROOT, "%d trials from %d shards %s %s (%.1f s)%n", o.total(), o.shards(),
        o.unchanged() ? "already merged in" : "merged into", o.trials(), (System.nanoTime() - t0) / 1e9);
    if (o.stores() != null) {
      System.out.println(o.stores());
    }
  }
}
