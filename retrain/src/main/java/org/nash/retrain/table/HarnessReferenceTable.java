package org.nash.retrain.table;

import java.util.OptionalDouble;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Space;
import org.nash.nb201.Nb201Tables;
import org.nash.table.BenchmarkTable;

/** The reference values from the harness's NAS-Bench-201 table, built from the raw upstream files. */
public final class HarnessReferenceTable implements ReferenceTable {
  private final BenchmarkTable table;

  public HarnessReferenceTable(BenchmarkTable table) {
    if (!(table.space() instanceof Nb201Space)) {
      throw new IllegalArgumentException("the retrain oracle trains NAS-Bench-201 cells, not " + table.space().name());
    }
    this.table = table;
  }

  public static HarnessReferenceTable load(DataCatalog catalog) {
    return new HarnessReferenceTable(Nb201Tables.load(catalog));
  }

  @Override
  public Nb201Space space() {
    return (Nb201Space) table.space();
  }

  @Override
  public OptionalDouble value(String key, int index) {
    if (!table.has(key)) {
      return OptionalDouble.empty();
    }
    double v = table.column(key).get(index);
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  @Override
  public String source(String key) {
    return table.has(key) ? table.column(key).info().source() : "none";
  }
}
