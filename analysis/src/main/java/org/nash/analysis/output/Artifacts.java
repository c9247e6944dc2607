package org.nash.analysis.output;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.io.AtomicFiles;

/**
 * The index of what analyses wrote into a results folder ({@code artifacts.json}): every table and
 * figure with a title and a caption saying what it shows and how it was computed. The HTML report
 * is built from it, so an analysis only has to register its files here.
 */
public final class Artifacts {
  public static final String NAME = "artifacts.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One file. {@code path} is relative to the results folder; {@code kind} is {@code table} (CSV),
   * {@code figure} (PNG, with an SVG twin of the same name if present) or {@code data} (JSON);
   * {@code section} groups entries in the report; {@code more} (null = false) marks a secondary
   * figure the page folds away (e.g. the same curves on another axis).
   */
  public record Entry(String path, String kind, String section, String title, String caption,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean more) {
    public Entry(String path, String kind, String section, String title, String caption) {
      this(path, kind, section, title, caption, null);
    }

    /** This entry, marked secondary. */
    public Entry secondary() {
      return new Entry(path, kind, section, title, caption, Boolean.TRUE);
    }

    @JsonIgnore
    public boolean isSecondary() {
      return Boolean.TRUE.equals(more);
    }
  }

  private Artifacts() {}

  public static List<Entry> read(Path dir) {
    Path f = dir.resolve(NAME);
    if (!Files.exists(f)) {
      return new ArrayList<>();
    }
    try {
      return JSON.readValue(f.toFile(), new TypeReference<List<Entry>>() {});
    } catch (IOException e) {
      throw new NashException(f + ": not a valid artifact index: " + e.getMessage(), e);
    }
  }

  /** Adds or replaces (by path) entries in the folder's index, atomically. */
  public static synchronized void register(Path dir, List<Entry> entries) {
    replace(dir, null, entries);
  }

  /**
   * Like {@link #register}, but also drops the entries under {@code prefix} (e.g. {@code compare/})
   * that {@code entries} no longer has, so that an analysis that runs again leaves no stale entries
   * of its own. Entries kept keep their place, so the report's order does not change on a rerun.
   */
  public static synchronized void replace(Path dir, String prefix, List<Entry> entries) {
    java.util.Set<String> fresh = new java.util.HashSet<>();
    entries.forEach(e -> fresh.add(e.path()));
    Map<String, Entry> all = new LinkedHashMap<>();
    for (Entry e : read(dir)) {
      if (prefix == null || !e.path().startsWith(prefix) || fresh.contains(e.path())) {
        all.put(e.path(), e);
      }
    }
    for (Entry e : entries) {
      all.put(e.path(), e);
    }
    try {
      AtomicFiles.writeAtomically(dir.resolve(NAME), JSON.writeValueAsString(new ArrayList<>(all.values())) + "\n");
    } catch (IOException e) {
      throw new NashException("cannot write " + dir.resolve(NAME) + ": " + e.getMessage(), e);
    }
  }
}
