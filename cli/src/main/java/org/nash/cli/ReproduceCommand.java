package org.nash.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nash.NashException;
import org.nash.analysis.compare.Summary;
import org.nash.analysis.output.Table;
import org.nash.analysis.scan.OpCombinations;
import org.nash.analysis.scan.OpScan;
import org.nash.analysis.scan.ScanOptions;
import org.nash.analysis.scan.ScanWriter;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.plan.Plan;
import org.nash.plan.Planner;
import org.nash.report.Report;
import org.nash.report.Study;
import org.nash.results.TrialsFile;
import org.nash.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nash reproduce STUDY}: runs a study's scans and search experiments (each part into its own
 * subfolder) and reports on all of them. Rerunning resumes the experiments and redoes the rest.
 */
@Command(name = "reproduce", description = {
    "Reproduce a study (configs/STUDY.yaml, e.g. lopes2023): operation-subset scans, search experiments and one"
        + " report (index.html); see docs/REPRODUCING.md. Rerunning resumes unfinished experiments."})
final class ReproduceCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Parameters(paramLabel = "STUDY", description = "study name, e.g. lopes2023 (reads configs/STUDY.yaml)")
  String study;

  @Option(names = "--config", paramLabel = "FILE", description = "study file (default: configs/STUDY.yaml)")
  Path config;

  @Option(names = "--out", description = "results folder (default: results/STUDY)")
  Path out;

  @Option(names = "--threads", description = "worker threads (default: the number of cores); never changes results")
  Integer threads;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @Option(names = "--first-seed", paramLabel = "N",
      description = "first seed of every experiment (default: the study's); another N runs another seed range")
  Integer firstSeed;

  @Option(names = "--blocks", paramLabel = "B",
      description = "disjoint seed blocks the claims are judged on (default: the study's 'blocks', lopes2023: 5)")
  Integer blocks;

  @Option(names = "--block-size", paramLabel = "S",
      description = "seeds per block: each experiment runs B x S seeds (default: its 'seeds', lopes2023: 5 x 200)")
  Integer blockSize;

  @Option(names = "--data", paramLabel = "DIR", description = "spot-check parts: the images (a folder holding the"
      + " official releases, e.g. cifar-10-batches-py, cifar-100-python, ImageNet16); default: the cache and the mirror")
  Path data;

  @Option(names = "--device", paramLabel = "cpu|gpu", description = "spot-check parts: where cells train; default cpu")
  String device;

  @Option(names = "--workers", paramLabel = "N",
      description = "spot-check parts: train in N worker processes, N cells at a time (default: one at a time here)")
  Integer workers;

  @Option(names = "--devices", split = ",", paramLabel = "K",
      description = "spot-check parts with --device gpu and --workers: the GPUs the workers go round robin over")
  List<Integer> devices = new ArrayList<>();

  @Option(names = "--store", paramLabel = "PATH", description = "spot-check parts: the result store of trained cells"
      + " (stored cells are read back); 'none' trains every cell; default $NASH_DATA/trained.sqlite")
  String store;

  @Option(names = "--torch-threads", paramLabel = "N", description = "spot-check parts: libtorch's CPU threads")
  Integer torchThreads;

  /** A part, checked and planned before anything runs. */
  private record Planned(Study.Part part, Path dir, Benchmark scanBenchmark, ScanOptions scan,
      Plan plan, int done) {}

  @Override
  public void run() {
    long t0 = System.nanoTime();
    Path file = config != null ? config : findStudy(study);
    Study s = Study.load(file);
    if (!s.name.equals(study)) {
      throw new NashException(file + " is the study '" + s.name + "', not '" + study + "'");
    }
    Path root = Cli.outFolder(out) != null ? out : Path.of("results", Cli.safeName(s.name, "the study's name"));
    int nBlocks = blocks != null ? blocks : s.blocks != null ? s.blocks : 1;
    if (nBlocks < 1) {
      throw new NashException("--blocks must be at least 1, got " + nBlocks);
    }
    if (blockSize != null && blockSize < 2) {
      throw new NashException("--block-size must be at least 2 seeds, got " + blockSize);
    }
    if (firstSeed != null && firstSeed < 0) {
      throw new NashException("--first-seed must be at least 0, got " + firstSeed);
    }
    for (Study.Part part : s.parts) {
      if (part.experiment() != null) {
        part.overrideSeeds(firstSeed, blockSize == null ? null : Math.multiplyExact(nBlocks, blockSize));
      }
    }
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new NashException("--threads must be at least 1, got " + n);
    }
    System.err.printf(Locale.ROOT, "%s: loading benchmarks and planning %d part(s)...%n", s.name, s.parts.size());
    List<Planned> parts = plan(s, root, file.toAbsolutePath().getParent());
    int total = parts.stream().mapToInt(p -> p.plan() == null ? 0 : p.plan().trials().size()).sum();
    int done = parts.stream().mapToInt(Planned::done).sum();
    System.err.printf(Locale.ROOT, "%s: %d part(s), %d trials (%d already done), %d thread(s) -> %s%n", s.name,
        parts.size(), total, done, n, root);

    for (Planned p : parts) {
      if (p.scan() != null) {
        long ts = System.nanoTime();
        // The operation-subset scan (nash scan), written and registered in the part's folder.
        var scanResult = OpScan.compute(p.scanBenchmark(), p.scan());
        int files = ScanWriter.write(scanResult, p.dir()).size();
        if (p.scanBenchmark().space() instanceof org.nash.space.CellSpace) {
          files += OpCombinations.write(OpCombinations.compute(p.scanBenchmark(), p.scan().datasets()), p.dir(),
              ScanWriter.section(scanResult)).size();
        }
        System.err.printf(Locale.ROOT, "scan %s: %d files in %s (%.1f s)%n", p.scanBenchmark().name(), files, p.dir(),
            (System.nanoTime() - ts) / 1e9);
      }
    }
    runExperiments(parts, total, done, n);
    List<String> verdicts = new ArrayList<>();
    for (int i = 0; i < s.parts.size(); i++) {
      Study.Part part = s.parts.get(i);
      if (part.spotcheck != null) {
        var r = SpotcheckStudyRun.run(part.spotcheck, file + ": parts[" + i + "].spotcheck", root.resolve(part.folder()),
            new SpotcheckStudyRun.Options(data, device, workers, devices, store, torchThreads), nash.catalog(),
            System.err);
        verdicts.add("== " + part.folder() + ": spot check on " + String.join(", ", part.spotcheck.datasets));
        verdicts.addAll(org.nash.analysis.spotcheck.SpotCheckStudyWriter.lines(r));
        r.paired().forEach(p -> verdicts.add(p.sentence()));
      }
    }
    System.err.println("report: analysing " + root + " ...");
    Report.Outcome o = Report.write(root, nash.catalog(), new Report.Options(s.title != null ? s.title : s.name, s.claims,
        org.nash.analysis.reliability.Reliability.Options.DEFAULT, nBlocks),
        quiet ? Report.NO_PROGRESS : ReportCommand::progress);
    o.warnings().forEach(w -> System.err.println("warning: " + w));
    for (Planned p : parts) {
      if (p.plan() != null) {
        System.out.println("== " + p.plan().experiment().name().orElse(p.part().folder()) + ": final budget");
        System.out.print(Summary.format(Summary.of(p.dir().resolve(TrialsFile.NAME))));
      }
      Path rel = p.dir().resolve(org.nash.analysis.reliability.ReliabilityReport.RELIABILITY.csv());
      if (Files.exists(rel)) {
        System.out.println("== " + p.part().folder() + ": reliability for comparing searchers");
        System.out.print(format(Table.readCsv(rel)));
      }
    }
    verdicts.forEach(System.out::println);
    Path claims = root.resolve(Report.CLAIMS);
    if (Files.exists(claims)) {
      System.out.println("== " + s.name + ": verdicts (" + nBlocks + " seed block(s))");
      System.out.print(format(Table.readCsv(claims)));
    }
    System.out.printf(Locale.ROOT, "%s reproduced in %.1f s: %d tables and figures in %s%n", s.name,
        (System.nanoTime() - t0) / 1e9, o.entries(), o.page());
  }

  /** Checks every part (config, benchmark, scan options) before anything is written. */
  private List<Planned> plan(Study s, Path root, Path studyFolder) {
    List<Planned> out = new ArrayList<>();
    for (Study.Part part : s.parts) {
      Path dir = root.resolve(part.folder());
      Benchmark sb = null;
      ScanOptions so = null;
      if (part.scan != null) {
        sb = Benchmarks.load(part.scanBenchmark(), nash.catalog());
        so = ScanOptions.resolve(sb, part.scan.datasets, part.scan.connectedOnly, part.scan.reference);
      }
      Plan plan = null;
      int done = 0;
      if (part.experiment() != null) {
        plan = Planner.plan(part.experiment(), nash.catalog(), nash.loader(), studyFolder);
        done = alreadyDone(plan, dir);
      }
      out.add(new Planned(part, dir, sb, so, plan, done));
    }
    return out;
  }

  private void runExperiments(List<Planned> parts, int total, int done, int threads) {
    Thread onInterrupt = RunCommand.interruptNote();
    try (Progress pb = Progress.start("trials", total, done, quiet || total == 0)) {
      int finished = done;
      for (Planned p : parts) {
        if (p.plan() == null) {
          continue;
        }
        pb.note(p.part().folder());
        pb.stepTo(finished);
        ExperimentRunner.Outcome o = ExperimentRunner.run(p.plan(), p.dir(), threads, r -> pb.step());
        finished += o.ran();
        if (o.repaired() != null) {
          System.err.println("repaired: " + o.repaired());
        }
        Summary.write(o.summary() != null ? Summary.of(o.summary()) : Summary.of(o.trials()), p.dir());
      }
    } finally {
      RunCommand.removeHook(onInterrupt);
      for (Planned p : parts) {
        if (p.plan() != null) {
          p.plan().close(); // stops what the oracles hold (training workers)
        }
      }
    }
  }

  /** Trials of the plan already in the folder (so the bar starts where a resumed run is). */
  private static int alreadyDone(Plan plan, Path dir) {
    return ExperimentRunner.alreadyDone(plan, dir);
  }

  /** configs/STUDY.yaml under the working directory, else beside the checkout the jar was built in. */
  static Path findStudy(String study) {
    if (!study.matches("[A-Za-z0-9._-]+")) {
      throw new NashException("study name '" + study + "' is not a plain name (e.g. lopes2023)");
    }
    Path local = Path.of("configs", study + ".yaml");
    if (Files.exists(local)) {
      return local;
    }
    try {
      // cli/target/nash.jar -> the checkout's configs/
      Path jar = Path.of(ReproduceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path beside = jar.getParent() == null || jar.getParent().getParent() == null ? null
          : jar.getParent().getParent().getParent();
      if (beside != null && Files.exists(beside.resolve("configs").resolve(study + ".yaml"))) {
        return beside.resolve("configs").resolve(study + ".yaml");
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no usable code location: fall through to the error below
    }
    throw new NashException("no study file " + local + " here; run from the nash checkout or pass --config FILE");
  }

  /** A CSV table in fixed-width columns. */
  static String format(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    List<String[]> shown = new ArrayList<>();
    for (String[] r : rows) {
      String[] c = new String[cols];
      for (int i = 0; i < cols; i++) {
        String v = i < r.length ? r[i] : "";
        c[i] = shorten(v);
        w[i] = Math.max(w[i], c[i].length());
      }
      shown.add(c);
    }
    StringBuilder sb = new StringBuilder();
    for (String[] c : shown) {
      for (int i = 0; i < cols; i++) {
        sb.append(String.format(Locale.ROOT, "%-" + w[i] + "s", c[i])).append(i + 1 < cols ? "  " : "\n");
      }
    }
    return sb.toString();
  }

  private static String shorten(String v) {
    if (!v.matches("-?[0-9]*\\.[0-9]+([eE][-+]?[0-9]+)?")) {
      return v;
    }
    double d = Double.parseDouble(v);
    return Math.abs(d) >= 0.001 || d == 0 ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.2e", d);
  }
}
