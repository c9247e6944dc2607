package org.nash.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The line protocol between the parent and a training worker. The parent writes one JSON object per
 * line to the worker's stdin ({@code init} once, then one {@code train} per training); the worker
 * answers on stdout with lines starting with {@link #PREFIX} ({@code ready}, {@code alive} every few
 * seconds, {@code started} and {@code epoch} progress, then {@code result} or {@code error}). Any other
 * stdout line (e.g. printed by native code) is forwarded to the parent's stderr, like the worker's
 * stderr.
 */
final class WorkerProtocol {
  private WorkerProtocol() {}

  static final String PREFIX = "@nash-worker ";
  /** How often an idle or busy worker says it is alive. */
  static final long HEARTBEAT_MILLIS = 5_000;

  /** NaN losses (a diverged training) travel as NaN tokens. */
  static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String line) throws JsonProcessingException {
    return JSON.readTree(line);
  }
}
