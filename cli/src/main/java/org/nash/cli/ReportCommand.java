package org.nash.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.stream.Stream;
import org.nash.NashException;
import org.nash.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nash report RESULTS_DIR}: analyses, tables, figures and one self-contained HTML page. */
@Command(name = "report", description = {
    "Analyse the trials of a results folder (and of its immediate subfolders): search comparison and"
        + " reliability tables (CSV, JSON) and figures (PNG, SVG), registered in artifacts.json, and one"
        + " self-contained index.html showing every registered table and figure (op scans included)."})
final class ReportCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Parameters(paramLabel = "RESULTS_DIR", description = "a folder written by 'nash run' (or 'nash reproduce')")
  Path dir;

  @Option(names = "--out", paramLabel = "DIR",
      description = "write the report into DIR (a copy of RESULTS_DIR's files), leaving RESULTS_DIR untouched; default: RESULTS_DIR itself")
  Path out;

  @Override
  public void run() {
    long t0 = System.nanoTime();
    Path target = dir;
    if (out != null && !sameFolder(out, dir)) {
      copyTree(dir, out);
      target = out;
    }
    Report.Outcome o = Report.write(target, nash.catalog(), ReportCommand::progress);
    o.warnings().forEach(w -> System.err.println("warning: " + w));
    for (Report.Experiment e : o.experiments()) {
      System.out.printf(Locale.ROOT, "%s: %d trials analysed%n", e.name(), e.trialCount());
    }
    System.out.printf(Locale.ROOT, "report: %d tables and figures in %s (%.1f s)%n", o.entries(), o.page(),
        (System.nanoTime() - t0) / 1e9);
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

  private static boolean sameFolder(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** The results' files (trials, configs, registered artifacts) copied so the report can sit beside them. */
  private static void copyTree(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      throw new NashException("results folder " + from + " does not exist");
    }
    Path src = from.toAbsolutePath().normalize();
    Path dst = to.toAbsolutePath().normalize();
    if (dst.startsWith(src)) {
      throw new NashException("--out " + to + " lies inside " + from + "; give a folder outside it");
    }
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path d = dst.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(d);
        } else if (Files.isRegularFile(f)) {
          Files.copy(f, d, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new NashException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }
}
