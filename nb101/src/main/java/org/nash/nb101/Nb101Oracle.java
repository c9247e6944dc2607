package org.nash.nb101;

import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.space.Arch;

/**
 * NAS-Bench-101's protocol: the search signal is the validation accuracy of ONE of the recorded
 * repeats, drawn from the trial's generator (as the official API's {@code query} does), or their
 * mean ({@code repeat: mean}); the reported value is the mean test accuracy at the same epoch
 * budget (never a maximum over epochs or repeats); the cost is the recorded training time of the
 * run that gave the signal.
 */
final class Nb101Oracle implements Oracle {
  private final Benchmark benchmark;
  private final Nb101Table table;
  private final Objective objective;
  private final int epochs;
  private final Fidelity fidelity;
  private final boolean mean;
  private final boolean reportsTest;

  Nb101Oracle(Benchmark benchmark, Nb101Table table, Objective objective, Fidelity fidelity, String repeat) {
    if (!repeat.equals("sample") && !repeat.equals("mean")) {
      throw new NashException("oracle 'table' of nb101: repeat must be 'sample' or 'mean', got '" + repeat + "'");
    }
    this.benchmark = benchmark;
    this.table = table;
    this.objective = objective;
    this.fidelity = fidelity;
    this.epochs = fidelity.epochs();
    this.mean = repeat.equals("mean");
    this.reportsTest = objective.reportedKey().contains("test-acc");
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    int row = table.row(arch);
    int rep = mean ? Nb101Table.MEAN : table.drawRepeat(row, epochs, rng);
    double signal = table.searchSignal(row, epochs, rep) * 100;
    double reported = reportsTest ? table.reportedTestAccuracy(row, epochs) * 100
        : table.meanValidationAccuracy(row, epochs) * 100;
    double cost = table.simulatedCost(row, epochs, rep);
    return new Observation(signal, reported, Double.isNaN(cost) ? 0 : cost, false, Observation.Source.TABLE);
  }

  @Override
  public boolean answers(Arch arch) {
    return table.has(arch) && table.repeats(table.row(arch), epochs) > 0;
  }

  @Override
  public boolean hasCost() {
    return objective.cost() != null;
  }

  @Override
  public String describe() {
    return "table " + benchmark.name() + " " + objective.dataset() + ": signal " + (mean ? "mean" : "one sampled repeat")
        + " of " + objective.signalKey(fidelity) + ", reported " + objective.reportedKey()
        + (benchmark.note() != null ? " [" + Nb101Benchmark.describe(table) + "]" : "");
  }
}
