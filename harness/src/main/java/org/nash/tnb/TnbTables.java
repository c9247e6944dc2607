package org.nash.tnb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;
import org.nash.table.Aggregate;
import org.nash.table.BenchmarkTable;
import org.nash.table.Column;
import org.nash.table.ColumnInfo;
import org.nash.table.NaslibZenArchive;
import org.nash.table.Unit;
import org.nash.tnb.TnbMacroSpace;
import org.nash.tnb.TnbMicroSpace;

/**
 * TransNAS-Bench-101 tables (micro 4,096 cells, macro 3,256 layouts) from NASLib's result archives:
 * the final-epoch validation metric of each of the seven tasks, one training run per architecture.
 * Column keys are {@code <task>/valid@final}; higher is better for every task as stored.
 */
public final class TnbTables {
  public static final List<String> TASKS = List.of("class_scene", "class_object", "jigsaw", "room_layout",
      "segmentsemantic", "normal", "autoencoder");
  private static final Map<String, String> METRIC = Map.of(
      "class_scene", "top-1 accuracy (%)", "class_object", "top-1 accuracy (%)", "jigsaw", "top-1 accuracy (%)",
      "room_layout", "negative L2 loss", "segmentsemantic", "pixel accuracy (%)",
      "normal", "SSIM", "autoencoder", "SSIM");
  private static final Map<String, Unit> UNIT = Map.of(
      "class_scene", Unit.PERCENT, "class_object", Unit.PERCENT, "jigsaw", Unit.PERCENT,
      "room_layout", Unit.NEGATIVE_L2, "segmentsemantic", Unit.PERCENT, "normal", Unit.SSIM, "autoencoder", Unit.SSIM);
  private static final Pattern ARCH_LINE = Pattern.compile("ArchResult\\(arch-index=(\\d+), arch=([^,]+), \\d+ tasks\\)");

  private TnbTables() {}

  public static String metricKey(String task) {
    return task + "/valid@final";
  }

  public static String metricName(String task) {
    return METRIC.get(task);
  }

  public static BenchmarkTable loadMicro(DataCatalog catalog) {
    TnbMicroSpace space = new TnbMicroSpace();
    List<String> official = officialStrings(catalog, false);
    for (int r = 0; r < official.size(); r++) {
      if (!space.format(space.byIndex(r)).equals(official.get(r))) {
        throw new NashException("TNB arch list: index " + (r + TnbMicroSpace.OFFICIAL_OFFSET) + " is "
            + official.get(r) + ", expected " + space.byIndex(r) + " (base-4 order)");
      }
    }
    return build(space, catalog, "tnb-micro", "transbench101_micro", (tuple, where) -> {
      if (tuple.length != 6) {
        throw new NashException(where + ": micro op tuple " + Arrays.toString(tuple) + " must have 6 entries");
      }
      for (int op : tuple) {
        if (op < 0 || op > 3) {
          throw new NashException(where + ": op code " + op + " in " + Arrays.toString(tuple) + " is not 0-3");
        }
      }
      return space.fromOps(tuple);
    });
  }

  public static BenchmarkTable loadMacro(DataCatalog catalog) {
    TnbMacroSpace space = new TnbMacroSpace(officialStrings(catalog, true));
    return build(space, catalog, "tnb-macro", "transbench101_macro", (tuple, where) -> space.fromBlocks(tuple));
  }

  /** Official TNB arch strings in index order: macro (0..3255) or micro (3256..7351). */
  private static List<String> officialStrings(DataCatalog catalog, boolean macro) {
    Path file = catalog.resolve("tnb-archs");
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
    }
    int total = TnbMacroSpace.SIZE + TnbMicroSpace.SIZE;
    if (lines.size() != total) {
      throw new NashException(file + ": has " + lines.size() + " lines, expected " + total);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = ARCH_LINE.matcher(lines.get(i));
      if (!m.matches() || Integer.parseInt(m.group(1)) != i) {
        throw new NashException(file + ":" + (i + 1) + ": expected 'ArchResult(arch-index=" + i
            + ", arch=..., 7 tasks)', found '" + lines.get(i) + "'");
      }
      if ((i < TnbMacroSpace.SIZE) == macro) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  private interface TupleDecoder {
    Arch decode(int[] tuple, String where);
  }

  private static BenchmarkTable build(SearchSpace space, DataCatalog catalog, String id, String naslibSpace,
      TupleDecoder decoder) {
    Path zip = catalog.resolve(id);
    Map<String, Map<String, Double>> data = NaslibZenArchive.read(zip, naslibSpace);
    BenchmarkTable t = new BenchmarkTable(space);
    for (String task : TASKS) {
      Map<String, Double> values = data.get(task);
      if (values == null || values.size() != space.size()) {
        throw new NashException(zip + ": task " + task + " has " + (values == null ? 0 : values.size())
            + " architectures, expected " + space.size());
      }
      double[] v = new double[space.size()];
      Arrays.fill(v, Double.NaN);
      String where = zip + " (" + task + ")";
      for (Map.Entry<String, Double> e : values.entrySet()) {
        Arch a = decoder.decode(NaslibZenArchive.tuple(e.getKey(), where), where);
        v[space.indexOf(a)] = e.getValue();
      }
      t.add(new Column(new ColumnInfo(metricKey(task), task + " final-epoch validation " + METRIC.get(task), UNIT.get(task),
          Aggregate.SINGLE_RUN, id + ":" + task + ".val_accuracy"), v));
    }
    return t;
  }
}
