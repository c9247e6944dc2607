package org.nash.searchers.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.SearchDomain;
import org.nash.space.SearchSpace;

/**
 * One trial spoken with one worker: {@code start}, then {@code ask} / {@code tell}, then {@code end}.
 * A batch answer is served one architecture per ask before the worker is asked again.
 */
final class Session {
  private final WorkerPool pool;
  private final String trialKey;
  private final SearchDomain domain;
  private final ArrayDeque<Arch> batch = new ArrayDeque<>();
  private final Protocol.Domain wire;
  private final StringBuilder message = new StringBuilder(256);
  private Worker worker;
  private boolean exhausted;

  Session(WorkerPool pool, String trialKey, String budgetKind, double budget, SearchDomain domain, long seed) {
    this.pool = pool;
    this.trialKey = trialKey;
    this.domain = domain;
    this.worker = pool.borrow(trialKey);
    worker.trial = trialKey;
    wire = pool.domain(domain);
    if (worker.domains.add(wire.id())) {
      worker.send(wire.json());
    }
    worker.send(Protocol.start(trialKey, seed, wire.id(), budgetKind, budget));
  }

  /** The next architecture, or null when the searcher says it has nothing more to ask. */
  Arch ask() {
    if (!batch.isEmpty()) {
      return batch.pollFirst();
    }
    if (exhausted) {
      return null;
    }
    Worker w = live();
    w.send(Protocol.ASK);
    String line = w.request(trialKey, "an ask");
    Arch fast = fastIndex(w, line);
    if (fast != null) {
      return fast;
    }
    JsonNode r = w.parse(trialKey, line);
    String type = r.path("type").asText("");
    switch (type) {
      case "arch" -> {
        return decode(w, r, line, false);
      }
      case "batch" -> {
        decode(w, r, line, true);
        if (batch.isEmpty()) {
          throw w.fail(trialKey, "a batch must hold at least one architecture", line);
        }
        return batch.pollFirst();
      }
      case "exhausted" -> {
        exhausted = true;
        return null;
      }
      case "error" -> throw w.fail(trialKey, "the searcher reported an error: " + r.path("message").asText("(no message)"), line);
      default -> throw w.fail(trialKey, "expected a reply of type arch, batch, exhausted or error to an ask, got '"
          + type + "'", line);
    }
  }

  private static final String ARCH_INDEX = "{\"type\":\"arch\",\"index\":";

  /** The hot path: {"type":"arch","index":N} exactly as the Python client writes it, without a JSON tree. */
  private Arch fastIndex(Worker w, String line) {
    int n = line.length();
    if (!line.startsWith(ARCH_INDEX) || line.charAt(n - 1) != '}' || n - ARCH_INDEX.length() > 10) {
      return null;
    }
    long i = 0;
    for (int k = ARCH_INDEX.length(); k < n - 1; k++) {
      char c = line.charAt(k);
      if (c < '0' || c > '9') {
        return null;
      }
      i = i * 10 + (c - '0');
    }
    return n - 1 > ARCH_INDEX.length() ? one(w, Worker.JSON.getNodeFactory().numberNode(i), line) : null;
  }

  /** Reads {"index": i} or {"arch": "..."}; for a batch, a list of either into the batch queue. */
  private Arch decode(Worker w, JsonNode r, String line, boolean many) {
    JsonNode v = r.has("index") ? r.get("index") : r.get("arch");
    if (v == null) {
      throw w.fail(trialKey, "an " + (many ? "batch" : "arch") + " reply needs 'index' or 'arch'", line);
    }
    if (many != v.isArray()) {
      throw w.fail(trialKey, many ? "a batch reply needs a list" : "an arch reply needs one architecture, not a list", line);
    }
    if (!many) {
      return one(w, v, line);
    }
    for (JsonNode e : v) {
      batch.addLast(one(w, e, line));
    }
    return null;
  }

  private Arch one(Worker w, JsonNode v, String line) {
    SearchSpace s = domain.space();
    Arch a;
    if (v.isIntegralNumber()) {
      long i = v.asLong();
      if (i < 0 || i >= s.size()) {
        throw w.fail(trialKey, "index " + i + " is not an architecture of " + s.name() + " (0.." + (s.size() - 1) + ")", line);
      }
      a = s.byIndex((int) i);
    } else if (v.isTextual()) {
      try {
        a = s.parse(v.asText());
      } catch (NashException | IllegalArgumentException e) {
        throw w.fail(trialKey, e.getMessage(), line);
      }
    } else {
      throw w.fail(trialKey, "an architecture is an integer index or an official string, got " + v, line);
    }
    if (!domain.contains(a)) {
      try {
        domain.require(a);
      } catch (NashException e) {
        throw w.fail(trialKey, "asked for index " + a.index() + ": " + e.getMessage(), line);
      }
    }
    return a;
  }

  /** Queued with the next ask: tells need no reply. NaN cost or budget = not known. */
  void tell(Arch a, double signal, double cost, double budgetLeft) {
    live().send(Protocol.tell(message, wire, a, signal, cost, budgetLeft));
  }

  /** Queues {@code end} and gives the worker back; a broken worker is dropped. */
  void end(String stop) {
    Worker w = worker;
    worker = null;
    if (w != null && w.usable()) {
      try {
        w.send(Protocol.end(trialKey, stop));
      } catch (NashException e) {
        return;
      }
      pool.release(w);
    }
  }

  private Worker live() {
    if (worker == null) {
      throw new NashException("external searcher '" + pool.label + "': trial " + trialKey + " has ended");
    }
    return worker;
  }
}
