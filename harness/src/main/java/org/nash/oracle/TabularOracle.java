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
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    int i = arch.index();
    double c = cost == null ? 0 : cost.seconds(i, fidelity);
    return new Observation(signal.get(i), reported.get(i), c, cost != null && cost.estimated(), Observation.Source.TABLE);
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
