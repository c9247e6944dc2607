package org.nash.oracle;

import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.table.Column;

/**
 * Answers from a benchmark's table: the signal column at the chosen fidelity (plus optional
 * Gaussian noise drawn from the trial's generator), the reported column, and the simulated cost.
 */
public final class TabularOracle implements Oracle {
  private final Benchmark benchmark;
  private final Objective objective;
  private final String fidelity;
  private final Column signal;
  private final Column reported;
  private final CostModel cost;
  private final double noiseSd;

  public TabularOracle(Benchmark benchmark, String dataset, String fidelity, double noiseSd) {
    if (!(noiseSd >= 0) || Double.isInfinite(noiseSd)) {
      throw new NashException("noise_sd must be a finite number >= 0, got " + noiseSd);
    }
    this.benchmark = benchmark;
    this.objective = benchmark.objective(dataset);
    this.fidelity = objective.fidelity(fidelity);
    this.signal = benchmark.table().column(objective.signalKey(this.fidelity));
    this.reported = benchmark.table().column(objective.reportedKey());
    this.cost = objective.cost();
    this.noiseSd = noiseSd;
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    int i = arch.index();
    double s = signal.get(i);
    if (noiseSd > 0) {
      s += noiseSd * gaussian(rng);
    }
    double c = cost == null ? 0 : cost.seconds(i, fidelity);
    return new Observation(s, reported.get(i), c, cost != null && cost.estimated(), Observation.Source.TABLE);
  }

  /** Standard normal by Box-Muller from the trial's generator (SplittableRandom has no nextGaussian in 17). */
  public static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public boolean answers(Arch arch) {
    return !Double.isNaN(signal.get(arch.index()));
  }

  @Override
  public boolean hasCost() {
    return cost != null;
  }

  public String fidelity() {
    return fidelity;
  }

  @Override
  public String describe() {
    return "table " + benchmark.name() + " " + objective.dataset() + ": signal " + signal.key()
        + (noiseSd > 0 ? " + N(0, " + noiseSd + "^2)" : "") + ", reported " + reported.key()
        + ", cost " + (cost == null ? "none recorded (budget in queries only)"
            : (cost.estimated() ? "ESTIMATED: " : "") + cost.describe());
  }
}
