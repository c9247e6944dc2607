package org.nash.plan;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nash.NashException;

/**
 * One of {@code count} shares of an experiment's trial grid, {@code index} counted from 0 (as
 * {@code SLURM_ARRAY_TASK_ID} of {@code --array=0-(N-1)} and Kubernetes' {@code JOB_COMPLETION_INDEX}).
 * A shard runs into its own folder {@code DIR/shards/K-of-N}, so shards on machines sharing a file
 * system never write the same file; which trials it holds is {@link ShardPlan}'s deterministic choice.
 */
public record Shard(int index, int count) {
  /** Shards per run at most: beyond, each holds a handful of trials and the folders are the cost. */
  public static final int MAX_COUNT = 100_000;
  public static final String DIR = "shards";
  private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
  private static final Pattern AUTO = Pattern.compile("auto(?:/(\\d{1,9}))?");
  private static final Pattern FOLDER = Pattern.compile("(\\d{1,9})-of-(\\d{1,9})");

  public Shard {
    if (count < 1 || count > MAX_COUNT) {
      throw new NashException("--shard: the number of shards must be 1.." + MAX_COUNT + ", got " + count);
    }
    if (index < 0 || index >= count) {
      throw new NashException("--shard: the shard index counts from 0 and must be 0.." + (count - 1) + " for " + count
          + " shards, got " + index);
    }
  }

  /**
   * Parses {@code K/N}, {@code auto/N} or {@code auto}. {@code auto} takes the index from
   * {@code SLURM_ARRAY_TASK_ID}, else {@code JOB_COMPLETION_INDEX}; the count from {@code /N}, else
   * {@code NASH_SHARD_COUNT}, else {@code SLURM_ARRAY_TASK_COUNT} when the array is exactly 0..N-1
   * (an array resubmitting some shards only, e.g. {@code --array=2,3}, does not tell N).
   */
  public static Shard parse(String spec, Map<String, String> env) {
    String s = spec.trim();
    Matcher m = SPEC.matcher(s);
    if (m.matches()) {
      return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    m = AUTO.matcher(s);
    if (!m.matches()) {
      throw new NashException("--shard must be K/N (K counted from 0, e.g. 0/4 .. 3/4), auto/N or auto; got '" + spec
          + "'");
    }
    String slurmId = env.get("SLURM_ARRAY_TASK_ID");
    String k8sIndex = env.get("JOB_COMPLETION_INDEX");
    String indexFrom = slurmId != null ? "SLURM_ARRAY_TASK_ID" : k8sIndex != null ? "JOB_COMPLETION_INDEX" : null;
    if (indexFrom == null) {
      throw new NashException("--shard " + s + ": neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor"
          + " JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give the shard as K/N");
    }
    int index = number(indexFrom, env.get(indexFrom));
    int count;
    if (m.group(1) != null) {
      count = Integer.parseInt(m.group(1));
    } else if (env.get("NASH_SHARD_COUNT") != null) {
      count = number("NASH_SHARD_COUNT", env.get("NASH_SHARD_COUNT"));
    } else if (slurmId != null && env.get("SLURM_ARRAY_TASK_COUNT") != null) {
      count = number("SLURM_ARRAY_TASK_COUNT", env.get("SLURM_ARRAY_TASK_COUNT"));
      String min = env.get("SLURM_ARRAY_TASK_MIN");
      String max = env.get("SLURM_ARRAY_TASK_MAX");
      if (min == null || max == null || number("SLURM_ARRAY_TASK_MIN", min) != 0
          || number("SLURM_ARRAY_TASK_MAX", max) != count - 1) {
        throw new NashException("--shard auto: this job array is not 0.." + (count - 1) + " (SLURM_ARRAY_TASK_MIN="
            + min + ", SLURM_ARRAY_TASK_MAX=" + max + ", SLURM_ARRAY_TASK_COUNT=" + count + "), so it does not tell"
            + " the number of shards; give it as --shard auto/N");
      }
    } else {
      throw new NashException("--shard auto: the number of shards is unknown; give it as --shard auto/N (or set"
          + " NASH_SHARD_COUNT)");
    }
    if (index >= count) {
      throw new NashException("--shard " + s + ": " + indexFrom + "=" + index + " is not a shard of " + count
          + " (shards count from 0 to " + (count - 1) + "; use --array=0-" + (count - 1) + ")");
    }
    return new Shard(index, count);
  }

  private static int number(String name, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new NashException("--shard auto: environment variable " + name + " must be a number >= 0, got '" + value + "'");
  }

  /** {@code K-of-N}, the name of the shard's folder under {@code DIR/shards}. */
  public String folderName() {
    return index + "-of-" + count;
  }

  /** The shard's own folder in a run's results folder. */
  public Path folder(Path runDir) {
    return runDir.resolve(DIR).resolve(folderName());
  }

  /** The shard named by a folder name {@code K-of-N}, or null for any other name. */
  public static Shard ofFolderName(String name) {
    Matcher m = FOLDER.matcher(name);
    if (!m.matches()) {
      return null;
    }
    int k = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    return n >= 1 && n <= MAX_COUNT && k < n ? new Shard(k, n) : null;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
