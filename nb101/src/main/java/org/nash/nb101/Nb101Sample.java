package org.nash.nb101;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nash.NashException;

/**
 * The NASLib 500-architecture NAS-Bench-101 sample ({@code zc_nasbench101.json}, catalog entry
 * {@code nb101-sample}) as a small {@link Nb101Table}, always labelled as a sample.
 *
 * <p>Keys are NASLib's {@code convert_spec_to_tuple}: the 49 entries of an unpruned 7x7 matrix then
 * 7 op codes ({@code input, output, maxpool3x3, conv1x1-bn-relu, conv3x3-bn-relu} = 0..4). The
 * 500 keys are 292 distinct cells; {@code val_accuracy} is the 108-epoch validation accuracy in %
 * of ONE run (NASLib's query draws a repeat: cells that occur several times show at most 3
 * distinct values). Each distinct value is stored as one run (fraction = value / 100), repeat
 * slots in order of first appearance, so the repeat index is not the official one. Test accuracy,
 * training time and the official parameter count are not in the sample and stay absent.
 */
public final class Nb101Sample {
  public static final String CATALOG_ID = "nb101-sample";
  static final String[] NASLIB_OPS = {"input", "output", "maxpool3x3", "conv1x1-bn-relu", "conv3x3-bn-relu"};

  private Nb101Sample() {}

  /** One sample entry: the cell as NASLib wrote it and its 108-epoch validation accuracy in %. */
  public record Entry(String key, Nb101Spec spec, double validAccuracyPercent) {}

  /** The entries in file order; a key that is not a valid cell is an error naming the key. */
  public static List<Entry> entries(Path json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (IOException e) {
      throw new NashException("cannot read the NAS-Bench-101 sample " + json + ": " + e.getMessage(), e);
    }
    JsonNode cells = root.path("nasbench101").path("cifar10");
    if (!cells.isObject() || cells.isEmpty()) {
      throw new NashException(json + " has no nasbench101.cifar10 object; expected NASLib's zc_nasbench101.json");
    }
    List<Entry> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = cells.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue().get("val_accuracy");
      if (v == null || !v.isNumber()) {
        throw new NashException(json + ": entry " + f.getKey() + " has no numeric val_accuracy");
      }
      out.add(new Entry(f.getKey(), parseKey(json, f.getKey()), v.asDouble()));
    }
    return out;
  }

  static Nb101Spec parseKey(Path json, String key) {
    String s = key.trim();
    if (!s.startsWith("(") || !s.endsWith(")")) {
      throw new NashException(json + ": key '" + key + "' is not a tuple of 56 integers");
    }
    String[] parts = s.substring(1, s.length() - 1).split(",");
    if (parts.length != 56) {
      throw new NashException(json + ": key '" + key + "' has " + parts.length + " entries, expected 49 matrix + 7 ops");
    }
    int[][] m = new int[7][7];
    List<String> ops = new ArrayList<>();
    try {
      for (int i = 0; i < 49; i++) {
        m[i / 7][i % 7] = Integer.parseInt(parts[i].trim());
      }
      for (int i = 49; i < 56; i++) {
        ops.add(NASLIB_OPS[Integer.parseInt(parts[i].trim())]);
      }
    } catch (RuntimeException e) {
      throw new NashException(json + ": key '" + key + "' has a bad entry: " + e.getMessage());
    }
    Nb101Spec spec = Nb101Spec.of(m, ops);
    String why = spec.invalidReason();
    if (why != null) {
      throw new NashException(json + ": key '" + key + "' is not a NAS-Bench-101 cell: " + why);
    }
    return spec;
  }

  /** Loads the sample as a table labelled "SAMPLE"; hashes are computed (292 cells, well under a second). */
  public static Nb101Table load(Path json, Nb101Space space) {
    List<Entry> entries = entries(json);
    Nb101Table.Builder b = new Nb101Table.Builder(space, 512);
    int e108 = Nb101Table.epochIndex(108);
    java.util.Map<Integer, java.util.Set<Double>> seen = new java.util.HashMap<>();
    for (Entry en : entries) {
      int code = space.codeOf(en.spec());
      if (!seen.computeIfAbsent(code, k -> new java.util.HashSet<>()).add(en.validAccuracyPercent())) {
        continue; // the same run queried again
      }
      String h = space.hash(space.byIndex(code));
      long hi = Nb101Hash.hi(h);
      long lo = Nb101Hash.lo(h);
      int r = b.row(hi, lo);
      if (r < 0) {
        r = b.addRow(hi, lo, code, -1);
      }
      if (b.addRun(r, e108, Double.NaN, en.validAccuracyPercent() / 100, Double.NaN, Double.NaN) < 0) {
        throw new NashException(json + ": cell " + h + " has more than 3 distinct val_accuracy values; "
            + "NAS-Bench-101 has 3 runs per cell, so this is not the NASLib sample");
      }
    }
    return b.build("NAS-Bench-101 500-architecture SAMPLE (NASLib zc_nasbench101.json, " + b.rows()
        + " distinct cells): 108-epoch validation accuracy of single runs only; no test accuracy, no training time;"
        + " not the full benchmark", true);
  }
}
