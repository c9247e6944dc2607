package org.nash.cli.slurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nash.cli.Nash;
import org.nash.config.ConfigLoader;
import org.nash.plan.Shard;
import org.nash.results.ShardProgress;
import org.nash.results.TrialsFile;

/** The shard files' word on a submitted study: which shards are complete, how far the others are. */
final class ShardFiles {
  private ShardFiles() {}

  /** Complete shards, whether the merged file is whole, and a line per shard (trials done of owned). */
  record Progress(Set<Integer> complete, boolean merged, Map<Integer, String> detail) {}

  static Progress progress(Nash nash, Path out, Path config, int shards) {
    if (!Files.exists(out.resolve(Shard.DIR)) && !Files.exists(out.resolve(TrialsFile.NAME))) {
      // A fresh folder: nothing to read, and no need to load the benchmark to learn it.
      return new Progress(Set.of(), false, Map.of());
    }
    ShardProgress p = ShardProgress.of(out, ConfigLoader.load(config), shards, nash.catalog(), nash.loader());
    Set<Integer> complete = new TreeSet<>();
    Map<Integer, String> detail = new HashMap<>();
    for (int k = 0; k < shards; k++) {
      if (p.complete(k)) {
        complete.add(k);
      }
      detail.put(k, String.format(Locale.ROOT, "%d/%d trials%s", p.done(k), p.expected(k),
          p.problem(k) == null ? "" : " (" + p.problem(k) + ")"));
    }
    return new Progress(complete, p.merged(), detail);
  }
}
