package org.nash.surrogate;

import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Objective;
import org.nash.data.DataCatalog;
import org.nash.nb101.Nb101Sample;
import org.nash.nb101.Nb101Space;
import org.nash.nb101.Nb101Table;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;
import org.nash.table.Column;

/** Where a surrogate's training data comes from: a benchmark table column or the NB101 sample. */
public final class SurrogateData {
  /** The only NB101 data in the shared set: NASLib's sample, 108-epoch validation accuracy. */
  public static final String NB101_LABEL = "nb101 SAMPLE cifar10 valid-acc@108 (mean of the runs the sample holds, %)";

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
    return target == Target.REPORTED ? o.reportedKey() : o.signalKey(fidelity);
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

  /**
   * The NB101 sample's distinct cells with their mean 108-epoch validation accuracy in percent
   * (the sample holds nothing else: no test accuracy, no times).
   */
  public static LabelledArchs nb101Sample(DataCatalog catalog) {
    Nb101Space space = Nb101Space.get();
    Nb101Table t = Nb101Sample.load(catalog.resolve(Nb101Sample.CATALOG_ID), space);
    List<Arch> archs = new ArrayList<>();
    double[] v = new double[t.rows()];
    Integer[] rows = new Integer[t.rows()];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r;
    }
    // Official index order, as for tables, so that splits do not depend on the file's order.
    java.util.Arrays.sort(rows, java.util.Comparator.comparingInt(r -> t.arch(r).index()));
    for (int k = 0; k < rows.length; k++) {
      archs.add(t.arch(rows[k]));
      v[k] = 100 * t.meanValidationAccuracy(rows[k], 108);
    }
    return new LabelledArchs(space, archs, v, NB101_LABEL);
  }
}
