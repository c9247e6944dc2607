package org.nash.cli.slurm;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nash.NashException;
import org.nash.cli.Cli;
import org.nash.cli.Nash;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nash slurm submit|status}: a study as a Slurm job array, one task per shard
 * ({@code nash run --shard K/N}), and a merge job that runs when all of them have succeeded.
 * docs/CLUSTER.md.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true,
    description = "Run a study on a Slurm cluster: one array task per shard, then a merge job (docs/CLUSTER.md).",
    subcommands = {SlurmCommand.Submit.class, SlurmCommand.Status.class})
public final class SlurmCommand implements Callable<Integer> {
  @ParentCommand
  Nash nash;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "submit", mixinStandardHelpOptions = true,
      description = {"Write the sbatch scripts into DIR/slurm and submit the shards that are not complete as a job "
          + "array, then the merge job (--dependency=afterok). Run it again after a failure: it submits only "
          + "what is missing."})
  static final class Submit implements Callable<Integer> {
    @ParentCommand
    SlurmCommand parent;

    @Parameters(paramLabel = "CONFIG", description = "experiment config (YAML)")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "results folder, on a file system the compute nodes share")
    Path out;

    @Option(names = "--shards", paramLabel = "N",
        description = "number of shards = array tasks (default: the count of the folder's earlier submission)")
    Integer shards;

    @Option(names = "--partition", paramLabel = "P", description = "sbatch --partition")
    String partition;

    @Option(names = "--gres", paramLabel = "GRES", description = "sbatch --gres of each shard task, e.g. gpu:1")
    String gres;

    @Option(names = "--cpus-per-task", paramLabel = "C",
        description = "sbatch --cpus-per-task of each shard task (also its worker threads; default 1)")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "M", description = "sbatch --mem of each shard task, e.g. 4G")
    String mem;

    @Option(names = "--time", paramLabel = "T", description = "sbatch --time, e.g. 02:00:00")
    String time;

    @Option(names = "--account", paramLabel = "A", description = "sbatch --account")
    String account;

    @Option(names = "--launcher", paramLabel = "PATH",
        description = "the command the jobs run nash with (default: this checkout's nash launcher)")
    Path launcher;

    @Option(names = "--sbatch-option", paramLabel = "KEY=VALUE",
        description = "another #SBATCH line, e.g. qos=high, constraint=a100, export=ALL, requeue (repeatable;"
            + " keys whose form nash knows, checked; task resources go to the shard tasks, policy keys to the merge too)")
    List<String> sbatchOptions;

    @Option(names = "--preamble", paramLabel = "FILE",
        description = "shell lines run before nash in every job, e.g. module load java, source ~/venv/bin/activate")
    Path preamble;

    @Option(names = "--dry-run", description = "write the scripts and print the sbatch commands; submit nothing")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter o = spec.commandLine().getOut();
      Path cfgPath = config.toAbsolutePath().normalize();
      Path dir = out.toAbsolutePath().normalize();
      if (dir.toString().matches(".*[\\s%'\"].*")) {
        throw new NashException("--out " + dir + ": the path must have no space, quote or % (it goes into "
            + "#SBATCH --output, whose % are Slurm's patterns)");
      }
      Experiment cfg = ConfigLoader.load(cfgPath);
      String name = cfg.name().orElse(cfgPath.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
      List<Submissions.Entry> earlier = Submissions.read(dir);
      int n = shardCount(earlier, cfgPath);
      SbatchScript.Resources res = new SbatchScript.Resources(partition, gres, cpusPerTask, mem, time, account);
      List<SbatchOptions.Option> extra = SbatchOptions.parse(sbatchOptions);
      SbatchScript.Preamble pre = preamble == null ? null : SbatchScript.Preamble.read(preamble);
      SbatchScript.Job job = new SbatchScript.Job("nash-" + Cli.safeName(name, "the config's name").replaceAll(
          "[^A-Za-z0-9_.-]", "_"), launcher(), cfgPath, dir, n, res, extra, pre);
      // Without any option that goes into the scripts, a resubmission runs the scripts already there
      // (written with the first submit's options, or edited since) instead of dropping those options.
      boolean keepScripts = partition == null && gres == null && cpusPerTask == null && mem == null && time == null
          && account == null && extra.isEmpty() && pre == null && launcher == null;

      ShardFiles.Progress progress = ShardFiles.progress(parent.nash, dir, cfgPath, n);
      if (!dryRun && !earlier.isEmpty()) {
        refuseWhileQueued(earlier, n, progress);
      }
      SortedSet<Integer> missing = new TreeSet<>();
      for (int k = 0; k < n; k++) {
        if (!progress.complete().contains(k)) {
          missing.add(k);
        }
      }
      if (missing.isEmpty() && progress.merged()) {
        o.printf("all %d shards of %s are complete and merged into %s; nothing to submit%n", n, name, dir);
        o.flush();
        return 0;
      }
      try {
        Files.createDirectories(SbatchScript.logs(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Both scripts are checked before either is written: a refused edit leaves the folder as it was.
      ScriptFiles.Placed shardPlaced = null;
      String shardText = SbatchScript.shards(job);
      String mergeText = SbatchScript.merge(job);
      ScriptFiles.check(dir, "shards.sbatch", shardText, keepScripts);
      ScriptFiles.check(dir, "merge.sbatch", mergeText, keepScripts);
      if (!missing.isEmpty()) {
        shardPlaced = ScriptFiles.place(dir, cfgPath.toString(), n, "shards.sbatch", shardText, keepScripts);
      }
      ScriptFiles.Placed mergePlaced = ScriptFiles.place(dir, cfgPath.toString(), n, "merge.sbatch", mergeText,
          keepScripts);
      for (ScriptFiles.Placed p : java.util.Arrays.asList(shardPlaced, mergePlaced)) {
        if (p != null && p.how() == ScriptFiles.How.EDITED) {
          o.printf("using %s as you edited it (sha256 %s); nash does not overwrite it%n", p.path(), p.sha256());
        }
      }
      Path shardScript = SbatchScript.slurmDir(dir).resolve("shards.sbatch");
      Path mergeScript = SbatchScript.slurmDir(dir).resolve("merge.sbatch");
      Path slurmDir = SbatchScript.slurmDir(dir);
      // The script names every shard; the shards still missing are given on the command line.
      List<String> arrayOptions = missing.isEmpty() ? List.of() : List.of("--array=" + SbatchScript.arraySpec(missing));
      List<String> mergeOptions = new ArrayList<>();
      if (dryRun) {
        if (!missing.isEmpty()) {
          o.printf("would submit shards %s of %d: sbatch --parsable %s %s%n", SbatchScript.arraySpec(missing), n,
              String.join(" ", arrayOptions), shardScript);
          mergeOptions.addAll(dependency("<array job id>"));
        }
        o.printf("would submit the merge: sbatch --parsable %s%s%n",
            mergeOptions.isEmpty() ? "" : String.join(" ", mergeOptions) + " ", mergeScript);
        o.printf("(dry run: nothing submitted; the scripts are in %s)%n", slurmDir);
        o.flush();
        return 0;
      }
      String arrayJob = null;
      if (!missing.isEmpty()) {
        arrayJob = SlurmClient.sbatch(arrayOptions, shardScript);
        o.printf("array job %s: shards %s of %d (%s)%n", arrayJob, SbatchScript.arraySpec(missing), n, shardScript);
        mergeOptions.addAll(dependency(arrayJob));
      }
      String mergeJob = null;
      try {
        mergeJob = SlurmClient.sbatch(mergeOptions, mergeScript);
      } finally {
        // Recorded even when the merge was refused: the array runs, and status must find its tasks.
        Submissions.append(dir, new Submissions.Entry(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            cfgPath.toString(), dir.toString(), n, List.copyOf(missing), arrayJob, mergeJob, job.launcher().toString(),
            res, extra.isEmpty() ? null : SbatchOptions.texts(extra), pre == null ? null : pre.source().toString(),
            pre == null ? null : pre.sha256(), shardPlaced == null ? null : shardPlaced.sha256(), mergePlaced.sha256(),
            edited(shardPlaced, mergePlaced), null));
      }
      o.printf("merge job %s%s (%s)%n", mergeJob, arrayJob == null ? "" : ": after array job " + arrayJob + " succeeds",
          mergeScript);
      o.printf("follow it with: nash slurm status %s%n", dir);
      o.flush();
      return 0;
    }

    /** The scripts used as the user edited them, or null. */
    private static List<String> edited(ScriptFiles.Placed... placed) {
      List<String> names = new ArrayList<>();
      for (ScriptFiles.Placed p : placed) {
        if (p != null && p.how() == ScriptFiles.How.EDITED) {
          names.add(p.path().getFileName().toString());
        }
      }
      return names.isEmpty() ? null : names;
    }

    private static List<String> dependency(String arrayJob) {
      // A failed shard makes the dependency unsatisfiable: the merge job is then cancelled instead
      // of waiting in the queue forever, and the next submit starts a fresh one.
      return List.of("--dependency=afterok:" + arrayJob, "--kill-on-invalid-dep=yes");
    }

    private int shardCount(List<Submissions.Entry> earlier, Path cfgPath) {
      Submissions.Entry last = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
      if (last != null && !last.config().equals(cfgPath.toString())) {
        throw new NashException(out + " was submitted with config " + last.config() + ", not " + cfgPath
            + "; give another --out for another config");
      }
      if (last != null && shards != null && shards != last.shards()) {
        throw new NashException(out + " is split into " + last.shards() + " shards (" + Submissions.file(out)
            + "); --shards " + shards + " would split it differently; leave --shards out or give " + last.shards());
      }
      // After a dry run, the scripts it wrote tell the count.
      Optional<ScriptFiles.Written> written = last != null ? Optional.empty() : ScriptFiles.read(out.toAbsolutePath()
          .normalize()).filter(w -> w.config() != null && w.shards() > 0);
      if (written.isPresent() && !written.get().config().equals(cfgPath.toString())) {
        throw new NashException(out + " holds scripts written for config " + written.get().config() + ", not " + cfgPath
            + "; give another --out for another config");
      }
      int n = shards != null ? shards : last != null ? last.shards() : written.map(ScriptFiles.Written::shards).orElse(0);
      if (n < 1) {
        throw new NashException(shards == null ? "give --shards N (the number of array tasks)"
            : "--shards must be at least 1, got " + shards);
      }
      return n;
    }

    private Path launcher() {
      Path l = launcher;
      if (l == null) {
        String home = System.getProperty("nash.home");
        if (home == null) {
          throw new NashException("cannot tell where the nash launcher is; give --launcher PATH");
        }
        l = Path.of(home, "nash");
      }
      l = l.toAbsolutePath().normalize();
      if (!Files.isRegularFile(l) || !Files.isExecutable(l)) {
        throw new NashException("--launcher " + l + " is not an executable file");
      }
      return l;
    }

    /** Shards still queued or running would be run twice: wait for them or cancel them first. */
    private static void refuseWhileQueued(List<Submissions.Entry> earlier, int n, ShardFiles.Progress progress) {
      Map<String, String> queue = SlurmClient.squeue(jobIds(earlier));
      List<ShardStates.Shard> states = ShardStates.of(n, progress.complete(), earlier, queue, Map.of());
      List<String> busy = states.stream().filter(s -> s.state() == ShardStates.State.RUNNING
          || s.state() == ShardStates.State.PENDING).map(s -> s.task() + " " + s.slurmState()).toList();
      Submissions.Entry last = earlier.get(earlier.size() - 1);
      if (!busy.isEmpty()) {
        throw new NashException("shards are still queued or running (" + String.join(", ", busy) + "); wait for "
            + "them, or scancel them, then submit again");
      }
      if (last.mergeJob() != null && ShardStates.active(queue.get(last.mergeJob()))) {
        throw new NashException("the merge job " + last.mergeJob() + " is still queued ("
            + queue.get(last.mergeJob()) + "); wait for it or scancel it, then submit again");
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Per shard: done, running, pending, failed (from the shard files, squeue, and sacct where the "
          + "cluster keeps accounting).")
  static final class Status implements Callable<Integer> {
    @ParentCommand
    SlurmCommand parent;

    @Parameters(paramLabel = "DIR", description = "results folder of a `nash slurm submit`")
    Path out;

    @Option(names = "--job", paramLabel = "ID",
        description = "an array job you submitted by hand (sbatch DIR/slurm/shards.sbatch): its task K ran shard K;"
            + " recorded in DIR/slurm/submissions.jsonl, so later status and submit calls know it")
    String job;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter o = spec.commandLine().getOut();
      Path dir = out.toAbsolutePath().normalize();
      List<Submissions.Entry> subs = new ArrayList<>(Submissions.read(dir));
      if (job != null) {
        Submissions.Entry byHand = byHand(dir, subs, job);
        if (byHand != null) {
          Submissions.append(dir, byHand);
          subs.add(byHand);
          o.printf("array job %s submitted by hand: recorded in %s%n", job, Submissions.file(dir));
        }
      }
      if (subs.isEmpty()) {
        throw new NashException("no Slurm submission recorded in " + Submissions.file(dir)
            + "; submit with: nash slurm submit CONFIG --out " + out + " --shards N, or, for an array you submitted"
            + " by hand, give its id: nash slurm status " + out + " --job ID");
      }
      Submissions.Entry last = subs.get(subs.size() - 1);
      int n = last.shards();
      ShardFiles.Progress progress = ShardFiles.progress(parent.nash, dir, Path.of(last.config()), n);
      Set<String> jobs = jobIds(subs);
      boolean slurm = SlurmClient.available();
      Map<String, String> queue = Map.of();
      Map<String, String> acct = Map.of();
      if (!slurm) {
        o.println("(no Slurm client here: states from the shard files only)");
      } else {
        try {
          queue = SlurmClient.squeue(jobs);
          acct = SlurmClient.sacct(jobs);
        } catch (NashException e) {
          // A copy of the folder away from the cluster, or the controller down: the files still tell.
          slurm = false;
          o.println("(" + e.getMessage() + ": states from the shard files only)");
        }
      }
      List<ShardStates.Shard> states = ShardStates.of(n, progress.complete(), subs, queue, acct);
      o.printf("%-6s %-13s %-12s %s%n", "shard", "state", "task", "detail");
      Map<ShardStates.State, Integer> counts = new EnumMap<>(ShardStates.State.class);
      if (!slurm) {
        // Without the queue an incomplete shard may as well be running: say only what the files say.
        states = states.stream().map(s -> s.state() == ShardStates.State.FAILED
            ? new ShardStates.Shard(s.index(), ShardStates.State.INCOMPLETE, s.task(), null) : s).toList();
      }
      for (ShardStates.Shard s : states) {
        counts.merge(s.state(), 1, Integer::sum);
        String detail = progress.detail().getOrDefault(s.index(), "");
        if (s.state() == ShardStates.State.FAILED || s.state() == ShardStates.State.INCOMPLETE) {
          detail = (s.slurmState() != null ? s.slurmState() + "; " : "") + detail + failure(dir, s);
        }
        o.printf("%-6d %-13s %-12s %s%n", s.index(), s.state().name().toLowerCase().replace('_', ' '),
            s.task() == null ? "-" : s.task(), detail.strip());
      }
      String mergeState = progress.merged() ? "done" : last.mergeJob() == null ? "not submitted"
          : queue.getOrDefault(last.mergeJob(), acct.getOrDefault(last.mergeJob(), slurm ? "not queued" : "unknown"));
      o.printf("%-6s %-13s %-12s %s%n", "merge", mergeState.toLowerCase(), last.mergeJob() == null ? "-" : last.mergeJob(),
          progress.merged() ? dir.resolve("trials.jsonl").toString() : "");
      o.println(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
          .collect(Collectors.joining(", ", n + " shards: ", "")));
      if (counts.getOrDefault(ShardStates.State.FAILED, 0) + counts.getOrDefault(ShardStates.State.NOT_SUBMITTED, 0) > 0
          && counts.getOrDefault(ShardStates.State.RUNNING, 0) + counts.getOrDefault(ShardStates.State.PENDING, 0) == 0) {
        o.printf("submit the missing shards again with: nash slurm submit %s --out %s%n", last.config(), dir);
      }
      o.flush();
      return 0;
    }

    /**
     * The record of an array job submitted by hand, or null when it is already recorded. Its config and
     * shard count come from the folder's earlier submission, else from the scripts nash wrote (a dry run),
     * else from the shard folders; each task K is taken to run shard K (the script's {@code --shard auto/N}).
     */
    private static Submissions.Entry byHand(Path dir, List<Submissions.Entry> subs, String job) {
      if (!job.matches("\\d+")) {
        throw new NashException("--job " + job + ": give the array's job id, the number sbatch printed (e.g. 1234)");
      }
      if (subs.stream().anyMatch(e -> job.equals(e.arrayJob()))) {
        return null;
      }
      String config;
      int n;
      Optional<ScriptFiles.Written> written = ScriptFiles.read(dir);
      List<org.nash.plan.Shard> folders = org.nash.results.ShardMerge.shardsIn(dir);
      if (!subs.isEmpty()) {
        config = subs.get(subs.size() - 1).config();
        n = subs.get(subs.size() - 1).shards();
      } else if (written.isPresent() && written.get().config() != null) {
        config = written.get().config();
        n = written.get().shards();
      } else if (!folders.isEmpty() && Files.exists(folders.get(0).folder(dir).resolve("config.yaml"))) {
        config = folders.get(0).folder(dir).resolve("config.yaml").toString();
        n = folders.get(0).count();
      } else {
        throw new NashException("cannot tell the config and shard count of " + dir + ": it has no record of a submit"
            + " (" + Submissions.file(dir) + "), no scripts written by nash (" + ScriptFiles.file(dir) + ") and no shard"
            + " that has started (" + dir.resolve(org.nash.plan.Shard.DIR) + "/K-of-N/config.yaml); write the scripts"
            + " with nash slurm submit CONFIG --out " + dir + " --shards N --dry-run");
      }
      List<Integer> all = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        all.add(k);
      }
      return new Submissions.Entry(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), config, dir.toString(), n,
          all, job, null, null, null, null, null, null, null, null, null, true);
    }

    /** Where a failed task's output is, and its last line (Slurm writes "CANCELLED", "TIME LIMIT" there). */
    private static String failure(Path dir, ShardStates.Shard s) {
      String[] id = s.task().split("_");
      Path log = SbatchScript.logs(dir).resolve("shard-" + id[1] + "." + id[0] + ".out");
      if (!Files.exists(log)) {
        return "no log " + log;
      }
      try {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return "log " + log + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip());
      } catch (IOException e) {
        return "log " + log;
      }
    }
  }

  /** The array and merge jobs of these submissions. */
  static Set<String> jobIds(List<Submissions.Entry> subs) {
    Set<String> jobs = new TreeSet<>();
    for (Submissions.Entry e : subs) {
      if (e.arrayJob() != null) {
        jobs.add(e.arrayJob());
      }
      if (e.mergeJob() != null) {
        jobs.add(e.mergeJob());
      }
    }
    return jobs;
  }
}
