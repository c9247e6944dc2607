package org.nash.cli.slurm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nash.NashException;

/**
 * {@code DIR/slurm/submissions.jsonl}: one line per {@code nash slurm submit}, what was submitted and
 * the job ids Slurm gave it. {@code nash slurm status} finds each shard's latest task here, and a
 * second submit checks that it continues the same study (same config, same shard count).
 */
final class Submissions {
  static final String NAME = "submissions.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** One submission; {@code arrayJob} is null when only the merge was submitted. */
  record Entry(@JsonProperty("submitted") String submitted, @JsonProperty("config") String config,
      @JsonProperty("out") String out, @JsonProperty("shards") int shards,
      @JsonProperty("array") List<Integer> array, @JsonProperty("array_job") String arrayJob,
      @JsonProperty("merge_job") String mergeJob, @JsonProperty("launcher") String launcher,
      @JsonProperty("resources") SbatchScript.Resources resources,
      @JsonProperty("sbatch_options") List<String> sbatchOptions, @JsonProperty("preamble") String preamble,
      @JsonProperty("preamble_sha256") String preambleSha256,
      @JsonProperty("shards_script_sha256") String shardsScriptSha256,
      @JsonProperty("merge_script_sha256") String mergeScriptSha256,
      @JsonProperty("edited_scripts") List<String> editedScripts, @JsonProperty("by_hand") Boolean byHand) {
    Entry(String submitted, String config, String out, int shards, List<Integer> array, String arrayJob,
        String mergeJob, String launcher, SbatchScript.Resources resources) {
      this(submitted, config, out, shards, array, arrayJob, mergeJob, launcher, resources, null, null, null, null, null,
          null, null);
    }

    /** The Slurm id of shard k's task in this submission, if it had one. */
    Optional<String> task(int k) {
      return arrayJob != null && array != null && array.contains(k) ? Optional.of(arrayJob + "_" + k) : Optional.empty();
    }
  }

  private Submissions() {}

  static Path file(Path out) {
    return SbatchScript.slurmDir(out).resolve(NAME);
  }

  static List<Entry> read(Path out) {
    Path f = file(out);
    List<Entry> all = new ArrayList<>();
    if (!Files.exists(f)) {
      return all;
    }
    try {
      int n = 0;
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          all.add(JSON.readValue(line, Entry.class));
        } catch (IOException e) {
          throw new NashException(f + ":" + n + ": not a submission record (" + e.getMessage().split("\n")[0] + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  static void append(Path out, Entry e) {
    try {
      Files.createDirectories(file(out).getParent());
      Files.writeString(file(out), JSON.writeValueAsString(e) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
