package org.nash.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.CostModel;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.space.Arch;
import org.nash.table.Column;

/**
 * {@code nash query --stdin}: one JSON object per input line, one per output line, in order, for
 * scripts that look up many architectures through one process (clients/python/nash_query.py).
 *
 * <p>In: {@code {"benchmark": "nb201", "dataset": "cifar10", "index": 9930}} or {@code "arch":
 * "|...|"}; optional {@code "fidelity"} (the dataset's default), {@code "aggregation"},
 * {@code "columns": ["key", ...]} or {@code "all"} (values of table columns), {@code "id"} (echoed);
 * {@code benchmark} defaults to {@code --benchmark}. Out: {@code {"index", "arch", "fidelity",
 * "signal", "reported", "cost", "cost_estimated"}} (what the table oracle answers a search), plus
 * {@code "values"} when columns were asked; NaN is null ({@code --fields} keeps fewer of them). A bad line gets {@code {"error": "stdin line
 * N: ..."}} and the stream goes on. Answers are flushed whenever no further request is waiting, so a
 * client that sends one request at a time gets its answer at once and one that sends many gets them
 * in large writes.
 */
final class QueryStream {
  private final Function<String, Benchmark> benchmarks;
  private final String defaultBenchmark;
  /** The stream's writer is not closed with the generator: it may be the process's stdout. */
  private final JsonFactory json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  /** Per benchmark / dataset / fidelity / aggregation: the columns an answer reads. */
  private final Map<String, Lookup> lookups = new HashMap<>();
  private Lookup last;
  private String lastBenchmark;
  private String lastDataset;
  private String lastFidelity;
  private String lastAggregation;

  private record Lookup(Benchmark benchmark, Fidelity fidelity, Column signal, Column reported, CostModel cost) {}

  /** The answer fields, in the order they are written. */
  static final List<String> FIELDS = List.of("index", "arch", "fidelity", "signal", "reported", "cost", "cost_estimated");
  /** Which of {@link #FIELDS} answers carry. */
  private final boolean[] fields = new boolean[FIELDS.size()];

  QueryStream(Function<String, Benchmark> benchmarks, String defaultBenchmark) {
    this(benchmarks, defaultBenchmark, FIELDS);
  }

  /** @param fields the answer fields to write (a subset of {@link #FIELDS}): fewer is faster to parse for a script */
  QueryStream(Function<String, Benchmark> benchmarks, String defaultBenchmark, List<String> fields) {
    this.benchmarks = benchmarks;
    this.defaultBenchmark = defaultBenchmark;
    for (String f : fields) {
      int i = FIELDS.indexOf(f);
      if (i < 0) {
        throw new NashException("--fields: unknown field '" + f + "'; known: " + String.join(", ", FIELDS));
      }
      this.fields[i] = true;
    }
  }

  /** Answers every line of {@code in}; returns the number of lines answered with an error. */
  int serve(BufferedReader in, Writer out) throws IOException {
    int errors = 0;
    long lineNo = 0;
    try (JsonGenerator g = json.createGenerator(out)) {
      g.setRootValueSeparator(null);
      for (String line; (line = in.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Request r = null;
        try {
          r = parse(line);
          answer(r, g);
        } catch (NashException | JsonProcessingException | IllegalArgumentException e) {
          errors++;
          String msg = e instanceof JsonProcessingException jp ? "not a JSON object: " + jp.getOriginalMessage()
              : e.getMessage();
          g.writeStartObject();
          if (r != null && r.id != null) {
            g.writeFieldName("id");
            g.writeRawValue(r.id);
          }
          g.writeStringField("error", "stdin line " + lineNo + ": " + msg);
          g.writeEndObject();
        }
        g.writeRaw('\n');
        if (!in.ready()) {
          g.flush();
        }
      }
    }
    return errors;
  }

  private static final class Request {
    String benchmark;
    String dataset;
    String arch;
    Long index;
    String fidelity;
    String aggregation;
    List<String> columns;
    boolean allColumns;
    /** The id as JSON text, echoed as it came. */
    String id;
  }

  private Request parse(String line) throws IOException {
    Request r = new Request();
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new NashException("expected a JSON object, e.g. {\"dataset\": \"cifar10\", \"index\": 9930}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.getCurrentName();
        JsonToken t = p.nextToken();
        switch (f) {
          case "benchmark" -> r.benchmark = text(p, t, f);
          case "dataset" -> r.dataset = text(p, t, f);
          case "arch" -> r.arch = text(p, t, f);
          case "fidelity" -> r.fidelity = text(p, t, f);
          case "aggregation" -> r.aggregation = text(p, t, f);
          case "index" -> {
            if (t != JsonToken.VALUE_NUMBER_INT) {
              throw new NashException("'index' must be an integer");
            }
            r.index = p.getLongValue();
          }
          case "columns" -> {
            if (t == JsonToken.VALUE_STRING && p.getText().equals("all")) {
              r.allColumns = true;
            } else if (t == JsonToken.START_ARRAY) {
              r.columns = new ArrayList<>();
              while (p.nextToken() == JsonToken.VALUE_STRING) {
                r.columns.add(p.getText());
              }
              if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new NashException("'columns' must be \"all\" or a list of column keys");
              }
            } else {
              throw new NashException("'columns' must be \"all\" or a list of column keys");
            }
          }
          case "id" -> {
            if (t.isStructStart()) {
              throw new NashException("'id' must be a string or a number");
            }
            r.id = t == JsonToken.VALUE_STRING ? quote(p.getText()) : p.getText();
          }
          default -> throw new NashException("unknown field '" + f + "'; known: benchmark, dataset, arch, index,"
              + " fidelity, aggregation, columns, id");
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new NashException("expected one JSON object on the line");
      }
    }
    return r;
  }

  private static String text(JsonParser p, JsonToken t, String field) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw new NashException("'" + field + "' must be a string");
    }
    return p.getText();
  }

  private String quote(String s) {
    return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private void answer(Request r, JsonGenerator g) throws IOException {
    String bname = r.benchmark != null ? r.benchmark : defaultBenchmark;
    if (bname == null) {
      throw new NashException("no 'benchmark' on the line and no --benchmark");
    }
    if (r.dataset == null) {
      throw new NashException("'dataset' is missing");
    }
    if ((r.arch == null) == (r.index == null)) {
      throw new NashException("give exactly one of 'arch' (official string) and 'index'");
    }
    Lookup l;
    if (last != null && bname.equals(lastBenchmark) && r.dataset.equals(lastDataset)
        && java.util.Objects.equals(r.fidelity, lastFidelity) && java.util.Objects.equals(r.aggregation, lastAggregation)) {
      l = last; // a bulk client asks the same dataset line after line: no key to build
    } else {
      l = lookup(bname, r);
      last = l;
      lastBenchmark = bname;
      lastDataset = r.dataset;
      lastFidelity = r.fidelity;
      lastAggregation = r.aggregation;
    }
    Benchmark b = l.benchmark();
    Arch a;
    if (r.arch != null) {
      a = b.space().parse(r.arch.trim());
    } else {
      if (r.index < 0 || r.index >= b.space().size()) {
        throw new NashException("index " + r.index + " is not an architecture of " + b.name() + " (0.."
            + (b.space().size() - 1) + ")");
      }
      a = b.space().byIndex((int) (long) r.index);
    }
    int i = a.index();
    if (i < 0) {
      throw new NashException("architecture " + r.arch + " is not in the " + b.name() + " table");
    }
    List<Column> shown = null;
    if (r.allColumns) {
      shown = b.table().columns();
    } else if (r.columns != null) {
      shown = new ArrayList<>();
      for (String c : r.columns) {
        shown.add(b.table().column(c));
      }
    }
    g.writeStartObject();
    if (r.id != null) {
      g.writeFieldName("id");
      g.writeRawValue(r.id);
    }
    if (fields[0]) {
      g.writeNumberField("index", i);
    }
    if (fields[1]) {
      g.writeStringField("arch", a.toString());
    }
    if (fields[2]) {
      g.writeStringField("fidelity", l.fidelity().name());
    }
    if (fields[3]) {
      number(g, "signal", l.signal().get(i));
    }
    if (fields[4]) {
      number(g, "reported", l.reported().get(i));
    }
    if (fields[5]) {
      if (l.cost() != null) {
        number(g, "cost", l.cost().seconds(i, l.fidelity()));
      } else {
        g.writeNullField("cost");
      }
    }
    if (fields[6] && l.cost() != null) {
      g.writeBooleanField("cost_estimated", l.cost().estimated());
    }
    if (shown != null) {
      g.writeObjectFieldStart("values");
      for (Column c : shown) {
        number(g, c.key(), c.get(i));
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private Lookup lookup(String bname, Request r) {
    String key = bname + '\n' + r.dataset + '\n' + r.fidelity + '\n' + r.aggregation;
    Lookup l = lookups.get(key);
    if (l == null) {
      Benchmark b = benchmarks.apply(bname);
      Objective o = b.objective(r.dataset);
      Fidelity f = o.fidelity(r.fidelity);
      String signalKey = r.aggregation == null ? o.signalKey(f) : o.signal(f, r.aggregation).key();
      l = new Lookup(b, f, b.table().column(signalKey), b.table().column(o.reportedKey()), o.cost());
      lookups.put(key, l);
    }
    return l;
  }

  private static void number(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }
}
