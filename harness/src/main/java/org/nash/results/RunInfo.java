package org.nash.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nash.NashException;
import org.nash.Provenance;
import org.nash.io.AtomicFiles;
import org.nash.plugin.PluginIdentity;

/**
 * {@code run.json}: the provenance of a results folder, beside its {@code config.yaml}. It names the
 * config it belongs to (the sha256 of config.yaml's bytes), the benchmark data (its version and the
 * sha256 of every data file), each searcher's and the oracle's implementation, and one entry per run
 * session (start and end, nash version and commit, Java, OS, CPU, threads, trials run). Resume, merge
 * and report read it; a run.json that does not belong to its config.yaml is refused.
 *
 * @param format {@link #FORMAT}; another value is a file of another nash and is refused
 * @param configSha256 the sha256 of the config.yaml bytes this file belongs to
 * @param dataVersion the benchmark's data version (a digest of its data files' sha256)
 * @param dataFiles the sha256 of each data file, by catalog id
 * @param shard {@code K-of-N} for a shard's folder, null (absent) for a whole run
 * @param searchers each searcher label's plugin and where its code came from, in config order
 * @param oracle the oracle's plugin and where its code came from
 * @param sessions every run into the folder, oldest first
 * @param searcherChanges changes of a searcher's code the user accepted ({@code --accept-changed-searcher}):
 *     the folder's trials before the change were made by the code recorded there as {@code before}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "config_sha256", "benchmark", "data_version", "data_files", "shard", "searchers",
    "oracle", "sessions", "searcher_changes"})
public record RunInfo(String format, @JsonProperty("config_sha256") String configSha256, String benchmark,
    @JsonProperty("data_version") String dataVersion, @JsonProperty("data_files") Map<String, String> dataFiles,
    String shard, Map<String, PluginIdentity> searchers, PluginIdentity oracle, List<Session> sessions,
    @JsonProperty("searcher_changes") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SearcherChange> searcherChanges) {
  public static final String NAME = "run.json";
  public static final String FORMAT = "nash-run/1";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  public RunInfo {
    dataFiles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataFiles == null ? Map.of() : dataFiles));
    searchers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(searchers == null ? Map.of()
        : searchers));
    sessions = List.copyOf(sessions == null ? List.of() : sessions);
    searcherChanges = List.copyOf(searcherChanges == null ? List.of() : searcherChanges);
  }

  /**
   * A searcher's code changed and the user accepted it: from session {@code session} (1-based) on,
   * after the folder's first {@code recordsBefore} records, its trials come from {@code after}.
   */
  @JsonPropertyOrder({"searcher", "session", "records_before", "before", "after", "changes"})
  public record SearcherChange(String searcher, int session, @JsonProperty("records_before") long recordsBefore,
      PluginIdentity before, PluginIdentity after, List<String> changes) {}

  /**
   * This info with the searchers' identities of this session: a searcher whose code differs from the
   * recorded one is refused (naming the searcher, what changed and both values) unless its label is in
   * {@code accepted}; an accepted change is recorded in {@code searcher_changes}.
   *
   * @param recordsBefore how many records the folder's trials file holds now
   * @param complete false for the identities of the plan, before the searchers could say everything of
   *     themselves (an external worker's hello): a recorded detail they lack is kept, not a change
   */
  public RunInfo withSearchers(Path dir, Map<String, PluginIdentity> now, java.util.Set<String> accepted,
      long recordsBefore, boolean complete) {
    List<SearcherChange> changes = new ArrayList<>(searcherChanges);
    java.util.LinkedHashMap<String, PluginIdentity> ids = new java.util.LinkedHashMap<>(searchers);
    for (Map.Entry<String, PluginIdentity> e : now.entrySet()) {
      PluginIdentity old = searchers.get(e.getKey());
      List<String> diff = old == null ? List.of() : e.getValue().changesSince(old, complete);
      if (diff.isEmpty()) {
        // the recorded details the plan cannot know yet stay until the complete check
        ids.put(e.getKey(), old == null || complete ? e.getValue() : old.withDetails(e.getValue().details()));
        continue;
      }
      ids.put(e.getKey(), e.getValue());
      if (!accepted.contains(e.getKey())) {
        throw new NashException("searcher '" + e.getKey() + "' is not the code that made the results in " + dir + ": "
            + String.join("; ", diff) + " (recorded in " + dir.resolve(NAME) + "). Its trials would mix two methods."
            + " Restore the code, use another --out, or rerun with --accept-changed-searcher " + e.getKey()
            + " to record the change in run.json and go on");
      }
      changes.add(new SearcherChange(e.getKey(), sessions.size(), recordsBefore, old, e.getValue(), diff));
    }
    return new RunInfo(format, configSha256, benchmark, dataVersion, dataFiles, shard, ids, oracle, sessions, changes);
  }
  /** One run into the folder: when, with what, and how many trials it ran. */
  @JsonPropertyOrder({"started", "ended", "nash", "git_commit", "java", "os", "cpu", "cores", "threads", "ran"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Session(String started, String ended, String nash, @JsonProperty("git_commit") String gitCommit,
      String java, String os, String cpu, int cores, int threads, int ran) {
    /** A session of this process, started now. */
    public static Session start(int threads) {
      Provenance p = Provenance.current();
      return new Session(Instant.now().toString(), null, p.nashVersion(), p.gitCommit(), p.java(), p.os(), p.cpu(),
          p.cores(), threads, 0);
    }

    /** One line, e.g. {@code nash 0.1.0 (git 1a2b3c4d5e6f), Java 17.0.9 (Eclipse Adoptium), Linux 6.1 amd64}. */
    public String line() {
      return new Provenance(nash, gitCommit, java, os, cpu, cores).line();
    }

    public Session end(int ran) {
      return new Session(started, Instant.now().toString(), nash, gitCommit, java, os, cpu, cores, threads, ran);
    }
  }

  /** This info with one more session (or the last one replaced, when {@code replaceLast}). */
  public RunInfo withSession(Session s, boolean replaceLast) {
    List<Session> all = new ArrayList<>(sessions);
    if (replaceLast && !all.isEmpty()) {
      all.remove(all.size() - 1);
    }
    all.add(s);
    return new RunInfo(format, configSha256, benchmark, dataVersion, dataFiles, shard, searchers, oracle, all,
        searcherChanges);
  }

  /** This info for another config.yaml (a study extended by more seeds keeps its sessions). */
  public RunInfo forConfig(String configSha256) {
    return new RunInfo(format, configSha256, benchmark, dataVersion, dataFiles, shard, searchers, oracle, sessions,
        searcherChanges);
  }

  /** The sha256 (hex) of a config.yaml's bytes, as {@link #configSha256()} records it. */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void write(Path dir) {
    AtomicFiles.writeAtomically(dir.resolve(NAME), RunInfoJson.of(this) + "\n");
  }

  /** The run.json of a folder, if it has one; a damaged or foreign one is an error naming the file. */
  public static Optional<RunInfo> read(Path dir) {
    Path f = dir.resolve(NAME);
    RunInfo r;
    try {
      r = JSON.readValue(Files.readString(f), RunInfo.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new NashException(f + " is damaged (" + firstLine(e.getMessage()) + "); it records where the results"
          + " of this folder came from. Restore it, or delete the folder's run.json to adopt the trials anew");
    }
    if (r == null || !FORMAT.equals(r.format())) {
      throw new NashException(f + " is not a nash run record (format " + (r == null ? "none" : r.format()) + ", expected "
          + FORMAT + ")");
    }
    for (String field : new String[] {r.configSha256(), r.benchmark(), r.dataVersion()}) {
      if (field == null) {
        throw new NashException(f + " is damaged: 'config_sha256', 'benchmark' and 'data_version' are required");
      }
    }
    return Optional.of(r);
  }

  /**
   * The run.json of a folder checked against the config.yaml text beside it: a run.json written for
   * another config (edited, or copied from elsewhere) is refused, naming both hashes.
   */
  public static Optional<RunInfo> readFor(Path dir, String configText) {
    Optional<RunInfo> r = read(dir);
    String sha = sha256(configText);
    if (r.isPresent() && !r.get().configSha256().equals(sha)) {
      throw new NashException(dir.resolve(NAME) + " belongs to another config: it records config_sha256 "
          + r.get().configSha256() + ", but " + dir.resolve(SavedExperiment.CONFIG_NAME) + " has sha256 " + sha
          + " (one of the two was edited or copied from another folder); restore it or use another --out");
    }
    return r;
  }

  /** Refuses results of other data than {@code version} (of the benchmark nash has now). */
  public void requireData(Path dir, String version, String advice) {
    if (!dataVersion.equals(version)) {
      throw new NashException(dir.resolve(NAME) + ": the results were made with " + benchmark + " data version "
          + dataVersion + ", this nash has " + version + (advice == null ? "" : "; " + advice));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
  }
}
