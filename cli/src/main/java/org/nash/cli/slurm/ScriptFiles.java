package org.nash.cli.slurm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nash.NashException;
import org.nash.io.AtomicFiles;

/**
 * The batch scripts in {@code DIR/slurm} and what nash last wrote there ({@code DIR/slurm/written.json}:
 * the sha256 of each script as nash wrote it, with the config and shard count). A script whose bytes
 * differ from what nash wrote was edited by the user and is never overwritten: a submit whose options
 * would give the same script nash wrote uses the edited one as it is (and records its hash in the
 * submission); one whose options would give another script is refused, naming the file.
 */
final class ScriptFiles {
  static final String NAME = "written.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** What nash wrote into a slurm folder: the config, the shard count, and each script's sha256. */
  record Written(@JsonProperty("config") String config, @JsonProperty("shards") int shards,
      @JsonProperty("scripts") Map<String, String> scripts) {}

  /** How a script came to be used. */
  enum How { WRITTEN, UNCHANGED, EDITED }

  /** A script in place: its path, sha256 and whether nash wrote it now, found its own text, or kept an edit. */
  record Placed(Path path, String sha256, How how) {}

  private ScriptFiles() {}

  static Path file(Path out) {
    return SbatchScript.slurmDir(out).resolve(NAME);
  }

  static Optional<Written> read(Path out) {
    Path f = file(out);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      Written w = JSON.readValue(f.toFile(), Written.class);
      return Optional.of(new Written(w.config(), w.shards(), w.scripts() == null ? Map.of() : w.scripts()));
    } catch (IOException e) {
      throw new NashException(f + " is not nash's record of the scripts it wrote (" + e.getMessage().split("\n")[0]
          + "); move it away to have nash write fresh scripts");
    }
  }

  /**
   * Puts the script {@code name} with nash's {@code fresh} text in place, unless the user edited it.
   * {@code keepExisting}: the submit was given no option that goes into the scripts, so a script
   * nash wrote earlier (with the options of that submit) is used as it is.
   */
  static Placed place(Path out, String config, int shards, String name, String fresh, boolean keepExisting) {
    return place(out, config, shards, name, fresh, keepExisting, true);
  }

  /** The refusal {@link #place} would throw, without writing anything. */
  static void check(Path out, String name, String fresh, boolean keepExisting) {
    place(out, null, 0, name, fresh, keepExisting, false);
  }

  private static Placed place(Path out, String config, int shards, String name, String fresh, boolean keepExisting,
      boolean write) {
    Path script = SbatchScript.slurmDir(out).resolve(name);
    Optional<Written> written = read(out);
    String recorded = written.map(w -> w.scripts().get(name)).orElse(null);
    String freshSha = SbatchScript.sha256(fresh);
    try {
      if (Files.exists(script)) {
        String sha = SbatchScript.sha256(Files.readAllBytes(script));
        if (sha.equals(freshSha)) {
          if (write) {
            record(out, config, shards, name, freshSha);
          }
          return new Placed(script, sha, How.UNCHANGED);
        }
        if (recorded == null) {
          throw new NashException(script + " was not written by nash (" + file(out) + " has no record of it), and"
              + " nash never overwrites a script it did not write: move it away to have nash write one, or submit it"
              + " by hand (sbatch " + script + ") and follow it with nash slurm status " + out + " --job ID");
        }
        boolean edited = !sha.equals(recorded);
        if (edited && !recorded.equals(freshSha) && !keepExisting) {
          throw new NashException(script + " was edited since nash wrote it (sha256 " + sha + ", nash wrote " + recorded
              + "), and this submit's options would write a different script; nash never overwrites your edits: put"
              + " the change into the script yourself and submit without those options, or move the script away to"
              + " have nash write a new one");
        }
        if (edited) {
          return new Placed(script, sha, How.EDITED);
        }
        if (keepExisting) {
          return new Placed(script, sha, How.UNCHANGED);
        }
      }
      if (!write) {
        return null;
      }
      Files.createDirectories(script.getParent());
      AtomicFiles.writeAtomically(script, fresh);
      record(out, config, shards, name, freshSha);
      return new Placed(script, freshSha, How.WRITTEN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void record(Path out, String config, int shards, String name, String sha) throws IOException {
    Optional<Written> w = read(out);
    Map<String, String> scripts = new TreeMap<>(w.map(Written::scripts).orElse(Map.of()));
    if (sha.equals(scripts.get(name)) && w.get().shards() == shards && config.equals(w.get().config())) {
      return;
    }
    scripts.put(name, sha);
    Files.createDirectories(file(out).getParent());
    AtomicFiles.writeAtomically(file(out), new String(JSON.writeValueAsBytes(new Written(config, shards, scripts)),
        StandardCharsets.UTF_8) + "\n");
  }
}
