package org.nash.process;

import java.util.List;
import org.nash.NashException;

/**
 * A worker that could not do what was asked. The child's process tree is already killed when this
 * is thrown, and the child is no longer usable. {@link #kind()} says what happened; pools build
 * their protocol's message from it, {@link #reason()} is a plain default.
 */
public final class ProcessFailure extends NashException {
  /** What went wrong. */
  public enum Kind {
    /** The command could not be started. */
    START,
    /** No line (or no read of our input) within the wait: the tree was killed for it. */
    TIMEOUT,
    /** The worker exited on its own; {@link #exitCode()} says how. */
    CRASH,
    /** The worker closed its stdout but did not exit. */
    OUTPUT_CLOSED,
    /** The worker closed its stdin (a write failed) but did not exit. */
    INPUT_CLOSED,
    /** A stdout line longer than the cap. */
    LINE_TOO_LONG,
    /** The child was stopped (closed or killed) by nash while this was going on. */
    STOPPED
  }

  private final Kind kind;
  private final String worker;
  private final String doing;
  private final String reason;
  private final Integer exitCode;
  private final List<String> stderrTail;
  private final boolean writing;

  ProcessFailure(Kind kind, String worker, String doing, String reason, Integer exitCode, List<String> stderrTail,
      Throwable cause) {
    this(kind, worker, doing, reason, exitCode, stderrTail, cause, false);
  }

  ProcessFailure(Kind kind, String worker, String doing, String reason, Integer exitCode, List<String> stderrTail,
      Throwable cause, boolean writing) {
    super(worker + ": " + reason + tailText(stderrTail), cause);
    this.kind = kind;
    this.worker = worker;
    this.doing = doing;
    this.reason = reason;
    this.exitCode = exitCode;
    this.stderrTail = List.copyOf(stderrTail);
    this.writing = writing;
  }

  /** Whether it happened while writing to the worker (it did not read), not while waiting for a line. */
  public boolean writing() {
    return writing;
  }

  private static String tailText(List<String> tail) {
    return tail.isEmpty() ? "" : "\n  last lines of its stderr:\n    " + String.join("\n    ", tail);
  }

  public Kind kind() {
    return kind;
  }

  /** The worker's name as given when it was started. */
  public String worker() {
    return worker;
  }

  /** What nash was doing with it, e.g. "an ask", "training". */
  public String doing() {
    return doing;
  }

  /** One line: "timeout: ...", "crash: it exited (code 3) ...", ... without the worker's name. */
  public String reason() {
    return reason;
  }

  /** The exit code for a crash (128 + N when killed by signal N), else null. */
  public Integer exitCode() {
    return exitCode;
  }

  /** The last lines the worker wrote on stderr, oldest first. */
  public List<String> stderrTail() {
    return stderrTail;
  }

  /** "code 3", or "code 137, killed by signal 9". */
  public static String describeExit(int code) {
    return code > 128 && code < 160 ? "code " + code + ", killed by signal " + (code - 128) : "code " + code;
  }
}
