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

  /**
   * One subfolder: a scan of the experiment's benchmark and the experiment (either may be absent), or
   * a spot check of the same cells on several datasets (alone in its part).
   */
  public static final class Part {
    /** Subfolder name (default: the experiment's name, else the scanned benchmark, else {@code spotcheck}). */
    public String folder;
    public Scan scan;
    public Spotcheck spotcheck;
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
          : scan != null ? scan.benchmark : spotcheck != null ? "spotcheck" : null;
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

  /**
   * A spot check of the same NAS-Bench-201 cells trained on several datasets (run by {@code nash
   * reproduce}): K cells stratified over the range of one table column, each trained through the result
   * store at the given protocol, compared with each dataset's table (Kendall tau, mean difference, both
   * with intervals) and the datasets compared with a reference on the same cells. Absent fields take
   * the defaults here: NB-201's hp12 protocol on cifar10-valid, cifar100 and ImageNet16-120.
   */
  public static final class Spotcheck {
    /** The NB-201 datasets a retraining can train. */
    public static final List<String> KNOWN = List.of("cifar10-valid", "cifar10", "cifar100", "ImageNet16-120");
    public List<String> datasets = new ArrayList<>(List.of("cifar10-valid", "cifar100", "ImageNet16-120"));
    /** The dataset the others are compared with (default: the first). */
    public String reference;
    /** The datasets compared with the reference, in this order (default: every other one). */
    public List<String> compare;
    /** K: how many cells. */
    public int cells = 20;
    /** The dataset whose table column (at {@code table_epochs}) the cells are stratified over (default: the reference). */
    @JsonProperty("select_by")
    public String selectBy;
    /** Only cells with an input-to-output path (disconnected ones all score chance and tie). */
    @JsonProperty("connected_only")
    public boolean connectedOnly = true;
    /** Seed of the selection and of the bootstrap. */
    public long seed = 0;
    /** Bootstrap replicates of the intervals. */
    public int bootstrap = 2000;
    /** Training epochs (12 = the table's hp12, 200 = hp200). */
    public int epochs = 12;
    /** The table's epochs compared with (default: {@code epochs}); another value is flagged as not comparable. */
    @JsonProperty("table_epochs")
    public Integer tableEpochs;
    /** The result store's key seed of the trainings (as {@code nash spotcheck --seed}). */
    @JsonProperty("training_seed")
    public long trainingSeed = 0;
    /** Network width C (NB-201: 16). */
    public int channels = 16;
    /** Network depth N, cells per stage (NB-201: 5). */
    @JsonProperty("cells_per_stage")
    public int cellsPerStage = 5;
    @JsonProperty("batch_size")
    public int batchSize = 256;
    /** Train and score on this many images (0 = all); quick checks only. */
    public int subset = 0;

    public String reference() {
      return reference != null ? reference : datasets.get(0);
    }

    public List<String> compare() {
      return compare != null ? compare : datasets.stream().filter(d -> !d.equals(reference())).toList();
    }

    public String selectBy() {
      return selectBy != null ? selectBy : reference();
    }

    public int tableEpochs() {
      return tableEpochs != null ? tableEpochs : epochs;
    }

    /** Every field checked; errors name {@code at} (file and part) and the field. */
    void check(String at) {
      if (datasets == null || datasets.isEmpty()) {
        throw new NashException(at + ".datasets: give at least one of " + String.join(", ", KNOWN));
      }
      Set<String> seen = new HashSet<>();
      for (String d : datasets) {
        if (!KNOWN.contains(d)) {
          throw new NashException(at + ".datasets: '" + d + "' is not a dataset nash can retrain; known: "
              + String.join(", ", KNOWN));
        }
        if (!seen.add(d)) {
          throw new NashException(at + ".datasets lists '" + d + "' twice");
        }
      }
      if (!datasets.contains(reference())) {
        throw new NashException(at + ".reference: '" + reference + "' is not one of the datasets " + datasets);
      }
      for (String c : compare()) {
        if (!datasets.contains(c) || c.equals(reference())) {
          throw new NashException(at + ".compare: '" + c + "' is not one of the datasets other than the reference ("
              + reference() + "): " + datasets);
        }
      }
      if (!KNOWN.contains(selectBy())) {
        throw new NashException(at + ".select_by: '" + selectBy + "' is not one of " + String.join(", ", KNOWN));
      }
      if (cells < 3) {
        throw new NashException(at + ".cells: a Kendall tau with an interval needs at least 3 cells, got " + cells);
      }
      if (bootstrap < 100) {
        throw new NashException(at + ".bootstrap: at least 100 replicates, got " + bootstrap);
      }
      if (epochs < 1) {
        throw new NashException(at + ".epochs must be at least 1, got " + epochs);
      }
      if (tableEpochs() != 12 && tableEpochs() != 200) {
        throw new NashException(at + (tableEpochs == null ? ".epochs" : ".table_epochs") + ": the table has 12- and"
            + " 200-epoch values only, got " + tableEpochs() + (tableEpochs == null
            ? "; for a shorter training give table_epochs: 12 (flagged as not comparable)" : ""));
      }
      if (channels < 1 || cellsPerStage < 1) {
        throw new NashException(at + (channels < 1 ? ".channels" : ".cells_per_stage") + " must be at least 1");
      }
      if (batchSize < 2) {
        throw new NashException(at + ".batch_size must be at least 2, got " + batchSize);
      }
      if (subset < 0) {
        throw new NashException(at + ".subset must be at least 0 (0 = all images), got " + subset);
      }
    }
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
      throw new NashException(where(file, e) + field(e) + e.getOriginalMessage());
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
      if (p.spotcheck != null && (p.scan != null || p.experiment != null)) {
        throw new NashException(at + ": a 'spotcheck' goes in a part of its own, without 'scan' or 'experiment'");
      }
      if (p.spotcheck != null) {
        p.spotcheck.check(at + ".spotcheck");
      }
      if (p.scan == null && p.experiment == null && p.spotcheck == null) {
        throw new NashException(at + " has neither 'scan', 'experiment' nor 'spotcheck'");
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

  /** "field parts[0].spotcheck.cells: " for a value of the wrong type, else "". */
  private static String field(JsonProcessingException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return "field " + sb + ": ";
  }

  private static String where(Path file, JsonProcessingException e) {
    return e.getLocation() == null ? file + ": "
        : file + " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
  }
}
