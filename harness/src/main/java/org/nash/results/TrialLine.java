package org.nash.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One {@code trials.jsonl} line written with Jackson's streaming generator, field by field, instead of
 * databind. The bytes are those databind writes for {@link TrialResult} (its {@code @JsonPropertyOrder},
 * {@code NON_NULL} inclusion, the trace's integer index as {@link TraceQuerySerializer} writes it): the
 * same generator calls in the same order. Databind's serializer for the record was built by reflection
 * on the first trial of every process, a sixth of a shard's start-up samples (issue 26), and reflected
 * on every field of every line after that. {@code TrialLineTest} compares the two on every shape of
 * record.
 */
public final class TrialLine {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TrialLine() {}

  /** The record's line, newline included. */
  public static String of(TrialResult r) {
    StringWriter out = new StringWriter(r.trace() == null ? 640 : 640 + 48 * r.trace().size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(r, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.append('\n').toString();
  }

  private static void write(TrialResult r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    string(g, "key", r.key());
    string(g, "benchmark", r.benchmark());
    string(g, "version", r.version());
    string(g, "dataset", r.dataset());
    string(g, "pool", r.pool());
    string(g, "searcher", r.searcher());
    g.writeNumberField("seed", r.seed());
    string(g, "oracle", r.oracle());
    string(g, "source", r.source());
    string(g, "protocol", r.protocol());
    if (r.sources() != null) {
      g.writeFieldName("sources");
      g.writeStartObject();
      for (Map.Entry<String, Integer> e : r.sources().entrySet()) {
        g.writeFieldName(e.getKey());
        if (e.getValue() == null) {
          g.writeNull();
        } else {
          g.writeNumber(e.getValue().intValue());
        }
      }
      g.writeEndObject();
    }
    string(g, "signal", r.signal());
    string(g, "aggregation", r.aggregation());
    string(g, "reported", r.reported());
    g.writeBooleanField("cost_estimated", r.costEstimated());
    g.writeBooleanField("charge_repeats", r.chargeRepeats());
    if (r.budgetQueries() != null) {
      g.writeNumberField("budget_queries", r.budgetQueries().intValue());
    }
    if (r.budgetSeconds() != null) {
      g.writeNumberField("budget_seconds", r.budgetSeconds().doubleValue());
    }
    g.writeNumberField("queries", r.queries());
    g.writeNumberField("repeats", r.repeats());
    g.writeNumberField("seconds", r.seconds());
    string(g, "stop_rule", r.stopRule());
    string(g, "stop", r.stop());
    g.writeNumberField("optimum", r.optimum());
    g.writeNumberField("optimum_pool", r.optimumPool());
    if (r.last() != null) {
      g.writeFieldName("final");
      step(g, r.last());
    }
    if (r.steps() != null) {
      g.writeFieldName("steps");
      g.writeStartArray();
      for (TrialResult.Step s : r.steps()) {
        step(g, s);
      }
      g.writeEndArray();
    }
    List<double[]> trace = r.trace();
    if (trace != null) {
      g.writeFieldName("trace");
      g.writeStartArray();
      for (double[] q : trace) {
        if (q == null) {
          g.writeNull();
          continue;
        }
        g.writeStartArray();
        g.writeNumber((long) q[0]);
        for (int i = 1; i < q.length; i++) {
          g.writeNumber(q[i]);
        }
        g.writeEndArray();
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

  private static void step(JsonGenerator g, TrialResult.Step s) throws IOException {
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("query", s.query());
    g.writeNumberField("seconds", s.seconds());
    g.writeNumberField("arch", s.arch());
    g.writeNumberField("signal", s.signal());
    g.writeNumberField("reported", s.reported());
    g.writeNumberField("regret", s.regret());
    g.writeNumberField("regret_pool", s.regretPool());
    g.writeEndObject();
  }
}
