package org.nash.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nash.NashException;
import org.nash.config.ConfigLoader;
import org.nash.config.Experiment;

/**
 * A study to reproduce ({@code configs/<name>.yaml}, run by {@code nash reproduce}): parts, each an
 * operation-subset scan and/or a search experiment written into its own subfolder of the study's
 * results folder, then one report over all of them. Unknown fields are errors.
 */
public final class Study {
  public String name;
  public String title;
  /**
   * Disjoint seed blocks the report judges the claims on (each experiment's seeds cut into this many
   * runs of consecutive seeds); null or 1: all seeds as one.
   */
  public Integer blocks;
  /** The claims the study's report checks, by id ({@link Claims#KNOWN}); none by default. */
  public List<String> claims = new ArrayList<>();
  public List<Part> parts = new ArrayList<>();

  /** One subfolder: a scan of the experiment's benchmark and the experiment (either may be absent). */
  public static final class Part {
    /** Subfolder name (default: the experiment's name, else the scanned benchmark). */
    public String folder;
    public Scan scan;
    /** The experiment config as written in the study (checked by {@link #experiment(Path, int)}). */
    @JsonProperty("experiment")
    public Map<String, Object> experimentConfig;
    @JsonIgnore
    private Experiment experiment;

    /** The part's experiment, checked; null for a part that only scans. */
    public Experiment experiment() {
      return experiment;
    }

    /** Runs the part's experiment on another seed range (e.g. {@code nash reproduce --first-seed}); null keeps it. */
    public void overrideSeeds(Integer firstSeed, Integer seeds) {
      if (firstSeed != null) {
        experiment = experiment.withFirstSeed(firstSeed);
      }
      if (seeds != null) {
        experiment = experiment.withSeeds(seeds);
      }
    }

    public String folder() {
      return folder != null ? folder : experiment != null && experiment.name().isPresent() ? experiment.name().get()
          : scan != null ? scan.benchmark : null;
    }

    /** The benchmark scanned: the scan's own, else the experiment's. */
    public String scanBenchmark() {
      return scan.benchmark != null ? scan.benchmark : experiment == null ? null : experiment.benchmark();
    }
  }

  /** Options of {@code nash scan}; absent fields take its defaults. */
  public static final class Scan {
    public String benchmark;
    public List<String> datasets;
    public String reference;
    @JsonProperty("connected_only")
    public boolean connectedOnly;
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  public static Study load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new NashException("study file " + file + " does not exist");
    } catch (IOException e) {
      throw new NashException("cannot read study file " + file + ": " + e.getMessage(), e);
    }
    Study s;
    try {
      s = YAML.readValue(text, Study.class);
    } catch (UnrecognizedPropertyException e) {
      throw new NashException(where(file, e) + "unknown field '" + e.getPropertyName() + "'; known fields: "
          + e.getKnownPropertyIds());
    } catch (JsonProcessingException e) {
      throw new NashException(where(file, e) + e.getOriginalMessage());
    }
    if (s == null || s.name == null) {
      throw new NashException(file + ": a study needs a 'name'");
    }
    if (s.blocks != null && s.blocks < 1) {
      throw new NashException(file + ": 'blocks' must be at least 1, got " + s.blocks);
    }
    for (String c : s.claims == null ? List.<String>of() : s.claims) {
      if (!Claims.KNOWN.contains(c)) {
        throw new NashException(file + ": 'claims' lists '" + c + "'; known: " + String.join(", ", Claims.KNOWN));
      }
    }
    if (s.parts == null || s.parts.isEmpty()) {
      throw new NashException(file + ": a study needs at least one entry in 'parts'");
    }
    Set<String> folders = new HashSet<>();
    for (int i = 0; i < s.parts.size(); i++) {
      Part p = s.parts.get(i);
      String at = file + ": parts[" + i + "]";
      if (p.experimentConfig != null) {
        p.experiment = ConfigLoader.fromTree(p.experimentConfig, at + ".experiment", text, lineOf(text, i));
      }
      if (p.scan == null && p.experiment == null) {
        throw new NashException(at + " has neither 'scan' nor 'experiment'");
      }
      if (p.scan != null && p.scanBenchmark() == null) {
        throw new NashException(at + ".scan needs a 'benchmark' (or an experiment to take it from)");
      }
      String f = p.folder();
      if (f == null || f.isBlank() || !f.matches("[A-Za-z0-9._-]+")) {
        throw new NashException(at + ": 'folder' (or the experiment's 'name') must be a plain folder name, got " + f);
      }
      if (!folders.add(f)) {
        throw new NashException(at + ": folder '" + f + "' is used by two parts");
      }
    }
    return s;
  }

  /** The line (1-based) of the {@code experiment:} key of part {@code part}, or 0 when it cannot be told. */
  private static int lineOf(String text, int part) {
    String[] lines = text.split("\n", -1);
    String item = null; // the indentation of the entries of 'parts:'
    int seen = -1;
    boolean inParts = false;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (!inParts) {
        inParts = l.matches("parts\\s*:\\s*");
        continue;
      }
      if (item == null && l.matches("\\s*-\\s.*")) {
        item = l.substring(0, l.indexOf('-'));
      }
      if (item != null && l.startsWith(item + "- ")) {
        seen++;
      }
      if (seen == part && l.matches("\\s*(-\\s+)?experiment\\s*:.*")) {
        return i + 1;
      }
    }
    return 0;
  }

  private static String where(Path file, JsonProcessingException e) {
    return e.getLocation() == null ? file + ": "
        : file + " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
  }
}
