package org.nash.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nash.NashException;
import org.nash.analysis.output.Artifacts;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.data.DataCatalog;
import org.nash.io.AtomicFiles;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;
import org.nash.surrogate.EvalReport;
import org.nash.surrogate.Evaluation;
import org.nash.surrogate.LabelledArchs;
import org.nash.surrogate.Surrogate;
import org.nash.surrogate.SurrogateData;
import org.nash.surrogate.encoding.Encoding;
import org.nash.surrogate.encoding.Encodings;
import org.nash.surrogate.model.GbtEnsemble;
import org.nash.surrogate.model.GbtParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code nash surrogate fit|eval}: train tree-ensemble predictors on a benchmark and measure them. */
@Command(name = "surrogate", mixinStandardHelpOptions = true, description = "Fit and evaluate learned predictors (XGBoost ensembles) on benchmark data.",
    subcommands = {SurrogateCommand.Fit.class, SurrogateCommand.Eval.class})
public final class SurrogateCommand implements Runnable {
  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required: fit or eval");
  }

  /** What to learn and how: shared by fit and eval. */
  static final class Setup {
    @Option(names = "--benchmark", required = true, description = "nb201, tnb-micro, tnb-macro or nb101")
    String benchmark;

    @Option(names = "--dataset", description = "dataset or task (default: the benchmark's first)")
    String dataset;

    @Option(names = "--target", description = "reported (default: e.g. NB201 200-epoch test accuracy) or signal (the search signal)")
    String target;

    @Option(names = "--fidelity", description = "fidelity of the signal target (NB201: hp12 or hp200)")
    String fidelity;

    @Option(names = "--train-size", defaultValue = "1000", description = "training architectures (default: ${DEFAULT-VALUE})")
    int trainSize;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the training draw and the fit (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--encoding", description = "feature encoding (default: the space's first; see the error for the list)")
    String encoding;

    @Option(names = "--models", description = "ensemble members, each on a bootstrap sample (default: 5)")
    Integer models;

    @Option(names = "--rounds", description = "boosting rounds per member (default: 500)")
    Integer rounds;

    @Option(names = "--max-depth", description = "tree depth (default: 6)")
    Integer maxDepth;

    @Option(names = "--eta", description = "learning rate (default: 0.05)")
    Double eta;

    @Option(names = "--out", description = "output folder (default: results/surrogate-<benchmark>-<dataset>-<target>)")
    Path out;

    private String resolvedDataset;
    private String resolvedTarget;

    GbtParams params() {
      GbtParams d = GbtParams.DEFAULT;
      return new GbtParams(models != null ? models : d.models(), rounds != null ? rounds : d.rounds(),
          maxDepth != null ? maxDepth : d.maxDepth(), eta != null ? eta : d.eta(), d.minChildWeight(), d.colsample());
    }

    LabelledArchs data(DataCatalog catalog) {
      Benchmark b = Benchmarks.load(benchmark, catalog);
      if (b.note() != null) {
        System.out.println("note: " + b.note());
      }
      resolvedDataset = dataset != null ? dataset : b.datasets().get(0);
      SurrogateData.Target t = SurrogateData.Target.parse(target);
      resolvedTarget = t.name().toLowerCase(Locale.ROOT);
      return SurrogateData.fromTable(b, SurrogateData.columnKey(b, resolvedDataset, t, fidelity));
    }

    Encoding encoding(SearchSpace space) {
      return Encodings.of(space, encoding);
    }

    Path outDir() {
      return Cli.outFolder(out) != null ? out : Path.of("results", "surrogate-" + benchmark + "-" + resolvedDataset + "-" + resolvedTarget);
    }
  }

  /** {@code nash surrogate eval}: held-out metrics and a learning curve. */
  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Train on --train-size random architectures and measure the predictor on every held-out one; "
      + "then a learning curve (CSV + PNG/SVG).")
  static final class Eval implements Runnable {
    @Mixin
    Setup setup;

    @Option(names = "--curve", split = ",", defaultValue = "100,200,500,1000,2000,5000",
        description = "training sizes of the learning curve (default: ${DEFAULT-VALUE}); sizes the data cannot hold are skipped")
    List<Integer> curve;

    @Option(names = "--no-curve", description = "skip the learning curve")
    boolean noCurve;

    @Option(names = "--curve-seeds", defaultValue = "1", description = "fits per curve size, seeds --seed, --seed+1, ... (default: ${DEFAULT-VALUE})")
    int curveSeeds;

    @Override
    public void run() {
      LabelledArchs data = setup.data(DataCatalog.fromEnvironment());
      Encoding enc = setup.encoding(data.space());
      GbtParams params = setup.params();
      if (curveSeeds < 1) {
        throw new NashException("--curve-seeds must be at least 1, got " + curveSeeds);
      }
      System.out.printf(Locale.ROOT, "%s: %d architectures with a value; %s on %s features (%d)%n", data.label(),
          data.size(), params, enc.name(), enc.dim());
      Evaluation main = Evaluation.run(data, enc, params, setup.trainSize, setup.seed);
      System.out.print(EvalReport.format(main));
      List<Evaluation> points = new ArrayList<>();
      if (!noCurve) {
        for (int n : curve) {
          if (n < 2 || n > data.size() - 2) {
            System.out.printf(Locale.ROOT, "curve: skipping %d (needs 2 <= size <= %d)%n", n, data.size() - 2);
            continue;
          }
          for (int s = 0; s < curveSeeds; s++) {
            Evaluation e = n == main.trainSize() && s == 0 ? main : Evaluation.run(data, enc, params, n, setup.seed + s);
            points.add(e);
            System.out.printf(Locale.ROOT, "curve %5d (seed %d): %s%n", n, e.seed(), e.heldOut().format());
          }
        }
      }
      Path dir = setup.outDir();
      for (Path p : EvalReport.write(dir, data.label(), main, points)) {
        System.out.println("wrote " + p);
      }
    }
  }

  /** {@code nash surrogate fit}: fit once and predict the whole space. */
  @Command(name = "fit", mixinStandardHelpOptions = true, description = "Train on --train-size random architectures, predict every architecture of the space "
      + "and list the best predicted (with the true value where the data has one).")
  static final class Fit implements Runnable {
    @Mixin
    Setup setup;

    @Option(names = "--top", defaultValue = "20", description = "architectures to list (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    public void run() {
      LabelledArchs data = setup.data(DataCatalog.fromEnvironment());
      SearchSpace space = data.space();
      LabelledArchs train = data.split(setup.trainSize, setup.seed, 0).train();
      long t0 = System.nanoTime();
      Surrogate s = Surrogate.fit(train, setup.encoding(space), setup.params(), setup.seed);
      System.out.printf(Locale.ROOT, "fitted %s in %.1f s%n", s.describe(), (System.nanoTime() - t0) / 1e9);
      try {
        GbtEnsemble.Prediction fitted = s.predict(train.archs());
        System.out.println("  on its training set: " + org.nash.surrogate.Metrics.of(train.values(), fitted.mean()).format());
        List<Arch> all = IntStream.range(0, space.size()).mapToObj(space::byIndex).toList();
        t0 = System.nanoTime();
        GbtEnsemble.Prediction p = s.predictBatched(all, 20_000);
        System.out.printf(Locale.ROOT, "predicted all %d architectures of %s in %.1f s%n", all.size(), space.name(),
            (System.nanoTime() - t0) / 1e9);
        writeTop(space, data, train, p);
      } finally {
        s.dispose();
      }
    }

    private void writeTop(SearchSpace space, LabelledArchs data, LabelledArchs train, GbtEnsemble.Prediction p) {
      double[] known = new double[space.size()];
      Arrays.fill(known, Double.NaN);
      for (int i = 0; i < data.size(); i++) {
        known[data.archs().get(i).index()] = data.values()[i];
      }
      java.util.Set<Arch> trained = new java.util.HashSet<>(train.archs());
      double[] m = p.mean();
      Integer[] order = IntStream.range(0, m.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -m[i]).thenComparingInt(i -> i));
      double[] sorted = m.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "predicted values: min %.3f, median %.3f, max %.3f; training values max %.3f%n",
          sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1],
          Arrays.stream(train.values()).max().orElseThrow());
      StringBuilder csv = new StringBuilder("rank,index,arch,predicted,spread,in_training,true_value\n");
      System.out.println("rank  index    predicted  spread  train  true   arch");
      for (int r = 0; r < Math.min(top, order.length); r++) {
        int i = order[r];
        Arch a = space.byIndex(i);
        boolean inTrain = trained.contains(a);
        csv.append(org.nash.analysis.output.CsvWriter.line(r + 1, i, a.toString(), m[i], p.sd()[i], inTrain, known[i]));
        System.out.printf(Locale.ROOT, "%4d  %-7d  %9.3f  %6.3f  %-5s  %-6s %s%n", r + 1, i, m[i], p.sd()[i], inTrain ? "yes" : "no",
            Double.isNaN(known[i]) ? "-" : String.format(Locale.ROOT, "%.2f", known[i]), a);
      }
      Path dir = setup.outDir();
      Path f = dir.resolve("predicted-top.csv");
      AtomicFiles.writeAtomically(f, csv.toString());
      Artifacts.register(dir, List.of(new Artifacts.Entry("predicted-top.csv", "table", "surrogate",
          "Best predicted architectures: " + data.label(), "All " + space.size() + " architectures of " + space.name()
              + " predicted by the surrogate trained on " + train.size() + " of them (seed " + setup.seed
              + "); true_value is empty where the data has none.")));
      System.out.println("wrote " + f);
    }
  }
}
