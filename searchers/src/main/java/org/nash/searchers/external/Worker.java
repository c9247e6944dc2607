package org.nash.searchers.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.nash.NashException;

/**
 * One long-lived worker process serving trials one after another. Messages to it are buffered and
 * flushed only when nash needs a reply, so a tell costs no system call; replies are read with a
 * deadline enforced by the pool's watchdog (which kills a worker that is late).
 */
final class Worker {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int TAIL_LINES = 20;
  private static final int MAX_LINE_SHOWN = 400;

  final int id;
  private final WorkerPool pool;
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final Thread stderrPump;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  /** Domains the worker already holds, by id. */
  final Set<String> domains = new HashSet<>();
  /** System.nanoTime() by which the current exchange must finish; 0 = not waiting. */
  private volatile long deadline;
  private volatile boolean timedOut;
  private boolean broken;
  String workerName = "?";
  /** The trial being served, for errors raised outside a request. */
  String trial;

  Worker(int id, WorkerPool pool, ProcessBuilder pb) throws IOException {
    this.id = id;
    this.pool = pool;
    this.process = pb.start();
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
    this.stderrPump = new Thread(this::pumpStderr, "nash-external-stderr-" + pool.label + "-" + id);
    stderrPump.setDaemon(true);
    stderrPump.start();
  }

  private void pumpStderr() {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        pool.log("[worker " + id + "] " + line, !err.ready());
      }
    } catch (IOException e) {
      // the process is gone; whatever it wrote is in the log
    }
  }

  /** Starts the conversation; the reply must speak our protocol version. */
  void handshake(String trialKey, ObjectNode hello) {
    send(hello.toString());
    String line = request(trialKey, "the handshake", pool.spec.startupNanos());
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
    workerName = r.path("name").asText("?") + (r.hasNonNull("version") ? " " + r.get("version").asText() : "");
    pool.log("[worker " + id + "] (nash) started for trial " + trialKey + ": " + workerName + ", protocol "
        + Protocol.VERSION, true);
  }

  /** Queues a message; nothing reaches the worker until the next {@link #request}. */
  void send(String json) {
    // A message larger than the buffer (a domain) reaches the pipe now: a worker that does not read
    // must not block nash forever.
    boolean big = json.length() > 8192;
    if (big) {
      deadline = System.nanoTime() + pool.spec.timeoutNanos();
    }
    try {
      in.write(json);
      in.write('\n');
    } catch (IOException e) {
      throw fail(null, timedOut ? "it did not read its input within timeout_s = " + pool.spec.timeoutNanos() / 1e9
          + " s (killed)" : "cannot write to it (" + e.getMessage() + ")", null);
    } finally {
      if (big) {
        deadline = 0;
      }
    }
  }

  /** Flushes the queued messages and reads one reply line within the timeout. */
  String request(String trialKey, String what) {
    return request(trialKey, what, pool.spec.timeoutNanos());
  }

  private String request(String trialKey, String what, long timeoutNanos) {
    deadline = System.nanoTime() + timeoutNanos;
    String line;
    try {
      in.flush();
      line = out.readLine();
    } catch (IOException e) {
      line = null;
    } finally {
      deadline = 0;
    }
    if (line == null) {
      if (timedOut) {
        throw fail(trialKey, "no reply to " + what + " within " + (timeoutNanos == pool.spec.timeoutNanos()
            ? "timeout_s = " : "startup_timeout_s = ") + timeoutNanos / 1e9 + " s (killed)", null);
      }
      throw fail(trialKey, "it exited (code " + exitCode() + ") instead of answering " + what, null);
    }
    return line;
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

  private char[] chars = new char[256];

  /** Queues a message held in a builder, without making a String of it (the tell hot path). */
  void send(StringBuilder json) {
    int n = json.length();
    if (chars.length < n + 1) {
      chars = new char[2 * n + 1];
    }
    json.getChars(0, n, chars, 0);
    chars[n] = '\n';
    try {
      in.write(chars, 0, n + 1);
    } catch (IOException e) {
      throw fail(null, "cannot write to it (" + e.getMessage() + ")", null);
    }
  }

  /** Called by the pool's watchdog. */
  void checkDeadline(long now) {
    long d = deadline;
    if (d != 0 && now - d > 0 && !timedOut) {
      timedOut = true;
      signalKill();
    }
  }

  boolean usable() {
    return !broken && process.isAlive();
  }

  /**
   * Marks the worker broken (the pool starts a new one for the next trial) and builds the error:
   * which trial, what went wrong, the offending line and the end of the worker's stderr.
   */
  NashException fail(String trialKey, String what, String line) {
    trialKey = trialKey != null ? trialKey : trial;
    broken = true;
    signalKill();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
      stderrPump.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StringBuilder sb = new StringBuilder("external searcher '").append(pool.label).append("' (worker ").append(id)
        .append(": ").append(String.join(" ", pool.spec.command())).append(')');
    if (trialKey != null) {
      sb.append(" failed in trial ").append(trialKey);
    }
    sb.append(": ").append(what);
    if (line != null) {
      sb.append("\n  offending line: ").append(line.length() > MAX_LINE_SHOWN
          ? line.substring(0, MAX_LINE_SHOWN) + "... (" + line.length() + " chars)" : line);
    }
    synchronized (tail) {
      if (tail.isEmpty()) {
        sb.append("\n  (nothing on its stderr)");
      } else {
        sb.append("\n  last lines of its stderr (all of it is in ").append(pool.logPath).append("):");
        for (String t : tail) {
          sb.append("\n    ").append(t);
        }
      }
    }
    return new NashException(sb.toString());
  }

  private String exitCode() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Ends the conversation: EOF on its stdin asks it to exit; it is killed if it does not. */
  void close() {
    try {
      in.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(2, TimeUnit.SECONDS);
      }
      stderrPump.join(2000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  void kill() {
    broken = true;
    signalKill();
  }

  /**
   * SIGKILL through the process handle: unlike {@link Process#destroyForcibly()} it leaves our ends of
   * the pipes open, so what the worker wrote to stderr before it died still reaches the log and the
   * error message.
   */
  private void signalKill() {
    process.toHandle().destroyForcibly();
  }
}
