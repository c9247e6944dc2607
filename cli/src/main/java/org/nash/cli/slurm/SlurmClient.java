package org.nash.cli.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.nash.NashException;

/**
 * Slurm's own client commands ({@code sbatch}, {@code squeue}, {@code sacct}), run as processes:
 * nash talks to whatever cluster the environment names ({@code SLURM_CONF} or the node's
 * configuration), never to the controller directly.
 */
final class SlurmClient {
  private static final long TIMEOUT_SECONDS = 60;

  record Result(int exit, String out, String err) {}

  private SlurmClient() {}

  static Result exec(List<String> cmd) {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new NashException("cannot run " + cmd.get(0) + " (" + e.getMessage() + "): is this a Slurm login "
          + "node with the Slurm client commands on the PATH?");
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new NashException(String.join(" ", cmd) + " did not answer within " + TIMEOUT_SECONDS
            + " s: is the Slurm controller up?");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NashException("interrupted while running " + cmd.get(0));
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }

  /** Submits a batch script; returns the job id ({@code sbatch --parsable} prints {@code id[;cluster]}). */
  static String sbatch(List<String> options, Path script) {
    List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
    cmd.addAll(options);
    cmd.add(script.toString());
    Result r = exec(cmd);
    String id = r.out().strip().split(";", 2)[0];
    if (r.exit() != 0 || !id.matches("\\d+")) {
      throw new NashException("sbatch refused " + script + " (exit " + r.exit() + "): "
          + (r.err().isBlank() ? r.out() : r.err()).strip());
    }
    return id;
  }

  /** Is there a Slurm client here at all ({@code squeue} on the PATH)? */
  static boolean available() {
    try {
      return exec(List.of("squeue", "--version")).exit() == 0;
    } catch (NashException e) {
      return false;
    }
  }

  /**
   * The queue's state of these jobs, one entry per array task ({@code 12_3 -> RUNNING}) or job
   * ({@code 13 -> PENDING}). Jobs the controller has forgotten are simply absent.
   */
  static Map<String, String> squeue(Collection<String> jobIds) {
    Map<String, String> states = new HashMap<>();
    if (jobIds.isEmpty()) {
      return states;
    }
    Result r = exec(List.of("squeue", "--noheader", "--array", "--format=%i|%T",
        "--jobs=" + jobIds.stream().distinct().collect(Collectors.joining(","))));
    if (r.exit() != 0) {
      if (r.err().contains("Invalid job id")) {
        return states; // all of them finished long enough ago to be purged
      }
      throw new NashException("squeue failed (exit " + r.exit() + "): " + r.err().strip());
    }
    parse(r.out(), states);
    return states;
  }

  /**
   * The accounting database's final state of these jobs ({@code FAILED}, {@code CANCELLED},
   * {@code TIMEOUT}, ...), or nothing where the cluster keeps no accounting (sacct then says so
   * and exits 0, as the local test cluster does).
   */
  static Map<String, String> sacct(Collection<String> jobIds) {
    Map<String, String> states = new HashMap<>();
    if (jobIds.isEmpty()) {
      return states;
    }
    Result r;
    try {
      r = exec(List.of("sacct", "--noheader", "--allocations", "--parsable2", "--format=JobID,State",
          "--jobs=" + jobIds.stream().distinct().collect(Collectors.joining(","))));
    } catch (NashException e) {
      return states;
    }
    if (r.exit() == 0) {
      parse(r.out(), states);
    }
    return states;
  }

  private static void parse(String text, Map<String, String> states) {
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\|");
      if (f.length >= 2 && f[0].matches("\\d+(_\\d+)?")) {
        // sacct says "CANCELLED by 0": the state is the first word.
        states.put(f[0], f[1].split(" ")[0]);
      }
    }
  }
}
