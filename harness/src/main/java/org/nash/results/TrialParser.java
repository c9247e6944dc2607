package org.nash.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dedicated reader of one {@code trials.jsonl} line: a streaming Jackson parser that builds the
 * record's head (every field but {@code steps} and {@code trace}) and writes the steps into the
 * reused primitive arrays of a {@link TrialsFile.Steps}, instead of a tree of objects per step.
 * Measured on a 164 MB file (90,000 trials): databind into {@link TrialResult} spends most of its
 * time parsing every double of every step with {@code Double.parseDouble} and allocating a record
 * per step; this parser uses Jackson's FastDoubleParser (correctly rounded: the same doubles),
 * parses only the numbers it keeps (a step's {@code signal} and the {@code trace} are skipped as
 * tokens) and allocates nothing per step. Field semantics follow databind's defaults for
 * {@link TrialResult}: unknown fields are ignored, a null primitive is 0, a repeated field's last
 * value wins, a number written as a string ("NaN", as Jackson writes non-finite doubles) is parsed.
 * Not thread-safe: one per scan.
 */
final class TrialParser {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** Whether every step is parsed, or only the first (enough for keys, settings and final values). */
  private final boolean allSteps;
  final TrialsFile.Steps steps = new TrialsFile.Steps();
  /** Whether the last record had a (non-null) {@code steps} array. */
  boolean hadSteps;

  TrialParser(boolean allSteps) {
    this.allSteps = allSteps;
  }

  /** The head of the record on {@code buf[start, start + len)}, its steps in {@link #steps}; null for JSON null. */
  TrialResult parse(byte[] buf, int start, int len) throws IOException {
    steps.clear();
    hadSteps = false;
    try (JsonParser p = FACTORY.createParser(buf, start, len)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, t == null ? "empty line" : "expected a JSON object, found " + t.asString());
      }
      String key = null;
      String benchmark = null;
      String version = null;
      String dataset = null;
      String pool = null;
      String searcher = null;
      int seed = 0;
      String oracle = null;
      String source = null;
      String protocol = null;
      Map<String, Integer> sources = null;
      String signal = null;
      String aggregation = null;
      String reported = null;
      boolean costEstimated = false;
      boolean chargeRepeats = false;
      Integer budgetQueries = null;
      Double budgetSeconds = null;
      int queries = 0;
      int repeats = 0;
      double seconds = 0;
      String stopRule = null;
      String stop = null;
      double optimum = 0;
      double optimumPool = 0;
      TrialResult.Step last = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "key" -> key = text(p);
          case "benchmark" -> benchmark = text(p);
          case "version" -> version = text(p);
          case "dataset" -> dataset = text(p);
          case "pool" -> pool = text(p);
          case "searcher" -> searcher = text(p);
          case "seed" -> seed = intValue(p);
          case "oracle" -> oracle = text(p);
          case "source" -> source = text(p);
          case "protocol" -> protocol = text(p);
          case "sources" -> sources = counts(p);
          case "signal" -> signal = text(p);
          case "aggregation" -> aggregation = text(p);
          case "reported" -> reported = text(p);
          case "cost_estimated" -> costEstimated = bool(p);
          case "charge_repeats" -> chargeRepeats = bool(p);
          case "budget_queries" -> budgetQueries = p.currentToken() == JsonToken.VALUE_NULL ? null : intValue(p);
          case "budget_seconds" -> budgetSeconds = p.currentToken() == JsonToken.VALUE_NULL ? null : doubleValue(p);
          case "queries" -> queries = intValue(p);
          case "repeats" -> repeats = intValue(p);
          case "seconds" -> seconds = doubleValue(p);
          case "stop_rule" -> stopRule = text(p);
          case "stop" -> stop = text(p);
          case "optimum" -> optimum = doubleValue(p);
          case "optimum_pool" -> optimumPool = doubleValue(p);
          case "final" -> last = step(p);
          case "steps" -> steps(p);
          default -> p.skipChildren(); // "trace" and fields of later versions
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new JsonParseException(p, "unexpected " + (t == null ? "end of line" : t.asString()));
      }
      return new TrialResult(key, benchmark, version, dataset, pool, searcher, seed, oracle, source, protocol, sources,
          signal, aggregation, reported, costEstimated, chargeRepeats, budgetQueries, budgetSeconds, queries, repeats,
          seconds, stopRule, stop, optimum, optimumPool, last, null, null);
    }
  }

  private void steps(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(p, JsonToken.START_ARRAY, "steps");
    hadSteps = true;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new JsonParseException(p, "unexpected end of line in 'steps'");
      }
      if (!allSteps && steps.size() == 1) {
        p.skipChildren();
        steps.skipped++;
        continue;
      }
      expect(p, JsonToken.START_OBJECT, "a step");
      int query = 0;
      double seconds = 0;
      int arch = 0;
      double reported = 0;
      double regret = 0;
      double regretPool = 0;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "query" -> query = intValue(p);
          case "seconds" -> seconds = doubleValue(p);
          case "arch" -> arch = intValue(p);
          case "reported" -> reported = doubleValue(p);
          case "regret" -> regret = doubleValue(p);
          case "regret_pool" -> regretPool = doubleValue(p);
          default -> p.skipChildren(); // "signal": not used by any analysis of a file
        }
      }
      steps.add(query, seconds, arch, reported, regret, regretPool);
    }
  }

  private static TrialResult.Step step(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(p, JsonToken.START_OBJECT, "'final'");
    int query = 0;
    double seconds = 0;
    int arch = 0;
    double signal = 0;
    double reported = 0;
    double regret = 0;
    double regretPool = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "query" -> query = intValue(p);
        case "seconds" -> seconds = doubleValue(p);
        case "arch" -> arch = intValue(p);
        case "signal" -> signal = doubleValue(p);
        case "reported" -> reported = doubleValue(p);
        case "regret" -> regret = doubleValue(p);
        case "regret_pool" -> regretPool = doubleValue(p);
        default -> p.skipChildren();
      }
    }
    return new TrialResult.Step(query, seconds, arch, signal, reported, regret, regretPool);
  }

  private static Map<String, Integer> counts(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(p, JsonToken.START_OBJECT, "'sources'");
    Map<String, Integer> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      p.nextToken();
      m.put(k, p.currentToken() == JsonToken.VALUE_NULL ? null : intValue(p));
    }
    return m;
  }

  private static void expect(JsonParser p, JsonToken want, String what) throws IOException {
    if (p.currentToken() != want) {
      throw new JsonParseException(p, "expected " + what + " to be " + want.asString() + ", found "
          + p.currentToken().asString() + " (field '" + p.currentName() + "')");
    }
  }

  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t.isStructStart()) {
      throw new JsonParseException(p, "field '" + p.currentName() + "' must be a string, found " + t.asString());
    }
    return p.getText();
  }

  private static int intValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getIntValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Integer.parseInt(p.getText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new JsonParseException(p, "field '" + p.currentName() + "' must be an integer, found " + p.getText());
  }

  private static double doubleValue(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Double.parseDouble(p.getText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new JsonParseException(p, "field '" + p.currentName() + "' must be a number, found " + p.getText());
  }

  private static boolean bool(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw new JsonParseException(p, "field '" + p.currentName() + "' must be true or false, found " + p.getText());
  }
}
