package org.nash.retrain.table;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.space.Nb201Space;

/**
 * A narrow reference table read from CSV files of the catalog: the official order (nb201-test200),
 * 12-epoch cifar10-valid accuracies (the DERIVED CSV of nb201-hp12) and 200-epoch cifar10-valid
 * accuracies (nb201-cifar10valid200). Interim: the harness's full table loader, which reads the raw
 * pandas pickle, supersedes it; the column keys are the same.
 */
public final class CsvReferenceTable implements ReferenceTable {
  private final Nb201Space space;
  private final Map<String, double[]> columns = new LinkedHashMap<>();
  private final Map<String, String> sources = new HashMap<>();

  private CsvReferenceTable(Nb201Space space) {
    this.space = space;
  }

  public static CsvReferenceTable load(DataCatalog catalog) {
    Path order = catalog.resolve("nb201-test200");
    List<Map<String, String>> main = read(order);
    List<String> archs = new ArrayList<>(main.size());
    for (Map<String, String> r : main) {
      archs.add(r.get("ArchitectureString"));
    }
    CsvReferenceTable t = new CsvReferenceTable(new Nb201Space(archs));
    t.add("cifar10/test-acc@200", "nb201-test200:CIFAR10TestAccuracy200Epochs", order, main, null, "CIFAR10TestAccuracy200Epochs");
    Path hp12 = catalog.resolve("nb201-hp12-csv");
    List<Map<String, String>> h = read(hp12);
    t.add("cifar10-valid/valid-acc@12", "nb201-hp12-csv:cifar10-val", hp12, h, "cellstr", "cifar10-val");
    t.add("cifar10/test-acc@12", "nb201-hp12-csv:cifar10-test", hp12, h, "cellstr", "cifar10-test");
    Path v200 = catalog.resolve("nb201-cifar10valid200");
    List<Map<String, String>> v = read(v200);
    t.add("cifar10-valid/valid-acc@200", "nb201-cifar10valid200:valid-accuracy", v200, v, "arch_str", "valid-accuracy");
    t.add("cifar10-valid/test-acc@200", "nb201-cifar10valid200:test-accuracy", v200, v, "arch_str", "test-accuracy");
    return t;
  }

  /** Adds a column whose rows are in official order; {@code archColumn}, if given, is checked. */
  private void add(String key, String source, Path file, List<Map<String, String>> rows, String archColumn, String column) {
    if (rows.size() != Nb201Space.SIZE) {
      throw new NashException(file + ": " + rows.size() + " rows, expected " + Nb201Space.SIZE);
    }
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      Map<String, String> r = rows.get(i);
      if (archColumn != null && space.indexOf(space.parse(r.get(archColumn))) != i) {
        throw new NashException(file + ": data row " + (i + 1) + " names " + r.get(archColumn)
            + ", which is not official index " + i);
      }
      String s = r.get(column);
      try {
        v[i] = Double.parseDouble(s);
      } catch (NumberFormatException | NullPointerException e) {
        throw new NashException(file + ": data row " + (i + 1) + ", column '" + column + "': expected a number, found '" + s + "'");
      }
    }
    columns.put(key, v);
    sources.put(key, source);
  }

  private static List<Map<String, String>> read(Path file) {
    CsvMapper m = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class)
        .with(m.schemaWithHeader()).readValues(file.toFile())) {
      return it.readAll();
    } catch (IOException e) {
      throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Nb201Space space() {
    return space;
  }

  @Override
  public OptionalDouble value(String key, int index) {
    double[] v = columns.get(key);
    return v == null || Double.isNaN(v[index]) ? OptionalDouble.empty() : OptionalDouble.of(v[index]);
  }

  @Override
  public String source(String key) {
    return sources.getOrDefault(key, "none");
  }
}
