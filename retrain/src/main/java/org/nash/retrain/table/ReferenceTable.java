package org.nash.retrain.table;

import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.nash.data.DataCatalog;
import org.nash.nb201.Nb201Benchmark;
import org.nash.nb201.Nb201Seeds;
import org.nash.nb201.Nb201Space;
import org.nash.table.BenchmarkTable;

/**
 * What the NAS-Bench-201 table (built from the raw upstream files, read from its cached image) says for an architecture, to print
 * next to a retrained result. Keys are the table's column keys, {@code <dataset>/<metric>@<epochs>},
 * e.g. {@code cifar10-valid/valid-acc@12}.
 */
public final class ReferenceTable {
  private final BenchmarkTable table;
  /** Read on first use: three bzip2 pickles, a second of every retrain's start that only spotcheck needs. */
  private final Supplier<Nb201Seeds> seeds;

  /** A table without per-seed values. */
  public ReferenceTable(BenchmarkTable table) {
    this(table, (Nb201Seeds) null);
  }

  /** @param seeds the per-seed values behind some cells' means, or null */
  public ReferenceTable(BenchmarkTable table, Nb201Seeds seeds) {
    this(table, () -> seeds);
  }

  private ReferenceTable(BenchmarkTable table, Supplier<Nb201Seeds> seeds) {
    if (!(table.space() instanceof Nb201Space)) {
      throw new IllegalArgumentException("the retrain oracle trains NAS-Bench-201 cells, not " + table.space().name());
    }
    this.table = table;
    this.seeds = seeds;
  }

  /**
   * The table through the benchmark's binary image in the cache (issue 26): the same columns as parsing
   * the raw files, which took seconds at the start of every retrain and spotcheck.
   */
  public static ReferenceTable load(DataCatalog catalog) {
    Nb201Seeds[] loaded = new Nb201Seeds[1];
    return new ReferenceTable(new Nb201Benchmark().load(catalog).table(), () -> {
      synchronized (loaded) {
        if (loaded[0] == null) {
          loaded[0] = Nb201Seeds.load(catalog);
        }
        return loaded[0];
      }
    });
  }

  public boolean has(String key) {
    return table.has(key);
  }

  /**
   * The table's per-seed values behind {@link #value} for {@code index}, where the data has them
   * (the official NATS-tss records: archs 0, 11, 284); empty otherwise.
   */
  public double[] seedValues(String key, int index) {
    Nb201Seeds s = seeds.get();
    return s == null ? new double[0] : s.values(key, index);
  }

  /** Where the per-seed values come from, for captions. */
  public String seedSource() {
    Nb201Seeds s = seeds.get();
    return s == null ? "no per-seed values loaded" : s.describe();
  }

  public Nb201Space space() {
    return (Nb201Space) table.space();
  }

  /** The value of column {@code key} for official index {@code index}, if the table has it. */
  public OptionalDouble value(String key, int index) {
    if (!table.has(key)) {
      return OptionalDouble.empty();
    }
    double v = table.column(key).get(index);
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** Where a column comes from (file and column), for the output. */
  public String source(String key) {
    return table.has(key) ? table.column(key).info().source() : "none";
  }

  /** The column a retrain run compares with: the split's accuracy at the run's epochs. */
  public static String key(String dataset, String metric, int epochs) {
    return dataset + "/" + metric + "@" + epochs;
  }
}
