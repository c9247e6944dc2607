package org.nash.tnb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.space.SearchSpace;
import org.nash.table.BenchmarkTable;
import org.nash.table.TableImage;

/**
 * The TNB micro and macro tables through a table image in the data cache, as NB-201's: the first load
 * parses the NASLib archive and the arch list (each checked by its sha256) and writes the image; later
 * loads map it and make a task's column only when it is used, without reading (or hashing) the raw
 * files. The macro space's official order is kept in the image (its layout strings), and the codes of
 * either space must match the image's, else the image is not used. A stale or damaged image is rebuilt
 * from the raw files (said once on stderr), never used.
 */
final class TnbCache {
  private static final String MACRO_ORDER = "macro/order";

  private TnbCache() {}

  static BenchmarkTable load(DataCatalog catalog, String name, String version, boolean macro) {
    Path file = TableImage.path(catalog.cacheDir(), name, version);
    TableImage.Opened opened = TableImage.open(file, name, version);
    if (opened.image() != null) {
      try {
        return fromImage(opened.image(), macro, () -> parseAndWrite(catalog, file, name, version, macro));
      } catch (TableImage.Corrupt | IllegalArgumentException | NashException e) {
        warn(file, e.getMessage());
      }
    } else if (opened.problem() != null) {
      warn(file, opened.problem());
    }
    return parseAndWrite(catalog, file, name, version, macro);
  }

  private static void warn(Path file, String problem) {
    System.err.println("nash: the table cache " + file + " " + problem + "; rebuilding it from the data files");
  }

  private static BenchmarkTable fromImage(TableImage image, boolean macro, java.util.function.Supplier<BenchmarkTable> fresh) {
    SearchSpace space;
    if (macro) {
      String order = image.extras().get(MACRO_ORDER);
      if (order == null) {
        throw new TableImage.Corrupt("lacks the macro layouts' official order");
      }
      space = new TnbMacroSpace(List.of(order.split("\n", -1)));
    } else {
      space = new TnbMicroSpace();
    }
    if (!Arrays.equals(codes(space), image.codes())) {
      throw new TableImage.Corrupt("holds architecture codes other than the " + space.name() + " space's");
    }
    BenchmarkTable t = new BenchmarkTable(space);
    image.addColumnsTo(t, fresh);
    return t;
  }

  private static int[] codes(SearchSpace space) {
    int[] codes = new int[space.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = space.byIndex(i).code();
    }
    return codes;
  }

  private static BenchmarkTable parseAndWrite(DataCatalog catalog, Path file, String name, String version, boolean macro) {
    BenchmarkTable t = macro ? TnbTables.loadMacro(catalog) : TnbTables.loadMicro(catalog);
    Map<String, String> extras = new LinkedHashMap<>();
    if (macro) {
      String[] order = new String[t.space().size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = t.space().format(t.space().byIndex(i));
      }
      extras.put(MACRO_ORDER, String.join("\n", order));
    }
    try {
      TableImage.write(file, name, version, codes(t.space()), extras, t.columns());
    } catch (IOException | RuntimeException e) {
      // a read-only cache only costs speed: every load parses the raw files, as before images
      System.err.println("nash: cannot write the table cache " + file + " (" + e + "); continuing without it");
    }
    return t;
  }
}
