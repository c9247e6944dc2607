package org.nash.retrain.table;

import java.util.OptionalDouble;
import org.nash.nb201.Nb201Space;

/**
 * What the benchmark table says for an architecture, to print next to a retrained result. Keys follow
 * the harness table's column keys, {@code <dataset>/<metric>@<epochs>}, e.g.
 * {@code cifar10-valid/valid-acc@12}.
 */
public interface ReferenceTable {
  Nb201Space space();

  /** The value of column {@code key} for official index {@code index}, if the table has it. */
  OptionalDouble value(String key, int index);

  /** Where a column comes from (file and column), for the output. */
  String source(String key);

  /** The column a retrain run compares with: the split's accuracy at the run's epochs. */
  static String key(String dataset, String metric, int epochs) {
    return dataset + "/" + metric + "@" + epochs;
  }
}
