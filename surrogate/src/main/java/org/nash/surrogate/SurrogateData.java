package org.nash.surrogate;

import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;
import org.nash.table.Column;

/**
 * Where a surrogate's training data comes from: the architectures with a value in a benchmark
 * table column (for NB101 without the official file, the 292 cells of the sample).
 */
public final class SurrogateData {
  private SurrogateData() {}

  /** What to learn of an objective: its search signal at a fidelity, or its reported column. */
  public enum Target {
    SIGNAL, REPORTED;

    public static Target parse(String s) {
      return switch (s == null ? "reported" : s) {
        case "signal" -> SIGNAL;
        case "reported" -> REPORTED;
        default -> throw new NashException("unknown surrogate target '" + s + "'; known: signal, reported");
      };
    }
  }

  /** The table column a target means for a benchmark's dataset or task (unknown names are errors). */
  public static String columnKey(Benchmark b, String dataset, Target target, String fidelity) {
    Objective o = b.objective(dataset);
    return target == Target.REPORTED ? o.reportedKey() : o.signalKey(o.fidelity(fidelity));
  }

  /** Every architecture of the table with a value in the column (NaN rows are not covered). */
  public static LabelledArchs fromTable(Benchmark b, String columnKey) {
    Column c = b.table().column(columnKey);
    SearchSpace space = b.space();
    List<Arch> archs = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      double v = c.get(i);
      if (!Double.isNaN(v)) {
        archs.add(space.byIndex(i));
        values.add(v);
      }
    }
    if (archs.isEmpty()) {
      throw new NashException("column " + columnKey + " of " + b.name() + " has no values");
    }
    return new LabelledArchs(space, archs, values.stream().mapToDouble(Double::doubleValue).toArray(),
        b.name() + " " + columnKey);
  }
}
