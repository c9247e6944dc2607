package org.nash.surrogate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.oracle.OracleProvider;
import org.nash.oracle.OracleRequest;
import org.nash.plugin.ParamSpec;
import org.nash.plugin.Params;
import org.nash.random.Gaussian;
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
 * ({@code reported: table}, to measure what searching on the surrogate yields in truth; predicted
 * where the table has no value). Every observation is labelled predicted. Cost: the benchmark's
 * cost model where it has one.
 *
 * <p>On NB101 with only the 500-arch sample, the table holds 292 cells' 108-epoch validation
 * accuracy (signal and reported alike): {@code train_size: 292} trains on all of them and the
 * oracle answers the other 423,332 cells of the space.
 */
public final class SurrogateOracle implements Oracle {
  private final String what;
  private final Surrogate signal;
  private final Surrogate reported;
  private final Column reportedColumn;
  private final CostModel cost;
  private final Fidelity fidelity;
  private final boolean spreadNoise;
  private final Map<Arch, double[]> cache = new ConcurrentHashMap<>();

  SurrogateOracle(String what, Surrogate signal, Surrogate reported, Column reportedColumn, CostModel cost,
      Fidelity fidelity, boolean spreadNoise) {
    this.what = what;
    this.signal = signal;
    this.reported = reported;
    this.reportedColumn = reportedColumn;
    this.cost = cost;
    this.fidelity = fidelity;
    this.spreadNoise = spreadNoise;
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    double[] p = cache.computeIfAbsent(arch, this::predict);
    double s = p[0];
    if (spreadNoise && p[1] > 0) {
      s += p[1] * Gaussian.next(rng);
    }
    int index = arch.index();
    double c = cost == null || index < 0 ? 0 : cost.seconds(index, fidelity);
    return new Observation(s, p[2], c, cost != null && cost.estimated(), Observation.Source.PREDICTED);
  }

  /** {signal mean, signal spread, reported value}; deterministic, so caching never changes results. */
  private double[] predict(Arch arch) {
    var ps = signal.predict(List.of(arch));
    double rep = reportedColumn != null ? reportedColumn.get(arch.index()) : Double.NaN;
    if (Double.isNaN(rep)) {
      rep = reported == signal ? ps.mean()[0] : reported.predict(List.of(arch)).mean()[0];
    }
    return new double[] {ps.mean()[0], ps.sd()[0], rep};
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

    static final ParamSpec<Integer> TRAIN_SIZE = ParamSpec.integer("train_size", 1000, "table rows the model is fitted on");
    static final ParamSpec<Integer> SEED = ParamSpec.integer("seed", 0, "seed of the training split and the model");
    static final ParamSpec<Boolean> NOISE = ParamSpec.flag("noise", false,
        "draw each answer from the ensemble's spread instead of its mean");
    static final ParamSpec<String> REPORTED = ParamSpec.oneOf("reported", "predicted", List.of("predicted", "table"),
        "the incumbent's reported value: predicted, or read from the table");
    static final ParamSpec<String> ENCODING = ParamSpec.text("encoding", null,
        "architecture encoding (default: the space's first)");

    @Override
    public String description() {
      return "predicts from a gradient-boosted ensemble fitted on part of the table";
    }

    @Override
    public List<ParamSpec<?>> params() {
      List<ParamSpec<?>> all = new java.util.ArrayList<>(List.of(TRAIN_SIZE, SEED, NOISE, REPORTED, ENCODING));
      all.addAll(GbtParams.specs(GbtParams.DEFAULT));
      return all;
    }

    @Override
    public Oracle create(OracleRequest request) {
      Benchmark b = request.benchmark();
      String dataset = request.dataset();
      Fidelity fid = request.fidelity();
      Params params = request.params();
      int trainSize = params.get(TRAIN_SIZE);
      long seed = params.get(SEED);
      boolean spread = params.get(NOISE);
      String rep = params.get(REPORTED);
      Encoding enc = Encodings.of(b.space(), params.get(ENCODING));
      GbtParams gbt = GbtParams.from(params, GbtParams.DEFAULT);
      Objective obj = b.objective(dataset);
      String sigKey = obj.signalKey(fid);
      String repKey = obj.reportedKey();
      LabelledArchs.Split split = SurrogateData.fromTable(b, sigKey).split(trainSize, seed, 0);
      Column repCol = b.table().column(repKey);
      Surrogate s = Surrogate.fit(split.train(), enc, gbt, seed);
      // Where the reported column is the signal column (TNB, the NB101 sample) one model serves both.
      Surrogate r = repKey.equals(sigKey) ? s
          : Surrogate.fit(values(b, repKey, split.train().archs(), repCol), enc, gbt, seed);
      String what = "surrogate " + b.name() + " " + dataset + ": PREDICTED signal " + sigKey
          + (spread ? " + ensemble-spread noise" : "")
          + (rep.equals("table") ? ", reported " + repKey + " from the table (predicted where it has no value)"
              : ", PREDICTED reported " + repKey + (r == s ? " (same model)" : ""))
          + "; " + gbt + " on " + enc.name() + " features of " + trainSize + " archs drawn with seed " + seed
          + "; cost " + (obj.cost() == null ? "none recorded (budget in queries only)"
              : (obj.cost().estimated() ? "ESTIMATED: " : "") + obj.cost().describe());
      return new SurrogateOracle(what, s, r, rep.equals("table") ? repCol : null, obj.cost(), fid, spread);
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
  }
}
