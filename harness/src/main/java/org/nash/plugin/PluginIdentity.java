package org.nash.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nash.Provenance;

/**
 * Which code a plugin's results came from, as run.json records it: the plugin's name and class, and
 * its origin, {@code nash VERSION} for nash's own classes, else the jar (or folder) with the jar's
 * sha256. {@code details} holds what the plugin says of itself ({@link Identified}), e.g. an external
 * searcher's hello or a training oracle's engine and device.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"plugin", "implementation", "origin", "details"})
public record PluginIdentity(String plugin, String implementation, String origin, Map<String, String> details) {
  public PluginIdentity {
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** What a plugin (or a factory or oracle it made) may say of itself beyond its class. */
  public interface Identified {
    /** E.g. {@code {"hello.name": "mine", "hello.version": "2", "file.mine.py": "<sha256>"}}. */
    Map<String, String> identity();
  }

  /**
   * The identity of plugin {@code name} implemented by {@code provider}; {@code made} (a factory or
   * an oracle) adds its details when it is {@link Identified}.
   */
  public static PluginIdentity of(String name, Object provider, Object made) {
    Map<String, String> details = new LinkedHashMap<>();
    if (provider instanceof Identified i) {
      details.putAll(i.identity());
    }
    if (made instanceof Identified i && made != provider) {
      details.putAll(i.identity());
    }
    return new PluginIdentity(name, provider.getClass().getName(), origin(provider.getClass()), details);
  }

  /** This identity with more details (e.g. an external searcher's hello, known once a worker said it). */
  public PluginIdentity withDetails(Map<String, String> more) {
    Map<String, String> d = new TreeMap<>(details);
    d.putAll(more);
    return new PluginIdentity(plugin, implementation, origin, d);
  }

  /**
   * What differs from an identity recorded earlier, one phrase each (empty: the same code). A detail
   * the record lacks (written by a nash that did not record it) is not a change.
   */
  public java.util.List<String> changesSince(PluginIdentity recorded) {
    return changesSince(recorded, true);
  }

  /**
   * As {@link #changesSince(PluginIdentity)}; when not {@code complete} (planned, before the plugin
   * could say everything of itself, e.g. before an external worker's hello), a recorded detail this
   * identity lacks is not a change either.
   */
  public java.util.List<String> changesSince(PluginIdentity recorded, boolean complete) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (!plugin.equals(recorded.plugin())) {
      out.add("plugin " + recorded.plugin() + " -> " + plugin);
    }
    if (!implementation.equals(recorded.implementation())) {
      out.add("class " + recorded.implementation() + " -> " + implementation);
    }
    if (!origin.equals(recorded.origin())) {
      out.add("code " + recorded.origin() + " -> " + origin);
    }
    for (Map.Entry<String, String> e : recorded.details().entrySet()) {
      String now = details.get(e.getKey());
      if (!e.getValue().equals(now) && (complete || now != null || e.getKey().startsWith(FILE))) {
        out.add(describe(e.getKey()) + " " + e.getValue() + " -> " + (now == null ? "(none now)" : now));
      }
    }
    for (String k : details.keySet()) {
      if (k.startsWith(FILE) && !recorded.details().containsKey(k)) {
        out.add(describe(k) + " (not recorded) -> " + details.get(k));
      }
    }
    return out;
  }

  /** The key prefix of a file's sha256 in {@link #details()}. */
  public static final String FILE = "file:";

  private static String describe(String key) {
    return key.startsWith(FILE) ? "file " + key.substring(FILE.length()) + " sha256" : key;
  }

  /**
   * One line for a report, e.g. {@code external (hello regularized_evolution.py 2; Python 3.11.2;
   * examples/rea.py 1a2b3c4d5e6f)}.
   */
  public String summary() {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (details.containsKey("hello.name")) {
      parts.add("hello " + details.get("hello.name") + " " + details.getOrDefault("hello.version", "(none)"));
    }
    if (details.containsKey("interpreter")) {
      parts.add(details.get("interpreter"));
    }
    details.forEach((k, v) -> {
      if (k.startsWith(FILE)) {
        parts.add(k.substring(FILE.length()) + " " + v.substring(0, Math.min(12, v.length())));
      }
    });
    String o = origin.startsWith("nash ") ? origin : origin.replaceFirst(" sha256:([0-9a-f]{12})[0-9a-f]*", " $1");
    return plugin + " (" + (parts.isEmpty() ? o : String.join("; ", parts)) + ")";
  }

  /**
   * {@code nash VERSION} for nash's own classes (an {@code org.nash} class on nash's own class path),
   * else where the class came from: the jar's path and sha256 (a {@code --plugin} jar), or its folder.
   */
  static String origin(Class<?> c) {
    if (c.getName().startsWith("org.nash.") && c.getClassLoader() == PluginIdentity.class.getClassLoader()) {
      return "nash " + Provenance.version();
    }
    CodeSource src = c.getProtectionDomain().getCodeSource();
    if (src == null || src.getLocation() == null) {
      return "unknown";
    }
    try {
      Path p = Path.of(src.getLocation().toURI());
      return Files.isRegularFile(p) ? p + " sha256:" + sha256(p) : p.toString();
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return src.getLocation().toString();
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
