package org.nash.table;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nash.NashException;

/**
 * NASLib's zero-cost result archives ({@code zen/benchmark--<space>--<dataset>--<start>.json}): each
 * JSON file a list of {@code {"idx", "arch": "(op tuple)", "zen": {...}, "val_accuracy": x}}. Only
 * the op tuple and {@code val_accuracy} are benchmark data; the zen score is a proxy and is skipped.
 */
public final class NaslibZenArchive {
  private static final Pattern NAME = Pattern.compile("zen/benchmark--([^-]+)--(.+)--(\\d+)\\.json");

  private NaslibZenArchive() {}

  /** dataset (or task) -> op tuple string as written, e.g. {@code "(2, 3, 2, 3, 2, 3)"} -> val_accuracy. */
  public static Map<String, Map<String, Double>> read(Path zip, String space) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      var entries = java.util.Collections.list(zf.entries());
      entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
      for (ZipEntry ze : entries) {
        if (ze.isDirectory()) {
          continue;
        }
        Matcher m = NAME.matcher(ze.getName());
        if (!m.matches() || !m.group(1).equals(space)) {
          throw new NashException(zip + ": unexpected entry '" + ze.getName()
              + "', expected zen/benchmark--" + space + "--<dataset>--<start>.json");
        }
        Map<String, Double> values = out.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>());
        try (InputStream in = zf.getInputStream(ze); JsonParser p = json.getFactory().createParser(in)) {
          readList(p, values, zip + "!" + ze.getName());
        }
      }
    } catch (IOException e) {
      throw new NashException(zip + ": not a readable zip archive: " + e.getMessage(), e);
    }
    return out;
  }

  private static void readList(JsonParser p, Map<String, Double> values, String where) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      throw new NashException(where + ": expected a JSON list at the top");
    }
    int item = 0;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String arch = null;
      Double acc = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("arch") && t == JsonToken.VALUE_STRING) {
          arch = p.getText();
        } else if (field.equals("val_accuracy") && t.isNumeric()) {
          acc = p.getDoubleValue();
        } else {
          p.skipChildren();
        }
      }
      if (arch == null || acc == null) {
        throw new NashException(where + ": item " + item + " (line " + p.currentLocation().getLineNr()
            + ") lacks a string 'arch' or a numeric 'val_accuracy'");
      }
      if (values.put(arch, acc) != null) {
        throw new NashException(where + ": architecture " + arch + " appears twice");
      }
      item++;
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw new NashException(where + ": malformed list near line " + p.currentLocation().getLineNr());
    }
  }

  /** Digits of a NASLib op tuple string such as {@code "(4, 0, 3, 1, 4, 3)"}. */
  public static int[] tuple(String s, String where) {
    String t = s.trim();
    if (!t.startsWith("(") || !t.endsWith(")")) {
      throw new NashException(where + ": '" + s + "' is not an op tuple like (a, b, c)");
    }
    String[] parts = t.substring(1, t.length() - 1).split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new NashException(where + ": '" + s + "' has a non-integer entry '" + parts[i].trim() + "'");
      }
    }
    return out;
  }
}
