package org.nash.searchers.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nash.NashException;
import org.nash.process.ChildPool;
import org.nash.process.ChildProcess;
import org.nash.process.ProcessFailure;
import org.nash.process.Wait;

/**
 * One long-lived worker serving trials one after another: the protocol's side of a
 * {@link ChildProcess}. Messages are buffered and flushed only when nash needs a reply, so a tell
 * costs no system call. Every failure names the searcher, the worker, the trial, what went wrong
 * (a timeout, a crash with its exit code, ...), the offending line and the end of its stderr.
 */
final class Worker implements ChildPool.Member {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LINE_SHOWN = 400;

  final int id;
  private final WorkerPool pool;
  private final ChildProcess child;
  /** Domains the worker already holds, by id. */
  final Set<String> domains = new HashSet<>();
  String workerName = "?";
  /** The trial being served, for errors raised outside a request. */
  String trial;

  Worker(int id, WorkerPool pool, ChildProcess child) {
    this.id = id;
    this.pool = pool;
    this.child = child;
  }

  @Override
  public ChildProcess process() {
    return child;
  }

  /** Starts the conversation; the reply must speak our protocol version. */
  void handshake(String trialKey, ObjectNode hello) {
    trial = trialKey;
    send(hello.toString());
    String line = request(trialKey, "the handshake", pool.startup);
    JsonNode r = parse(trialKey, line);
    String type = r.path("type").asText("");
    if (type.equals("error")) {
      throw fail(trialKey, "it refused the handshake: " + r.path("message").asText("(no message)"), line);
    }
    if (!type.equals("hello")) {
      throw fail(trialKey, "expected a 'hello' reply to the handshake, got type '" + type + "'", line);
    }
    JsonNode v = r.get("protocol");
    if (v == null || !v.canConvertToInt() || v.asInt() != Protocol.VERSION) {
      throw fail(trialKey, "it speaks protocol version " + v + ", this nash speaks " + Protocol.VERSION, line);
    }
    String name = r.path("name").asText("?");
    String version = r.hasNonNull("version") ? r.get("version").asText() : null;
    workerName = name + (version != null ? " " + version : "");
    // Every worker of an entry runs the same code: one that says otherwise would mix two methods.
    String first = pool.hello(name, version);
    if (first != null) {
      throw fail(trialKey, "it says it is " + workerName + ", but the entry's first worker said " + first
          + " (every worker of one searcher entry must run the same code)", line);
    }
    pool.log.line("[worker " + id + "] (nash) started" + (trialKey == null ? " before the first trial" : " for trial "
        + trialKey) + ": " + workerName + ", protocol " + Protocol.VERSION, true);
  }

  /** Queues a message; nothing reaches the worker until the next {@link #request} (or a full buffer). */
  void send(CharSequence json) {
    try {
      child.send(json, pool.timeout, "sending it a message");
    } catch (ProcessFailure f) {
      throw fail(null, describe(f, "a message", pool.timeout), null);
    }
  }

  /** Flushes the queued messages and reads one reply line within timeout_s. */
  String request(String trialKey, String what) {
    return request(trialKey, what, pool.timeout);
  }

  private String request(String trialKey, String what, Wait wait) {
    try {
      return child.request(wait, "waiting for its reply to " + what);
    } catch (ProcessFailure f) {
      throw fail(trialKey, describe(f, what, wait), null);
    }
  }

  /** The protocol's words for what the process library saw. */
  private static String describe(ProcessFailure f, String what, Wait wait) {
    return switch (f.kind()) {
      case TIMEOUT -> f.writing() ? f.reason()
          : "timeout: no reply to " + what + " within " + wait.label() + " (killed with its process tree)";
      case CRASH -> "crash: it exited (" + ProcessFailure.describeExit(f.exitCode()) + ") instead of answering " + what;
      case LINE_TOO_LONG -> "its reply to " + what + " is a line longer than the cap of "
          + ChildProcess.DEFAULT_MAX_LINE_BYTES / (1 << 20) + " MB (killed with its process tree)";
      case OUTPUT_CLOSED -> "it closed its stdout instead of answering " + what + " (killed with its process tree)";
      default -> f.reason();
    };
  }

  JsonNode parse(String trialKey, String line) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !n.isObject()) {
        throw fail(trialKey, "a reply must be one JSON object per line", line);
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw fail(trialKey, "invalid JSON (" + e.getOriginalMessage() + ")", line);
    }
  }

  boolean usable() {
    return child.usable();
  }

  /**
   * Kills the worker's tree (the pool starts a new one for the next trial) and builds the error:
   * which trial, what went wrong, the offending line and the end of the worker's stderr.
   */
  NashException fail(String trialKey, String what, String line) {
    trialKey = trialKey != null ? trialKey : trial;
    child.kill();
    StringBuilder sb = new StringBuilder("external searcher '").append(pool.label).append("' (worker ").append(id)
        .append(": ").append(String.join(" ", pool.spec.command())).append(')');
    sb.append(trialKey != null ? " failed in trial " + trialKey : " failed before the first trial");
    sb.append(": ").append(what);
    if (line != null) {
      sb.append("\n  offending line: ").append(line.length() > MAX_LINE_SHOWN
          ? line.substring(0, MAX_LINE_SHOWN) + "... (" + line.length() + " chars)" : line);
    }
    List<String> tail = child.stderrTail();
    if (tail.isEmpty()) {
      sb.append("\n  (nothing on its stderr)");
    } else {
      sb.append("\n  last lines of its stderr (all of it is in ").append(pool.log.path()).append("):");
      for (String t : tail) {
        sb.append("\n    ").append(t);
      }
    }
    return new NashException(sb.toString());
  }
}
