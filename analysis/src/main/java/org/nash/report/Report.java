package org.nash.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.nash.NashException;
import org.nash.Provenance;
import org.nash.analysis.compare.ComparisonReport;
import org.nash.analysis.compare.Groups;
import org.nash.analysis.output.Artifacts;
import org.nash.analysis.output.Charts;
import org.nash.analysis.reliability.BlockReliability;
import org.nash.analysis.reliability.Reliability;
import org.nash.analysis.reliability.ReliabilityReport;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.data.DataCatalog;
import org.nash.io.Progress;
import org.nash.results.RecordCheck;
import org.nash.results.RunInfo;
import org.nash.results.SavedExperiment;
import org.nash.results.TrialsFile;
import org.nash.table.Unit;

/**
 * {@code nash report}: analyses the experiments of a results folder (its own {@code trials.jsonl}
 * and those of its immediate subfolders), registers the tables and figures in each experiment's
 * {@code artifacts.json}, and writes one self-contained {@code index.html} showing everything
 * registered in the folder and its subfolders (other analyses' artifacts, e.g. the op scan,
 * included). Every experiment is checked before anything is written: trials of another benchmark
 * data version than the one loaded here, or of mixed versions, are refused.
 */
public final class Report {
  public static final String PAGE = "index.html";
  /** The study's verdicts, one row per claim and a column per seed block (written beside the page). */
  public static final String CLAIMS = "claims.csv";

  /**
   * One experiment folder, read and checked. {@code groups} holds a few numbers per trial, grouped,
   * and streams the trials file again for analyses of trajectories; {@code problem} is a skipped bad
   * last line or dropped duplicates, or null; {@code saved} the folder's config.yaml and run.json, if it
   * has them.
   */
  /**
   * @param dir where its analyses are written: the results folder, or the same place under a
   *     report's {@code --out} (the trials are then read where they are, never copied)
   * @param trials the trials file its groups were read from
   */
  public record Experiment(Path dir, String relative, String name, Benchmark benchmark, Groups groups,
      String problem, Map<String, String> searcherNames, Optional<SavedExperiment> saved, Path trials) {

    /** The same experiment, its analyses written under {@code outRoot}. */
    Experiment writtenUnder(Path outRoot) {
      return new Experiment(relative.isEmpty() ? outRoot : outRoot.resolve(relative), relative, name, benchmark, groups,
          problem, searcherNames, saved, trials);
    }

    /** Trials analysed (complete, checked, each trial once). */
    public int trialCount() {
      return groups.size();
    }
  }

  public record Outcome(Path page, List<Experiment> experiments, List<String> warnings, int entries) {}

  private Report() {}

  /**
   * What the report is asked for. {@code title}: the page's title (null: an experiment config's
   * {@code title}, else the folder's name); {@code claims}: the ids of the claims of a reproduced
   * study the page checks (null or empty: none); {@code compare}: which searchers the reliability analysis compares and its
   * reference dataset.
   */
  public record Options(String title, List<String> claims, Reliability.Options compare, int blocks,
      List<String> candidates, PaperExports.Options paper) {
    public static final Options DEFAULT = new Options(null, null, Reliability.Options.DEFAULT);

    public Options(String title, List<String> claims) {
      this(title, claims, Reliability.Options.DEFAULT);
    }

    public Options(String title, List<String> claims, Reliability.Options compare) {
      this(title, claims, compare, 1);
    }

    /** {@code blocks}: disjoint seed blocks of the reliability analysis (1: all seeds only). */
    public Options(String title, List<String> claims, Reliability.Options compare, int blocks) {
      this(title, claims, compare, blocks, List.of(), PaperExports.Options.DEFAULT);
    }
  }

  /** Analyses every experiment under {@code dir} and writes the page. */
  public static Outcome write(Path dir, DataCatalog catalog) {
    return write(dir, catalog, Options.DEFAULT, NO_PROGRESS);
  }

  /** No progress output (tests, library use). */
  public static final Progress.Factory NO_PROGRESS = (task, total, unit) -> new Progress() {
    @Override
    public void advance(long amount) {}

    @Override
    public void close() {}
  };

  /** {@link #write(Path, DataCatalog)}, reporting each pass over a trials file to {@code progress}. */
  public static Outcome write(Path dir, DataCatalog catalog, Progress.Factory progress) {
    return write(dir, catalog, Options.DEFAULT, progress);
  }

  public static Outcome write(Path dir, DataCatalog catalog, Options options, Progress.Factory progress) {
    return write(dir, dir, catalog, options, progress);
  }

  /**
   * Analyses the experiments of {@code in} and writes the report into {@code out}: every option is
   * checked before anything is written; the results' small files (config.yaml, run.json, summaries,
   * registered artifacts such as op scans) are copied beside the report, the trials are read where
   * they are.
   */
  public static Outcome write(Path in, Path out, DataCatalog catalog, Options options, Progress.Factory progress) {
    List<Experiment> exps = load(in, catalog, progress);
    Path dir = out;
    List<String> warnings = new ArrayList<>();
    Charts.Style style = style(exps);
    check(options.compare(), exps);
    CandidateSection.check(options, exps);
    Reliability.Options pairs = CandidateSection.pairs(options, exps);
    if (!sameFolder(in, out)) {
      copyCompanions(in, out);
      exps = exps.stream().map(e -> e.writtenUnder(out)).toList();
    }
    for (Experiment e : exps) {
      if (e.problem() != null) {
        warnings.add(e.problem());
      }
      if (e.groups().isEmpty()) {
        warnings.add(e.dir().resolve(TrialsFile.NAME) + ": no complete trial to analyse");
        continue;
      }
      analyse(e, style, pairs, options.blocks(), progress);
      CandidateSection.analyse(e, options, style);
    }
    String title = options.title() != null ? options.title() : title(dir, exps);
    List<String> claims = options.claims() == null ? List.of() : options.claims();
    int entries = HtmlPage.write(dir, new HtmlPage.Page(title, describe(exps), warnings, claims));
    return new Outcome(dir.resolve(PAGE), exps, warnings, entries);
  }

  /**
   * Runs the analyses with the report's figure style and searcher pairs, reporting to {@code
   * progress} the passes over the trials file (the curves') and the reliability analyses (one step
   * per dataset: bootstraps and seeds to significance).
   */
  public static void analyse(Experiment e, Charts.Style style, Reliability.Options pairs, Progress.Factory progress) {
    analyse(e, style, pairs, 1, progress);
  }

  /** The same, with the pair reliability on all seeds and on {@code blocks} disjoint seed blocks. */
  public static void analyse(Experiment e, Charts.Style style, Reliability.Options pairs, int blocks,
      Progress.Factory progress) {
    List<Artifacts.Entry> compare = ComparisonReport.write(e.groups(), e.dir(), e.name() + ": search comparison",
        style, ds -> unit(e.benchmark(), ds));
    compare = new ArrayList<>(compare);
    compare.addAll(org.nash.analysis.compare.ExtendedPools.write(e.groups(), // issue 24
        e.benchmark() == null ? null : e.benchmark().space(), e.dir(), e.name() + ": search comparison"));
    Artifacts.replace(e.dir(), ComparisonReport.DIR + "/", compare);
    Reliability.Result r;
    try (Progress p = progress.start("reliability (" + e.name() + ")", e.groups().datasets().size(), "datasets")) {
      r = Reliability.of(e.groups(), e.benchmark(), e.searcherNames(), pairs, p);
    }
    List<Artifacts.Entry> rel = new ArrayList<>(
        ReliabilityReport.write(r, e.dir(), e.name() + ": reliability for comparing searchers"));
    rel.addAll(BlockReliability.write(BlockReliability.of(e.groups(), e.searcherNames(), blocks), e.dir(),
        e.name() + ": reliability for comparing searchers"));
    Artifacts.replace(e.dir(), ReliabilityReport.DIR + "/", rel);
  }

  /** Refuses a --baseline, --pair or --reference that names no searcher or dataset of any experiment. */
  static void check(Reliability.Options o, List<Experiment> exps) {
    TreeSet<String> known = new TreeSet<>();
    TreeSet<String> datasets = new TreeSet<>();
    for (Experiment e : exps) {
      for (String ds : e.groups().datasets()) {
        datasets.add(ds);
        for (String s : e.groups().searchers(ds)) {
          known.add(s);
          known.add(e.searcherNames().getOrDefault(s, s));
        }
      }
    }
    List<String> asked = new ArrayList<>();
    if (o.baseline() != null) {
      asked.add(o.baseline());
    }
    o.pairs().forEach(asked::addAll);
    for (String a : asked) {
      if (!known.contains(a)) {
        throw new NashException("no searcher labelled or named '" + a + "' in these results; searchers: "
            + String.join(", ", known));
      }
    }
    if (o.reference() != null && !datasets.contains(o.reference())) {
      throw new NashException("--reference " + o.reference() + ": no such dataset in these results; datasets: "
          + String.join(", ", datasets));
    }
  }

  /** One colour per searcher label and one dash per pool over all experiments of the report. */
  static Charts.Style style(List<Experiment> exps) {
    TreeSet<String> searchers = new TreeSet<>();
    TreeSet<String> pools = new TreeSet<>();
    for (Experiment e : exps) {
      for (String ds : e.groups().datasets()) {
        searchers.addAll(e.groups().searchers(ds));
        pools.addAll(e.groups().pools(ds));
      }
    }
    return Charts.Style.of(searchers, pools);
  }

  /** The unit of a dataset's reported column, or null when the benchmark does not know the dataset. */
  static Unit unit(Benchmark b, String dataset) {
    try {
      return b.table().column(b.objective(dataset).reportedKey()).info().unit();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Finds and reads the experiments of a folder (itself and its immediate subfolders holding a
   * {@code trials.jsonl}) and checks each against the benchmark data here. Writes nothing.
   */
  public static List<Experiment> load(Path dir, DataCatalog catalog) {
    return load(dir, catalog, NO_PROGRESS);
  }

  /** {@link #load(Path, DataCatalog)} with progress of the reading. */
  public static List<Experiment> load(Path dir, DataCatalog catalog, Progress.Factory progress) {
    if (!Files.isDirectory(dir)) {
      throw new NashException("results folder " + dir + " does not exist");
    }
    List<Path> folders = new ArrayList<>();
    if (Files.exists(dir.resolve(TrialsFile.NAME))) {
      folders.add(dir);
    }
    for (Path sub : subfolders(dir)) {
      if (Files.exists(sub.resolve(TrialsFile.NAME))) {
        folders.add(sub);
      }
    }
    if (folders.isEmpty() && !hasArtifacts(dir)) {
      throw new NashException("nothing to report in " + dir + ": it has no " + TrialsFile.NAME + " (nor a subfolder"
          + " with one) and no " + Artifacts.NAME + "; run 'nash run CONFIG --out " + dir + "' first");
    }
    List<Experiment> out = new ArrayList<>();
    for (Path f : folders) {
      out.add(read(dir, f, catalog, progress));
    }
    return out;
  }

  private static Experiment read(Path root, Path dir, DataCatalog catalog, Progress.Factory progress) {
    Path file = dir.resolve(TrialsFile.NAME);
    // Records must belong to the folder's experiment: its grid and settings (duplicates count once).
    Optional<SavedExperiment> saved = SavedExperiment.read(dir);
    org.nash.config.Experiment savedCfg = saved.map(SavedExperiment::experiment).orElse(null);
    RecordCheck check = savedCfg == null ? null : RecordCheck.of(savedCfg, Benchmarks.load(savedCfg.benchmark(), catalog),
        Report.class.getClassLoader());
    String where = root.equals(dir) ? TrialsFile.NAME : root.relativize(file).toString();
    TrialSource source = new TrialSource(file, where, check, progress);
    // The first pass: the record check, duplicates, and every group's final values.
    Groups groups = new Groups(source);
    TreeSet<String> benchmarks = source.benchmarks;
    TreeSet<String> versions = source.versions;
    if (benchmarks.size() > 1) {
      throw new NashException(file + " mixes trials of benchmarks " + String.join(", ", benchmarks)
          + "; one results folder must hold one experiment");
    }
    if (versions.size() > 1) {
      throw new NashException(file + " mixes trials of benchmark data versions " + String.join(", ", versions)
          + "; results of different data cannot be compared. Rerun the experiment into a fresh folder");
    }
    Map<String, String> names = new LinkedHashMap<>();
    String name = root.equals(dir) ? dir.toAbsolutePath().normalize().getFileName().toString()
        : dir.getFileName().toString();
    if (savedCfg != null) {
      savedCfg.searchers().forEach(s -> names.put(s.label(), s.name()));
      name = savedCfg.name().orElse(name);
    }
    Benchmark b = null;
    if (!benchmarks.isEmpty()) {
      b = Benchmarks.load(benchmarks.first(), catalog);
      String v = versions.first();
      if (!v.equals(b.version())) {
        throw new NashException(file + " was made with " + b.name() + " data version " + v + ", but the data here"
            + " is version " + b.version() + "; results of different data cannot be analysed together. Rerun the"
            + " experiment with this data (nash run CONFIG --out NEW_FOLDER), or report with the data it was made"
            + " with");
      }
    }
    String rel = root.equals(dir) ? "" : root.relativize(dir).toString();
    return new Experiment(dir, rel, name, b, groups, source.problem(), names, saved, file);
  }

  /** Whether two paths name the same folder (after making them absolute and normal). */
  public static boolean sameFolder(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /**
   * Copies what a report shows besides the trials: every file of the results folder and its
   * subfolders except trials files, shard folders, training stores and locks.
   */
  private static void copyCompanions(Path from, Path to) {
    Path src = from.toAbsolutePath().normalize();
    Path dst = to.toAbsolutePath().normalize();
    if (dst.startsWith(src)) {
      throw new NashException("--out " + to + " lies inside " + from + "; give a folder outside it");
    }
    if (Files.exists(dst) && !Files.isDirectory(dst)) {
      throw new NashException("--out " + to + " is a file, not a folder");
    }
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = src.relativize(f);
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        boolean skip = rel.getNameCount() > 0 && (name.equals(TrialsFile.NAME) || name.startsWith(".nash")
            || name.endsWith(".db") || name.endsWith(".db-wal") || name.endsWith(".db-shm")
            || java.util.stream.IntStream.range(0, rel.getNameCount()).anyMatch(i -> rel.getName(i).toString().equals("shards")));
        if (skip) {
          continue;
        }
        Path d = dst.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(d);
        } else if (Files.isRegularFile(f)) {
          Files.copy(f, d, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new NashException("cannot copy the results' files from " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  static List<Path> subfolders(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new NashException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasArtifacts(Path dir) {
    if (Files.exists(dir.resolve(Artifacts.NAME))) {
      return true;
    }
    return subfolders(dir).stream().anyMatch(s -> Files.exists(s.resolve(Artifacts.NAME)));
  }

  /** The first experiment config's {@code title}, else the folder's name. */
  static String title(Path dir, List<Experiment> exps) {
    for (Experiment e : exps) {
      Optional<String> t = e.saved().flatMap(s -> s.experiment().title());
      if (t.isPresent()) {
        return t.get();
      }
    }
    return "nash report: " + dir.toAbsolutePath().normalize().getFileName();
  }

  /** What wrote the results: the last session of the folder's run.json, if it has one. */
  private static String writtenBy(Experiment e) {
    return e.saved().flatMap(SavedExperiment::run).filter(r -> !r.sessions().isEmpty())
        .map(r -> "; results written by " + r.sessions().get(r.sessions().size() - 1).line()).orElse("");
  }

  /**
   * The code behind each searcher (run.json), and every change of it the user accepted: a result a
   * paper quotes names the method's files, not only its label.
   */
  private static String searcherCode(Experiment e) {
    Optional<RunInfo> run = e.saved().flatMap(SavedExperiment::run);
    if (run.isEmpty() || run.get().searchers().isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    run.get().searchers().forEach((label, id) -> parts.add(label + " = " + id.summary()));
    StringBuilder sb = new StringBuilder("; searchers: ").append(String.join(", ", parts));
    for (RunInfo.SearcherChange c : run.get().searcherChanges()) {
      sb.append("; CHANGED CODE: searcher ").append(c.searcher()).append(" after the first ").append(c.recordsBefore())
          .append(" records (accepted in session ").append(c.session()).append(": ").append(String.join("; ", c.changes()))
          .append(')');
    }
    return sb.toString();
  }

  private static List<String> describe(List<Experiment> exps) {
    List<String> out = new ArrayList<>();
    for (Experiment e : exps) {
      String where = e.relative().isEmpty() ? "this folder" : e.relative() + "/";
      if (e.benchmark() == null) {
        out.add(e.name() + " (" + where + "): no complete trials");
        continue;
      }
      Groups g = e.groups();
      out.add(e.name() + " (" + where + "): " + g.size() + " trials of " + e.benchmark().name() + " (data version "
          + e.benchmark().version() + ") on " + g.datasets().size() + " dataset(s); search signal "
          + String.join(", ", g.signals()) + "; reported " + String.join(", ", g.reportedKeys())
          + (g.anyCostEstimated() ? "; some simulated costs are ESTIMATED" : "")
          + (e.benchmark().note() != null ? "; note: " + e.benchmark().note() : "")
          + writtenBy(e) + searcherCode(e)
          + (e.trials().getParent().equals(e.dir()) ? "" : "; trials read from " + e.trials().toAbsolutePath().normalize()));
    }
    out.add("this report: " + Provenance.current().line());
    return out;
  }
}
