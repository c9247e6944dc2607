package org.nash.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.nash.plugin.PluginIdentity;

/**
 * {@code run.json}'s text written with Jackson's streaming generator and its default pretty printer: the
 * bytes databind writes for {@link RunInfo} with {@code INDENT_OUTPUT} (its property orders and
 * inclusions, and {@link PluginIdentity}'s), by the same generator calls. Databind built its serializers
 * for the four records by reflection when a run or shard wrote its first trial, a sixteenth of a shard's
 * start-up (issue 26). {@code RunInfoJsonTest} compares the two.
 */
final class RunInfoJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private RunInfoJson() {}

  static String of(RunInfo r) {
    StringWriter out = new StringWriter(2048);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      write(r, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(RunInfo r, JsonGenerator g) throws IOException {
    // RunInfo: NON_NULL; searcher_changes NON_EMPTY
    g.writeStartObject();
    string(g, "format", r.format());
    string(g, "config_sha256", r.configSha256());
    string(g, "benchmark", r.benchmark());
    string(g, "data_version", r.dataVersion());
    if (r.dataFiles() != null) {
      g.writeFieldName("data_files");
      g.writeStartObject();
      for (Map.Entry<String, String> e : r.dataFiles().entrySet()) {
        g.writeFieldName(e.getKey());
        nullable(g, e.getValue());
      }
      g.writeEndObject();
    }
    string(g, "shard", r.shard());
    if (r.searchers() != null) {
      g.writeFieldName("searchers");
      g.writeStartObject();
      for (Map.Entry<String, PluginIdentity> e : r.searchers().entrySet()) {
        g.writeFieldName(e.getKey());
        identity(g, e.getValue());
      }
      g.writeEndObject();
    }
    if (r.oracle() != null) {
      g.writeFieldName("oracle");
      identity(g, r.oracle());
    }
    if (r.sessions() != null) {
      g.writeFieldName("sessions");
      g.writeStartArray();
      for (RunInfo.Session s : r.sessions()) {
        session(g, s);
      }
      g.writeEndArray();
    }
    if (r.searcherChanges() != null && !r.searcherChanges().isEmpty()) {
      g.writeFieldName("searcher_changes");
      g.writeStartArray();
      for (RunInfo.SearcherChange c : r.searcherChanges()) {
        change(g, c);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void nullable(JsonGenerator g, String value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  /** PluginIdentity: NON_EMPTY (no null or empty string, no empty map). */
  private static void identity(JsonGenerator g, PluginIdentity p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (String[] f : new String[][] {{"plugin", p.plugin()}, {"implementation", p.implementation()},
        {"origin", p.origin()}}) {
      if (f[1] != null && !f[1].isEmpty()) {
        g.writeStringField(f[0], f[1]);
      }
    }
    if (p.details() != null && !p.details().isEmpty()) {
      g.writeFieldName("details");
      g.writeStartObject();
      for (Map.Entry<String, String> e : p.details().entrySet()) {
        g.writeFieldName(e.getKey());
        nullable(g, e.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** Session: NON_NULL. */
  private static void session(JsonGenerator g, RunInfo.Session s) throws IOException {
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    string(g, "started", s.started());
    string(g, "ended", s.ended());
    string(g, "nash", s.nash());
    string(g, "git_commit", s.gitCommit());
    string(g, "java", s.java());
    string(g, "os", s.os());
    string(g, "cpu", s.cpu());
    g.writeNumberField("cores", s.cores());
    g.writeNumberField("threads", s.threads());
    g.writeNumberField("ran", s.ran());
    g.writeEndObject();
  }

  /** SearcherChange: every field, null ones as null (the mapper's default inclusion). */
  private static void change(JsonGenerator g, RunInfo.SearcherChange c) throws IOException {
    if (c == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeFieldName("searcher");
    nullable(g, c.searcher());
    g.writeNumberField("session", c.session());
    g.writeNumberField("records_before", c.recordsBefore());
    g.writeFieldName("before");
    identity(g, c.before());
    g.writeFieldName("after");
    identity(g, c.after());
    g.writeFieldName("changes");
    List<String> changes = c.changes();
    if (changes == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (String s : changes) {
        nullable(g, s);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }
}
