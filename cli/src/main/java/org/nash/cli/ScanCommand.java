package org.nash.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nash.analysis.scan.OpScan;
import org.nash.analysis.scan.ScanOptions;
import org.nash.analysis.scan.ScanResult;
import org.nash.analysis.scan.ScanSummary;
import org.nash.analysis.scan.ScanWriter;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nash scan}: the operation-importance scan over every operation subset, with tables and figures. */
@Command(name = "scan", description = "Scan every non-empty operation subset of a benchmark: per-subset statistics, "
    + "rank agreement between datasets, per-op analyses (Lopes et al. 2023); writes CSV, JSON, PNG and SVG.")
final class ScanCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--benchmark", required = true, description = "nb201 or tnb-micro")
  String benchmark;

  @Option(names = "--dataset", split = ",", paramLabel = "DS",
      description = "datasets or tasks to analyse, repeatable or comma-separated (default: nb201 cifar10,cifar100,ImageNet16-120; tnb-micro all 7)")
  List<String> datasets = new ArrayList<>();

  @Option(names = "--datasets", split = ",", hidden = true, description = "deprecated spelling of --dataset")
  List<String> datasetsOld = new ArrayList<>();

  @Option(names = "--reference", paramLabel = "DS",
      description = "dataset whose top-50 are ranked on the others (default: cifar10, else class_scene, else the first)")
  String reference;

  @Option(names = "--out", description = "results folder (default: results/scan-<benchmark>)")
  Path out;

  @Option(names = "--connected-only", description = "exclude cells with no input-to-output path from every subset")
  boolean connectedOnly;

  @Override
  public void run() {
    long t0 = System.nanoTime();
    // Everything is checked and computed before anything is written.
    List<String> ds = Cli.values("--dataset", datasets, "--datasets", datasetsOld, Cli.given(spec, "--dataset"),
        Cli.given(spec, "--datasets"));
    System.err.printf(Locale.ROOT, "scan: loading benchmark %s...%n", benchmark);
    Benchmark b = Benchmarks.load(benchmark, nash.catalog());
    ScanOptions o = ScanOptions.resolve(b, ds, connectedOnly, reference);
    Path dir = Cli.outFolder(out) != null ? out : Path.of("results", "scan-" + b.name());
    ScanResult r = OpScan.compute(b, o);
    int files = ScanWriter.write(r, dir).size();
    System.out.print(ScanSummary.format(r));
    if (b.note() != null) {
      System.out.println("note: " + b.note());
    }
    System.out.printf(Locale.ROOT, "%d tables, figures and data files (+ SVG twins) in %s, registered in %s; %.1f s%n",
        files, dir, "artifacts.json", (System.nanoTime() - t0) / 1e9);
  }
}
