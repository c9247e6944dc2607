package org.nash.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.nash.NashException;
import org.nash.analysis.reliability.Reliability;
import org.nash.report.Report;
import org.nash.results.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nash report RESULTS_DIR}: findings, analyses, tables, figures and one HTML page. */
@Command(name = "report", description = {
    "Analyse the trials of a results folder (and of its immediate subfolders): search comparison and"
        + " reliability tables (CSV, JSON) and figures (PNG at 2x, SVG), registered in artifacts.json, and an"
        + " index.html that opens with the findings and shows every registered table and figure (op scans"
        + " included); the page links the figures of the folder."})
final class ReportCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Parameters(paramLabel = "RESULTS_DIR", description = "a folder written by 'nash run' (or 'nash reproduce')")
  Path dir;

  @Option(names = "--out", paramLabel = "DIR",
      description = "write the report into DIR, leaving RESULTS_DIR untouched (its trials are read where they are; its"
          + " config, run.json, summaries and registered artifacts are copied beside the report); default: RESULTS_DIR itself")
  Path out;

  @Option(names = "--baseline", paramLabel = "LABEL",
      description = "compare every searcher against this one (label or searcher name) in the reliability analysis"
          + " (p, Cliff's delta, seeds needed); default: re vs rs when both ran, else each against the first")
  String baseline;

  @Option(names = "--pair", paramLabel = "A,B",
      description = "compare searcher A against B (labels or names); repeatable; with --baseline, these come first")
  List<String> pairs = new ArrayList<>();

  @Option(names = "--reference", paramLabel = "DATASET",
      description = "dataset whose found architectures are looked up on the other datasets (transfer);"
          + " default: cifar10 (or cifar10-valid) when run")
  String reference;

  @Option(names = "--blocks", paramLabel = "B",
      description = "also analyse the reliability on B disjoint blocks of consecutive seeds (default 1: all seeds)")
  int blocks = 1;

  @Option(names = "--candidate", paramLabel = "LABEL", split = ",",
      description = "the method under test (label or searcher name; repeatable): the page opens with its verdict against"
          + " every other searcher (Holm over all its comparisons, Cliff's delta, wins/ties/losses, average ranks with"
          + " Friedman and a critical-difference diagram, seeds needed against the strongest baseline, the budget from"
          + " which it is better), and the paper tables mark significant differences against it")
  List<String> candidates = new ArrayList<>();

  @Option(names = "--searchers", paramLabel = "A,B,...", split = ",",
      description = "the searchers of the paper tables and figures and of the verdict, in this order (labels or names);"
          + " default: all, in the config's order, candidates last")
  List<String> searchers = new ArrayList<>();

  @Option(names = "--label", paramLabel = "LABEL=NAME",
      description = "show searcher LABEL as NAME in the paper tables and figures, e.g. --label rea=REA --label mine=Ours;"
          + " repeatable")
  List<String> labels = new ArrayList<>();

  @Option(names = "--title", paramLabel = "TEXT",
      description = "title of the page; default: the experiment config's 'title', else the folder's name")
  String title;

  @Override
  public void run() {
    long t0 = System.nanoTime();
    List<List<String>> parsed = new ArrayList<>();
    for (String p : pairs) {
      String[] ab = p.split(",", -1);
      if (ab.length != 2 || ab[0].isBlank() || ab[1].isBlank() || ab[0].trim().equals(ab[1].trim())) {
        throw new NashException("--pair " + p + ": expected two different searchers, e.g. --pair re,rs");
      }
      parsed.add(List.of(ab[0].trim(), ab[1].trim()));
    }
    if (blocks < 1) {
      throw new NashException("--blocks must be at least 1, got " + blocks);
    }
    java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq <= 0 || eq == l.length() - 1) {
        throw new NashException("--label " + l + ": expected LABEL=NAME, e.g. --label mine=Ours");
      }
      names.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
    }
    Report.Options options = new Report.Options(title, null, new Reliability.Options(baseline, parsed, reference), blocks,
        candidates.stream().map(String::trim).filter(c -> !c.isEmpty()).distinct().toList(),
        new org.nash.report.PaperExports.Options(searchers.stream().map(String::trim).filter(c -> !c.isEmpty())
            .distinct().toList(), names));
    Path target = Cli.outFolder(out) != null ? out : dir;
    if (!Files.isDirectory(dir)) {
      throw new NashException("results folder " + dir + " does not exist");
    }
    if (out != null && !Report.sameFolder(out, dir)) {
      requireMerged(dir);
    } else {
      mergeShards(dir);
    }
    Report.Outcome o = Report.write(dir, target, nash.catalog(), options, ReportCommand::progress);
    o.warnings().forEach(w -> System.err.println("warning: " + w));
    for (Report.Experiment e : o.experiments()) {
      System.out.printf(Locale.ROOT, "%s: %d trials analysed%n", e.name(), e.trialCount());
    }
    System.out.printf(Locale.ROOT, "report: %d tables and figures in %s (%.1f s)%n", o.entries(), o.page(),
        (System.nanoTime() - t0) / 1e9);
  }

  /** The sharded runs in the folder (itself, its immediate subfolders) are merged first; a no-op once merged. */
  private void mergeShards(Path root) {
    for (Path f : foldersOf(root)) {
      if (!ShardMerge.shardsIn(f).isEmpty()) {
        ShardMerge.Outcome m = ShardMerge.merge(f, nash.catalog(), nash.loader());
        if (!m.unchanged()) {
          System.err.printf(Locale.ROOT, "merged %d shards into %s%n", m.shards(), m.trials());
        }
      }
    }
  }

  /** With --out, RESULTS_DIR stays untouched: its shards must have been merged already. */
  private static void requireMerged(Path root) {
    for (Path f : foldersOf(root)) {
      if (!ShardMerge.shardsIn(f).isEmpty() && !Files.exists(f.resolve(org.nash.results.TrialsFile.NAME))) {
        throw new NashException(f + " holds shards that are not merged yet, and --out leaves " + root + " untouched;"
            + " merge them first (nash merge " + f + "), or report without --out (which merges them)");
      }
    }
  }

  private static List<Path> foldersOf(Path root) {
    List<Path> folders = new ArrayList<>(List.of(root));
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals(ShardMerge.SHARDS)).sorted()
          .forEach(folders::add);
    } catch (IOException e) {
      throw new NashException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return folders;
  }

  /** Progress of one pass of the report, shown only once it has taken more than a second. */
  static org.nash.io.Progress progress(String task, long total, String unit) {
    long start = System.nanoTime();
    return new org.nash.io.Progress() {
      private Progress shown;
      private long done;

      @Override
      public void advance(long amount) {
        done += amount;
        if (shown != null) {
          shown.advance(amount);
        } else if (System.nanoTime() - start > 1_000_000_000L) {
          shown = Progress.start(task, total, done, false);
        }
      }

      @Override
      public void close() {
        if (shown != null) {
          shown.close();
        }
      }
    };
  }
}
