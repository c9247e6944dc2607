package org.nash.surrogate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.nb101.Nb101Space;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.search.Params;
import org.nash.space.Arch;
import org.nash.surrogate.encoding.Encoding;
import org.nash.surrogate.encoding.Encodings;
import org.nash.surrogate.model.GbtParams;
import org.nash.table.Column;

/**
 * Answers any architecture of a space from surrogates fitted once, on {@code train_size}
 * architectures drawn with {@code seed}: the search signal is the signal model's ensemble mean
 * (plus, with {@code noise: true}, a draw from N(0, spread^2) of the ensemble spread, and the
 * config's {@code noise_sd}), both from the trial's generator. The reported value is predicted by a
 * second model of the reported column ({@code reported: predicted}, the default, so a whole trial
 * lives in the surrogate's world), or read from the table for architectures it holds
 * ({@code reported: table}, to measure what searching on the surrogate yields in truth). Every
 * observation is labelled predicted. Cost: the benchmark's cost model where it has one.
 *
 * <p>NB101 has no table: both values come from one model of the 500-arch sample's 108-epoch
 * validation accuracy (the sample has no test accuracy), trained on all its cells by default.
 */
public final class SurrogateOracle implements Oracle {
  private final String what;
  private final Surrogate signal;
  private final Surrogate reported;
  private final Column reportedColumn;
  private final CostModel cost;
  private final String fidelity;
  private final boolean spreadNoise;
  private final double noiseSd;
  private final Map<Arch, double[]> cache = new ConcurrentHashMap<>();

  SurrogateOracle(String what, Surrogate signal, Surrogate reported, Column reportedColumn, CostModel cost,
      String fidelity, boolean spreadNoise, double noiseSd) {
    this.what = what;
    this.signal = signal;
    this.reported = reported;
    this.reportedColumn = reportedColumn;
    this.cost = cost;
    this.fidelity = fidelity;
    this.spreadNoise = spreadNoise;
    this.noiseSd = noiseSd;
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    double[] p = cache.computeIfAbsent(arch, this::predict);
    double s = p[0];
    if (spreadNoise && p[1] > 0) {
      s += p[1] * gaussian(rng);
    }
    if (noiseSd > 0) {
      s += noiseSd * gaussian(rng);
    }
    int index = arch.index();
    double c = cost == null || index < 0 ? 0 : cost.seconds(index, fidelity);
    return new Observation(s, p[2], c, cost != null && cost.estimated(), Observation.Source.PREDICTED);
  }

  /** {signal mean, signal spread, reported value}; deterministic, so caching never changes results. */
  private double[] predict(Arch arch) {
    var ps = signal.predict(List.of(arch));
    double rep;
    if (reportedColumn != null) {
      rep = reportedColumn.get(arch.index());
    } else if (reported == signal) {
      rep = ps.mean()[0];
    } else {
      rep = reported.predict(List.of(arch)).mean()[0];
    }
    return new double[] {ps.mean()[0], ps.sd()[0], rep};
  }

  /** Standard normal by Box-Muller from the trial's generator. */
  private static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  @Override
  public boolean hasCost() {
    return cost != null;
  }

  @Override
  public String describe() {
    return what;
  }

  /** {@code oracle: surrogate}. */
  public static final class Provider implements OracleProvider {
    @Override
    public String name() {
      return "surrogate";
    }

    @Override
    public Oracle create(Benchmark b, String dataset, String fidelity, double noiseSd, Params params, DataCatalog catalog) {
      boolean nb101 = b.space() instanceof Nb101Space;
      int trainSize = params.getInt("train_size", nb101 ? -1 : 1000);
      long seed = params.getInt("seed", 0);
      boolean spread = params.getBoolean("noise", false);
      String rep = params.getString("reported", "predicted");
      Encoding enc = Encodings.of(b.space(), params.getString("encoding", null));
      GbtParams gbt = GbtParams.from(params, GbtParams.DEFAULT);
      if (!rep.equals("predicted") && !rep.equals("table")) {
        throw new NashException("oracle 'surrogate': parameter 'reported' must be 'predicted' or 'table', got '" + rep + "'");
      }
      if (nb101) {
        return nb101(b, dataset, fidelity, noiseSd, trainSize, seed, spread, rep, enc, gbt, catalog);
      }
      Objective obj = b.objective(dataset);
      String fid = obj.fidelity(fidelity);
      String sigKey = obj.signalKey(fid);
      LabelledArchs both = SurrogateData.fromTable(b, sigKey);
      LabelledArchs.Split split = both.split(trainSize, seed, 0);
      List<Arch> archs = split.train().archs();
      Column repCol = b.table().column(obj.reportedKey());
      LabelledArchs sigTrain = split.train();
      LabelledArchs repTrain = values(b, obj.reportedKey(), archs, repCol);
      Surrogate s = Surrogate.fit(sigTrain, enc, gbt, seed);
      Surrogate r = rep.equals("table") ? null : Surrogate.fit(repTrain, enc, gbt, seed);
      String what = "surrogate " + b.name() + " " + dataset + ": PREDICTED signal " + sigKey
          + (spread ? " + ensemble-spread noise" : "") + (noiseSd > 0 ? " + N(0, " + noiseSd + "^2)" : "")
          + ", " + (r == null ? "reported " + obj.reportedKey() + " from the table" : "PREDICTED reported " + obj.reportedKey())
          + "; " + gbt + " on " + enc.name() + " features of " + trainSize + " archs drawn with seed " + seed
          + "; cost " + (obj.cost() == null ? "none recorded (budget in queries only)"
              : (obj.cost().estimated() ? "ESTIMATED: " : "") + obj.cost().describe());
      return new SurrogateOracle(what, s, r, r == null ? repCol : null, obj.cost(), fid, spread, noiseSd);
    }

    private static LabelledArchs values(Benchmark b, String key, List<Arch> archs, Column c) {
      double[] v = new double[archs.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = c.get(archs.get(i).index());
        if (Double.isNaN(v[i])) {
          throw new NashException("oracle 'surrogate': " + b.name() + " column " + key + " has no value for "
              + archs.get(i) + ", which was drawn for training");
        }
      }
      return new LabelledArchs(b.space(), archs, v, b.name() + " " + key);
    }

    private static Oracle nb101(Benchmark b, String dataset, String fidelity, double noiseSd, int trainSize, long seed,
        boolean spread, String rep, Encoding enc, GbtParams gbt, DataCatalog catalog) {
      if (!dataset.equals("cifar10")) {
        throw new NashException("oracle 'surrogate' on nb101 knows only dataset cifar10, got '" + dataset + "'");
      }
      if (rep.equals("table")) {
        throw new NashException("oracle 'surrogate' on nb101: 'reported: table' is impossible, the NB101 sample has no test accuracy");
      }
      LabelledArchs sample = SurrogateData.nb101Sample(catalog);
      int n = trainSize < 0 ? sample.size() : trainSize;
      LabelledArchs train = n == sample.size() ? sample : sample.split(n, seed, 0).train();
      Surrogate s = Surrogate.fit(train, enc, gbt, seed);
      String what = "surrogate nb101 cifar10: PREDICTED signal and reported = one model of the 108-epoch validation"
          + " accuracy" + (spread ? " + ensemble-spread noise" : "") + (noiseSd > 0 ? " + N(0, " + noiseSd + "^2)" : "")
          + "; " + gbt + " on " + enc.name() + " features of " + n + " cells of " + SurrogateData.NB101_LABEL
          + "; no cost (budget in queries only)" + (fidelity != null ? "; fidelity " + fidelity + " ignored" : "");
      return new SurrogateOracle(what, s, s, null, null, null, spread, noiseSd);
    }
  }
}
