package org.nash.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import org.nash.data.DataCatalog;
import org.nash.oracle.OracleProvider;
import org.nash.plan.Planner;
import org.nash.plan.RecordFields;
import org.nash.plan.Shard;
import org.nash.plan.ShardPlan;
import org.nash.plan.TrialGrid;
import org.nash.plugin.Params;
import org.nash.plugin.PluginIdentity;
import org.nash.plugin.Registry;

/**
 * The shards of a sharded run ({@code DIR/shards/K-of-N}) and their merge into {@code DIR/trials.jsonl}:
 * the shards' lines, copied byte for byte in grid order, so the file is the same bytes as a
 * single-machine run of the config. A merge checks everything before it writes anything: all N shards
 * present and complete, one config and data version, every record in its own shard; it writes the
 * file whole or not at all, and never replaces a {@code trials.jsonl} that is not the same merge.
 */
public final class ShardMerge {
  /** The folder of a run folder that holds its shards. */
  public static final String SHARDS = Shard.DIR;

  private ShardMerge() {}

  /**
   * What a merge did. {@code unchanged}: {@code trials.jsonl} already was this merge. {@code stores}:
   * what the oracle merged of the shards' own state (e.g. result stores), or null.
   */
  public record Outcome(Path trials, int total, int shards, boolean unchanged, String stores, String notes,
      Experiment config) {}

  /** The shard folders of a run folder, by index; empty when it has none. Shards of two counts are refused. */
  public static List<Shard> shardsIn(Path dir) {
    Path root = dir.resolve(Shard.DIR);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    TreeMap<Integer, Shard> found = new TreeMap<>();
    Shard first = null;
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        Shard sh = Files.isDirectory(p) ? Shard.ofFolderName(p.getFileName().toString()) : null;
        if (sh == null) {
          continue;
        }
        if (first != null && first.count() != sh.count()) {
          throw new NashException(root + " holds shards of different runs: " + first.folderName() + " and "
              + sh.folderName() + " (" + first.count() + " and " + sh.count() + " shards); a run folder holds one"
              + " sharding: remove the other or use another --out");
        }
        first = first == null ? sh : first;
        found.put(sh.index(), sh);
      }
    } catch (IOException e) {
      throw new NashException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return List.copyOf(found.values());
  }

  /**
   * Before shard {@code shard} runs into {@code runDir}: the folder's other shards and its merged
   * config, if any, must be of the same sharding and the same experiment, seeds included.
   */
  public static void checkSiblings(Path runDir, Shard shard, Experiment current) {
    for (Shard s : shardsIn(runDir)) {
      if (s.count() != shard.count()) {
        throw new NashException(runDir + " holds shards of " + s.count() + " (" + s.folder(runDir) + "), not "
            + shard.count() + "; every shard of a run needs the same N: use --shard K/" + s.count() + " or another --out");
      }
      Optional<SavedExperiment> sibling = s.equals(shard) ? Optional.empty() : SavedExperiment.read(s.folder(runDir));
      if (sibling.isPresent()) {
        requireSame(sibling.get(), current, "shard " + shard);
        break; // the siblings were checked against each other when they ran
      }
    }
    Optional<SavedExperiment> merged = SavedExperiment.read(runDir);
    if (merged.isPresent()) {
      requireSame(merged.get(), current, "shard " + shard);
    }
  }

  /** Refuses a config that differs from a saved one in anything, seeds included. */
  private static void requireSame(SavedExperiment saved, Experiment current, String what) {
    List<String> diff = new ArrayList<>(ConfigLoader.differences(saved.experiment(), current));
    if (saved.experiment().seeds() != current.seeds()) {
      diff.add("seeds (folder: " + saved.experiment().seeds() + ", this config: " + current.seeds() + ")");
    }
    if (!diff.isEmpty()) {
      throw new NashException(saved.dir().resolve(SavedExperiment.CONFIG_NAME) + " holds a different experiment than "
          + what + ": it differs in "
          + String.join("; ", diff) + "; all shards of a run need the same config (seeds included): use another --out");
    }
  }

  /**
   * The state of one shard: {@code missing} (no folder), {@code not started} (no config.yaml yet),
   * {@code running} (its folder is locked by a live run, {@code detail} names the PID), {@code incomplete},
   * {@code damaged} (a broken line, named in {@code detail}; a cut last line is {@code incomplete}) or
   * {@code done}. {@code expected} is
   * the number of trials the shard owns (-1 when no shard has started, so the config is unknown).
   */
  public record ShardStatus(Shard shard, Path folder, String state, int done, int expected, String detail) {}

  /** What a merge or a status needs: the shards, their one config, the grid and who owns which trial. */
  private record Setup(List<Shard> shards, int count, SavedExperiment first, TrialGrid grid, RecordCheck check,
      int[] owners, int[] expected) {}

  /** Reads and checks the shards' configs; null when no shard has started. Mismatches are errors. */
  private static Setup setup(Path dir, List<Shard> shards, DataCatalog catalog, ClassLoader loader) {
    int n = shards.get(0).count();
    // One experiment: the first shard's config, which every other must equal, seeds included.
    SavedExperiment first = null;
    for (Shard s : shards) {
      Optional<SavedExperiment> saved = SavedExperiment.read(s.folder(dir));
      if (saved.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = saved.get();
        continue;
      }
      requireSame(first, saved.get().experiment(), "shard " + s + " (" + saved.get().dir() + ")");
      String v = saved.get().run().map(RunInfo::dataVersion).orElse(null);
      String version = first.run().map(RunInfo::dataVersion).orElse(null);
      if (v != null && version != null && !v.equals(version)) {
        throw new NashException(saved.get().dir().resolve(RunInfo.NAME) + " was run on benchmark data version " + v
            + ", " + first.dir().resolve(RunInfo.NAME) + " on " + version + "; shards of different data cannot be merged");
      }
    }
    if (first == null) {
      return null;
    }
    Optional<SavedExperiment> merged = SavedExperiment.read(dir);
    if (merged.isPresent()) {
      requireSame(merged.get(), first.experiment(), "its shards (" + first.dir() + ")");
    }
    Experiment cfg = first.experiment();
    Benchmark b = Benchmarks.load(cfg.benchmark(), catalog, loader);
    if (first.run().isPresent()) {
      first.run().get().requireData(first.dir(), b.version(), "merge with the data the shards were run with");
    }
    TrialGrid grid = Planner.grid(cfg, b);
    RecordCheck check = new RecordCheck(grid, b, RecordFields.of(cfg, b, grid.datasets(), loader), cfg.seeds(), true);
    int[] owners = ShardPlan.owners(cfg, b, grid, n);
    int[] expected = new int[n];
    for (int o : owners) {
      expected[o]++;
    }
    return new Setup(shards, n, first, grid, check, owners, expected);
  }

  /**
   * The state of every shard 0..N-1 of {@code dir} (empty when it has none), read without locking or
   * writing anything: for {@code nash slurm status} and the like. Shards of another config, count or
   * data version are errors, as for a merge.
   */
  public static List<ShardStatus> status(Path dir, DataCatalog catalog, ClassLoader loader) {
    List<Shard> shards = shardsIn(dir);
    if (shards.isEmpty()) {
      return List.of();
    }
    int n = shards.get(0).count();
    Setup setup = setup(dir, shards, catalog, loader);
    List<ShardStatus> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Shard s = new Shard(k, n);
      Path folder = s.folder(dir);
      int expected = setup == null ? -1 : setup.expected()[k];
      if (!Files.isDirectory(folder)) {
        out.add(new ShardStatus(s, folder, "missing", 0, expected, null));
        continue;
      }
      if (!Files.exists(folder.resolve(SavedExperiment.CONFIG_NAME))) {
        String pid = FolderLock.holder(folder);
        out.add(new ShardStatus(s, folder, pid != null ? "running" : "not started", 0, expected,
            pid != null ? "PID " + pid : null));
        continue;
      }
      ShardStatus st = read(dir, s, setup, new ArrayList<>(), null);
      String pid = FolderLock.holder(folder);
      out.add(pid != null && !st.state().equals("done")
          ? new ShardStatus(s, folder, "running", st.done(), expected, "PID " + pid) : st);
    }
    return out;
  }

  /**
   * Merges the shards of {@code dir} into {@code dir/trials.jsonl} (and {@code config.yaml}), then lets
   * the config's oracle merge the shards' own state. Every shard must be complete.
   */
  public static Outcome merge(Path dir, DataCatalog catalog, ClassLoader loader) {
    List<Shard> shards = shardsIn(dir);
    if (shards.isEmpty()) {
      throw new NashException("nothing to merge in " + dir + ": it has no shard folders (" + dir.resolve(Shard.DIR)
          + "/K-of-N, written by 'nash run CONFIG --out " + dir + " --shard K/N')");
    }
    int n = shards.get(0).count();
    List<String> problems = new ArrayList<>();
    BitSet present = new BitSet(n);
    shards.forEach(s -> present.set(s.index()));
    if (present.cardinality() < n) {
      problems.add("missing shard(s) " + ranges(present, n) + " of " + n + " (no folder " + dir.resolve(Shard.DIR)
          + "/K-of-" + n + ")");
    }
    for (Shard s : shards) {
      Path f = s.folder(dir).resolve(SavedExperiment.CONFIG_NAME);
      if (!Files.exists(f)) {
        problems.add("shard " + s + " has not started (" + f + " is missing)");
      }
    }
    Setup setup = setup(dir, shards, catalog, loader);
    if (setup == null) {
      throw new NashException("cannot merge " + dir + ": " + String.join("; ", problems));
    }
    Path merged = dir.resolve(SavedExperiment.CONFIG_NAME);
    List<FolderLock> locks = new ArrayList<>();
    try {
      locks.add(FolderLock.acquire(dir));
      for (Shard s : shards) {
        locks.add(FolderLock.acquire(s.folder(dir)));
      }
      List<String> notes = new ArrayList<>();
      Lines lines = new Lines(setup.grid().size());
      for (Shard s : shards) {
        if (Files.exists(s.folder(dir).resolve(SavedExperiment.CONFIG_NAME))) {
          ShardStatus st = read(dir, s, setup, notes, lines);
          if (!st.state().equals("done")) {
            problems.add("shard " + s + " is " + st.state() + " (" + st.detail() + ")");
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new NashException("cannot merge " + dir + ", nothing was written: " + String.join("; ", problems)
            + ". Finish them with 'nash run CONFIG --out " + dir + " --shard K/" + n + "' (each reruns only its"
            + " missing trials), or all of them here with 'nash run CONFIG --out " + dir + "'");
      }
      requireSameCode(dir, shards);
      boolean unchanged = write(dir, shards, setup.grid(), setup.owners(), lines);
      if (!Files.exists(merged)) {
        // The merged folder's provenance: the first shard's, without its shard mark, with every session
        org.nash.io.AtomicFiles.writeAtomically(merged, setup.first().configText());
        mergedRunInfo(dir, shards, setup).ifPresent(r -> r.write(dir));
      }
      Experiment cfg = setup.first().experiment();
      String stores = mergeStores(cfg, shards.stream().map(s -> s.folder(dir)).toList(), catalog, loader);
      return new Outcome(dir.resolve(TrialsFile.NAME), setup.grid().size(), n, unchanged, stores,
          notes.isEmpty() ? null : String.join("; ", notes), cfg);
    } finally {
      for (FolderLock l : locks) {
        l.close();
      }
    }
  }

  /**
   * Where each trial's line is in a shard file that is not in grid order (a shard rerun after a trial
   * was lost appends it at the end): the merge then copies those lines from their offsets, so the
   * merged file is in grid order all the same. In-order shards are streamed and need no entry.
   */
  private static final class Lines {
    final long[] offset;
    final int[] length;
    final java.util.Set<Integer> unordered = new java.util.HashSet<>();

    Lines(int size) {
      offset = new long[size];
      length = new int[size];
      java.util.Arrays.fill(offset, -1);
    }
  }

  /**
   * Reads a shard's file once: each record must be this experiment's and its own shard's (a record of
   * another shard or experiment is an error), in any order; the first line of each trial counts. A cut
   * or broken line makes the shard {@code damaged}, fewer trials than it owns {@code incomplete}. Exact
   * repeats are noted. {@code lines} (if not null) learns where the lines of an unordered file are.
   */
  private static ShardStatus read(Path dir, Shard s, Setup setup, List<String> notes, Lines lines) {
    Path folder = s.folder(dir);
    Path file = folder.resolve(TrialsFile.NAME);
    int[] owners = setup.owners();
    int expected = setup.expected()[s.index()];
    int done = 0;
    long repeats = 0;
    if (Files.exists(file)) {
      try (TrialsFile.Cursor c = new TrialsFile.Cursor(file)) {
        long last = -1;
        BitSet seen = new BitSet(owners.length);
        boolean ordered = true;
        while (c.next()) {
          TrialResult r = c.head();
          long i = setup.check().index(file + ":" + c.line(), r);
          if (i >= owners.length || owners[(int) i] != s.index()) {
            throw new NashException(file + ":" + c.line() + ": trial " + r.key() + " belongs to shard "
                + (i >= owners.length ? "none" : owners[(int) i] + "/" + s.count()) + ", not to " + s
                + ": this folder holds shards of another sharding; merge refused");
          }
          if (seen.get((int) i)) {
            repeats++;
            continue;
          }
          seen.set((int) i);
          ordered &= i > last;
          last = Math.max(last, i);
          if (lines != null) {
            lines.offset[(int) i] = c.offset();
            lines.length[(int) i] = c.length();
          }
          done++;
        }
        if (!ordered && lines != null) {
          lines.unordered.add(s.index());
        }
      } catch (TrialsFile.Cursor.BadLine e) {
        // A cut line (a killed shard) or a broken one: listed, with its file and line, not thrown.
        return new ShardStatus(s, folder, e.cut ? "incomplete" : "damaged", done, expected, e.getMessage());
      }
    }
    if (repeats > 0) {
      notes.add(file + ": " + repeats + " repeated record(s) dropped");
    }
    return done < expected
        ? new ShardStatus(s, folder, "incomplete", done, expected, done + " of " + expected + " trials in " + file)
        : new ShardStatus(s, folder, "done", done, expected, null);
  }

  /**
   * Writes the merged file to a temporary file beside {@code trials.jsonl}, then moves it in place; an
   * existing {@code trials.jsonl} is kept when it already is this merge and refused otherwise.
   */
  private static boolean write(Path dir, List<Shard> shards, TrialGrid grid, int[] owners, Lines lines) {
    Path target = dir.resolve(TrialsFile.NAME);
    Path tmp = null;
    TrialsFile.Cursor[] cursors = new TrialsFile.Cursor[shards.size()];
    java.nio.channels.FileChannel[] channels = new java.nio.channels.FileChannel[shards.size()];
    try {
      tmp = Files.createTempFile(dir, "." + TrialsFile.NAME, ".tmp");
      for (int k = 0; k < cursors.length; k++) {
        Path f = shards.get(k).folder(dir).resolve(TrialsFile.NAME);
        if (lines.unordered.contains(k)) {
          channels[k] = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.READ);
        } else {
          cursors[k] = new TrialsFile.Cursor(f);
        }
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        for (int i = 0; i < grid.size(); i++) {
          if (channels[owners[i]] != null) {
            copyLine(channels[owners[i]], lines.offset[i], lines.length[i] + 1, out);
            continue;
          }
          TrialsFile.Cursor c = cursors[owners[i]];
          // Repeated lines of one trial were counted by the check; the first is taken.
          long at;
          do {
            if (!c.next()) {
              throw new IllegalStateException(c.file() + " ended before trial " + grid.get(i).key());
            }
            TrialResult r = c.head();
            at = grid.indexOf(r.dataset(), r.pool(), r.searcher(), r.seed());
          } while (at < i);
          c.copyTo(out);
        }
      }
      if (Files.exists(target) && Files.size(target) > 0) {
        if (Files.mismatch(tmp, target) == -1) {
          return true;
        }
        throw new NashException(target + " exists and is not the merge of " + dir.resolve(Shard.DIR) + " (a"
            + " single-machine run, or trials of another sharding?); it is left untouched: move it away and merge again");
      }
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return false;
    } catch (IOException e) {
      throw new NashException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      for (TrialsFile.Cursor c : cursors) {
        if (c != null) {
          c.close();
        }
      }
      for (java.nio.channels.FileChannel ch : channels) {
        if (ch != null) {
          try {
            ch.close();
          } catch (IOException e) {
            // read only
          }
        }
      }
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // a stray hidden temp file; the merge itself is done or refused
        }
      }
    }
  }

  /** Copies {@code length} bytes (a line with its newline) from {@code offset} of a shard file. */
  private static void copyLine(java.nio.channels.FileChannel ch, long offset, int length, OutputStream out)
      throws IOException {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Math.min(length, 1 << 16));
    long at = offset;
    long end = offset + length;
    while (at < end) {
      buf.clear().limit((int) Math.min(buf.capacity(), end - at));
      int n = ch.read(buf, at);
      if (n < 0) {
        throw new IOException("the shard file ended inside the line at offset " + offset);
      }
      out.write(buf.array(), 0, n);
      at += n;
    }
  }

  /**
   * Every shard's searchers must be the same code (run.json): shards run on different machines, and
   * a method edited between two array tasks would otherwise mix two methods in one study.
   */
  private static void requireSameCode(Path dir, List<Shard> shards) {
    RunInfo first = null;
    Shard firstShard = null;
    for (Shard s : shards) {
      Optional<RunInfo> r = RunInfo.read(s.folder(dir));
      if (r.isEmpty()) {
        continue;
      }
      if (first == null) {
        first = r.get();
        firstShard = s;
        continue;
      }
      for (Map.Entry<String, PluginIdentity> e : r.get().searchers().entrySet()) {
        PluginIdentity base = first.searchers().get(e.getKey());
        List<String> diff = base == null ? List.of() : e.getValue().changesSince(base);
        if (!diff.isEmpty()) {
          throw new NashException("cannot merge " + dir + ", nothing was written: searcher '" + e.getKey() + "' ran other"
              + " code in shard " + s + " than in shard " + firstShard + ": " + String.join("; ", diff) + " (their run.json"
              + " files); rerun the odd shard with the same code into a fresh shard folder");
        }
      }
    }
  }

  /** The run.json of a merged folder: the shards' identity and all their sessions, in shard order. */
  private static Optional<RunInfo> mergedRunInfo(Path dir, List<Shard> shards, Setup setup) {
    Optional<RunInfo> first = setup.first().run();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    List<RunInfo.Session> sessions = new ArrayList<>();
    for (Shard s : shards) {
      RunInfo.read(s.folder(dir)).ifPresent(r -> sessions.addAll(r.sessions()));
    }
    RunInfo f = first.get();
    return Optional.of(new RunInfo(f.format(), f.configSha256(), f.benchmark(), f.dataVersion(), f.dataFiles(), null,
        f.searchers(), f.oracle(), sessions, f.searcherChanges()));
  }

  private static String mergeStores(Experiment cfg, List<Path> shardDirs, DataCatalog catalog,
      ClassLoader loader) {
    String name = cfg.oracle().name();
    OracleProvider p = Registry.load(OracleProvider.class, "oracle", loader).get(name);
    return p.mergeShards(new Params("oracle '" + name + "'", cfg.oracle().params()), shardDirs, catalog);
  }

  /** Missing indices as ranges, e.g. {@code 2, 5-7}. */
  private static String ranges(BitSet present, int n) {
    List<String> out = new ArrayList<>();
    int i = present.nextClearBit(0);
    while (i < n) {
      int end = Math.min(present.nextSetBit(i) < 0 ? n : present.nextSetBit(i), n) - 1;
      out.add(i == end ? Integer.toString(i) : i + "-" + end);
      i = present.nextClearBit(end + 1);
    }
    return String.join(", ", out);
  }
}
