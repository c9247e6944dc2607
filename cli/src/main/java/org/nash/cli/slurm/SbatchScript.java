package org.nash.cli.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.nash.NashException;

/**
 * The two batch scripts {@code nash slurm submit} writes into the results folder: a job array with
 * one task per shard ({@code nash run CONFIG --out DIR --shard K/N}) and the merge job
 * ({@code nash merge DIR}) that runs once every task of the array has succeeded. Plain text a user
 * can read, edit and submit by hand; pure functions of their inputs so their text is unit-tested.
 */
public final class SbatchScript {
  private SbatchScript() {}

  /** What a job asks of the cluster; null fields are left to the cluster's defaults. */
  public record Resources(String partition, String gres, Integer cpusPerTask, String mem, String time,
      String account) {
    public Resources {
      check("--partition", partition);
      check("--gres", gres);
      check("--mem", mem);
      check("--time", time);
      check("--account", account);
      if (cpusPerTask != null && cpusPerTask < 1) {
        throw new NashException("--cpus-per-task must be at least 1, got " + cpusPerTask);
      }
    }

    /** The merge job reads and writes files: no GPU and one CPU, same partition, account and time. */
    Resources forMerge() {
      return new Resources(partition, null, null, null, time, account);
    }

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:,=+/@-]+");

    private static void check(String option, String value) {
      if (value != null && !SAFE.matcher(value).matches()) {
        throw new NashException(option + " '" + value + "' has a character sbatch would not take here "
            + "(letters, digits and _ . : , = + / @ - only)");
      }
    }
  }

  /**
   * Shell lines run before nash in every job ({@code --preamble FILE}): {@code module load java}, a
   * Python environment. {@code source} and {@code sha256} say where they came from.
   */
  public record Preamble(Path source, String text, String sha256) {
    /** Reads a preamble file: text, no NUL, at most 64 KiB (it is copied into both scripts). */
    public static Preamble read(Path file) {
      Path f = file.toAbsolutePath().normalize();
      byte[] bytes;
      try {
        if (java.nio.file.Files.size(f) > 64 * 1024) {
          throw new NashException("--preamble " + f + " is larger than 64 KiB; it should hold a few shell lines"
              + " (module load java, source venv/bin/activate)");
        }
        bytes = java.nio.file.Files.readAllBytes(f);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new NashException("--preamble " + f + " does not exist");
      } catch (java.io.IOException e) {
        throw new NashException("--preamble " + f + " cannot be read: " + e.getMessage());
      }
      String text;
      try {
        text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new NashException("--preamble " + f + " is not UTF-8 text");
      }
      if (text.indexOf('\0') >= 0) {
        throw new NashException("--preamble " + f + " is not a text file (it holds a NUL byte)");
      }
      text = text.replace("\r\n", "\n");
      if (!text.isEmpty() && !text.endsWith("\n")) {
        text += "\n";
      }
      return new Preamble(f, text, SbatchScript.sha256(bytes));
    }
  }

  /**
   * Everything a script names: the launcher, the config, the results folder, the shard count, the
   * resources, further {@code #SBATCH} options and the preamble (null: none).
   */
  public record Job(String name, Path launcher, Path config, Path out, int shards, Resources resources,
      List<SbatchOptions.Option> options, Preamble preamble) {
    public Job {
      options = options == null ? List.of() : List.copyOf(options);
    }

    public Job(String name, Path launcher, Path config, Path out, int shards, Resources resources) {
      this(name, launcher, config, out, shards, resources, List.of(), null);
    }
  }

  /** The array's index list in sbatch's syntax: runs of consecutive shards as ranges ({@code 0-3}, {@code 1,3}, {@code 0-2,5}). */
  public static String arraySpec(SortedSet<Integer> indices) {
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("an array needs at least one index");
    }
    List<String> parts = new ArrayList<>();
    Integer start = null;
    Integer prev = null;
    for (int i : new TreeSet<>(indices)) {
      if (start == null) {
        start = i;
      } else if (i != prev + 1) {
        parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
        start = i;
      }
      prev = i;
    }
    parts.add(start.equals(prev) ? "" + start : start + "-" + prev);
    return String.join(",", parts);
  }

  /** The folder of the scripts and the records of what was submitted. */
  public static Path slurmDir(Path out) {
    return out.resolve("slurm");
  }

  /**
   * The array job: one task per shard, each a resumable {@code nash run --shard K/N}. The script names
   * every shard ({@code --array=0-(N-1)}), so its text does not change as shards complete (nash can
   * tell an edit from its own text); a resubmission of some shards gives {@code --array} to sbatch,
   * which overrides the script's line.
   */
  public static String shards(Job job) {
    SortedSet<Integer> indices = new TreeSet<>();
    for (int k = 0; k < job.shards(); k++) {
      indices.add(k);
    }
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("# Written by `nash slurm submit`: shard K of ").append(job.shards()).append(" of ")
        .append(job.config()).append(",\n");
    s.append("# one array task per shard, into ").append(job.out()).append(".\n");
    s.append("# A shard's task resumes what the shard already holds; `nash slurm submit` again submits\n");
    s.append("# only the shards that are not complete. The shard count is given (auto/N), not taken from\n");
    s.append("# SLURM_ARRAY_TASK_COUNT, so that an array over some of the shards (--array=1,3) runs them.\n");
    s.append("#SBATCH --job-name=").append(job.name()).append("\n");
    s.append("#SBATCH --array=").append(arraySpec(indices)).append("\n");
    s.append("#SBATCH --output=").append(logs(job.out())).append("/shard-%a.%A.out\n");
    options(s, job.resources());
    extra(s, job.options(), SbatchOptions.Scope.SHARDS);
    shell(s, job.preamble());
    s.append("# One worker thread per CPU Slurm gave the task (results never depend on it).\n");
    s.append("exec ").append(sh(job.launcher())).append(" run ").append(sh(job.config())).append(" --out ")
        .append(sh(job.out())).append(" --shard auto/").append(job.shards())
        .append(" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --quiet\n");
    return s.toString();
  }

  /** The merge job, submitted with {@code --dependency=afterok:<array job>}. */
  public static String merge(Job job) {
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("# Written by `nash slurm submit`: merges the ").append(job.shards())
        .append(" shards in ").append(job.out()).append(" into one trials.jsonl\n");
    s.append("# (and their result stores), once every shard's task has succeeded (--dependency=afterok).\n");
    s.append("#SBATCH --job-name=").append(job.name()).append("-merge\n");
    s.append("#SBATCH --output=").append(logs(job.out())).append("/merge.%j.out\n");
    options(s, job.resources().forMerge());
    extra(s, job.options(), SbatchOptions.Scope.BOTH);
    shell(s, job.preamble());
    s.append("exec ").append(sh(job.launcher())).append(" merge ").append(sh(job.out())).append("\n");
    return s.toString();
  }

  static Path logs(Path out) {
    return slurmDir(out).resolve("logs");
  }

  private static void options(StringBuilder s, Resources r) {
    opt(s, "partition", r.partition());
    opt(s, "gres", r.gres());
    opt(s, "cpus-per-task", r.cpusPerTask() == null ? null : r.cpusPerTask().toString());
    opt(s, "mem", r.mem());
    opt(s, "time", r.time());
    opt(s, "account", r.account());
  }

  /** The {@code --sbatch-option} lines for a job of this scope (the merge takes only the policy ones). */
  private static void extra(StringBuilder s, List<SbatchOptions.Option> options, SbatchOptions.Scope job) {
    for (SbatchOptions.Option o : options) {
      if (job == SbatchOptions.Scope.SHARDS || o.scope() == SbatchOptions.Scope.BOTH) {
        s.append("#SBATCH ").append(o.text()).append('\n');
      }
    }
  }

  /**
   * Strict shell mode, with the preamble in between: {@code -u} comes after it, since environment
   * set-up scripts (module, venv activate) often read unset variables; a failing line still ends the job.
   */
  private static void shell(StringBuilder s, Preamble p) {
    if (p == null) {
      s.append("set -euo pipefail\n");
      return;
    }
    s.append("set -eo pipefail\n");
    s.append("# --- preamble: ").append(p.source()).append(" (sha256 ").append(p.sha256()).append(") ---\n");
    s.append(p.text());
    s.append("# --- end of preamble ---\n");
    s.append("set -u\n");
  }

  private static void opt(StringBuilder s, String name, String value) {
    if (value != null) {
      s.append("#SBATCH --").append(name).append('=').append(value).append('\n');
    }
  }

  /** The hex sha256 of some bytes (of a script as written, of a preamble). */
  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+@,-]+");

  /** A word for the shell: as is when plain, else single-quoted. */
  static String sh(Object word) {
    String w = word.toString();
    return PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'";
  }
}
