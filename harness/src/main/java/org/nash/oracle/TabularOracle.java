package org.nash.oracle;

import java.util.SplittableRandom;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.table.Column;

/**
 * Answers from a benchmark's table: the signal column at the chosen fidelity, the reported column,
 * and the simulated cost. Deterministic: the same architecture always gets the same answer.
 */
public final class TabularOracle implements Oracle {
  private final Benchmark benchmark;
  private final Objective objective;
  private final Fidelity fidelity;
  private final Column signal;
  private final Column reported;
  private final CostModel cost;

  public TabularOracle(Benchmark benchmark, String dataset, Fidelity fidelity) {
    this.benchmark = benchmark;
    this.objective = benchmark.objective(dataset);
    this.fidelity = fidelity;
    this.signal = benchmark.table().column(objective.signalKey(fidelity));
    this.reported = benchmark.table().column(objective.reportedKey());
    this.cost = objective.cost();
    this.costEstimated = cost != null && cost.estimated();
    // signal, reported value and cost of each architecture side by side, by arch code: a query reads
    // one cache line instead of four scattered columns and the code -> index table
    org.nash.space.SearchSpace space = benchmark.space();
    this.space = space;
    this.packed = new double[3 * space.codeRange()];
    java.util.Arrays.fill(packed, Double.NaN);
    for (int i = 0; i < space.size(); i++) {
      int at = 3 * space.byIndex(i).code();
      packed[at] = signal.get(i);
      packed[at + 1] = reported.get(i);
      packed[at + 2] = cost == null ? 0 : cost.seconds(i, fidelity);
    }
  }

  private final boolean costEstimated;
  private final org.nash.space.SearchSpace space;
  private final double[] packed;

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    if (arch.space() != space) {
      int i = arch.index(); // another instance of the space (not seen in nash itself): the columns answer
      double c = cost == null ? 0 : cost.seconds(i, fidelity);
      return new Observation(signal.get(i), reported.get(i), c, costEstimated, Observation.Source.TABLE);
    }
    int at = 3 * arch.code();
    return new Observation(packed[at], packed[at + 1], packed[at + 2], costEstimated, Observation.Source.TABLE);
  }

  @Override
  public boolean answers(Arch arch) {
    return !Double.isNaN(signal.get(arch.index()));
  }

  @Override
  public boolean hasCost() {
    return cost != null;
  }

  @Override
  public String describe() {
    return "table " + benchmark.name() + " " + objective.dataset() + ": signal " + signal.key()
        + ", reported " + reported.key()
        + ", cost " + (cost == null ? "none recorded (budget in queries only)"
            : (cost.estimated() ? "ESTIMATED: " : "") + cost.describe());
  }
}
