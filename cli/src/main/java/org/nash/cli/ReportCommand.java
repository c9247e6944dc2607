package org.nash.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.nash.report.Report;
import picocli.CommandLine.Command;
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

  @Override
  public void run() {
    long t0 = System.nanoTime();
    Report.Outcome o = Report.write(dir, nash.catalog());
    o.warnings().forEach(w -> System.err.println("warning: " + w));
    for (Report.Experiment e : o.experiments()) {
      System.out.printf(Locale.ROOT, "%s: %d trials analysed%n", e.name(), e.trials().size());
    }
    System.out.printf(Locale.ROOT, "report: %d tables and figures in %s (%.1f s)%n", o.entries(), o.page(),
        (System.nanoTime() - t0) / 1e9);
  }
}
