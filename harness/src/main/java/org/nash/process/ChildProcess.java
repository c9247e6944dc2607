package org.nash.process;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One worker process spoken to in lines: buffered writes to its stdin, capped line reads from its
 * stdout, both under a deadline the {@link Watchdog} enforces, its stderr copied to a sink. One
 * thread at a time talks to it (a pool lends it out); killing and stopping are safe from any thread.
 * See the package comment for what a kill takes with it.
 */
public final class ChildProcess implements AutoCloseable {
  /** The default cap on one stdout line. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;
  /** Longer stderr lines are cut (stderr is free-form: it never fails a worker). */
  static final int STDERR_MAX_LINE_BYTES = 64 << 10;
  /** Lines in {@link #stderrTail()} are shortened to this, for messages. */
  static final int TAIL_LINE_CHARS = 500;
  /** How long a failure waits for the killed tree to go and its stderr to drain. */
  private static final long DRAIN_MILLIS = 2000;

  /** Receives each stderr line; {@code more} = more lines are ready now (a hint to flush later). */
  @FunctionalInterface
  public interface LineSink {
    void line(String line, boolean more);
  }

  public static Builder builder(List<String> command) {
    return new Builder(command);
  }

  /** What to start and how to treat it. */
  public static final class Builder {
    private final List<String> command;
    private String name;
    private Path directory;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> envIfAbsent = new LinkedHashMap<>();
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private LineSink stderr = (line, more) -> {};
    private int tailLines = 20;
    private long graceMillis = 2000;
    private boolean ownSession = true;

    private Builder(List<String> command) {
      if (command.isEmpty() || command.get(0).isBlank()) {
        throw new IllegalArgumentException("a command needs a program");
      }
      this.command = List.copyOf(command);
      this.name = String.join(" ", command);
    }

    /** How messages and thread names call the worker, e.g. "training worker 2". */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name);
      return this;
    }

    /** Working directory; null (default) = nash's. */
    public Builder directory(Path dir) {
      this.directory = dir;
      return this;
    }

    /** Sets one variable of the worker's environment (which starts as nash's). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Sets a variable unless nash's environment already has it. */
    public Builder envIfAbsent(String key, String value) {
      envIfAbsent.put(key, value);
      return this;
    }

    public Builder maxLineBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxLineBytes must be positive, got " + max);
      }
      this.maxLineBytes = max;
      return this;
    }

    public Builder stderr(LineSink sink) {
      this.stderr = Objects.requireNonNull(sink);
      return this;
    }

    /** How many of the last stderr lines to keep for messages (default 20). */
    public Builder tailLines(int n) {
      this.tailLines = Math.max(0, n);
      return this;
    }

    /** How long {@link #close()} waits for an exit after end of input before it kills (default 2 s). */
    public Builder graceMillis(long millis) {
      this.graceMillis = Math.max(0, millis);
      return this;
    }

    /**
     * Whether the worker gets a session of its own (default, where {@code setsid} exists) so that
     * its orphans can be found and killed, and Ctrl-C on the terminal reaches nash alone.
     */
    public Builder ownSession(boolean own) {
      this.ownSession = own;
      return this;
    }

    /** Starts the worker; a {@link ProcessFailure} of kind START when it cannot be. */
    public ChildProcess start() {
      checkProgram();
      boolean session = ownSession && ProcessTree.setsid().isPresent();
      List<String> cmd = new ArrayList<>();
      if (session) {
        cmd.add(ProcessTree.setsid().get());
      }
      cmd.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (directory != null) {
        pb.directory(directory.toFile());
      }
      Map<String, String> e = pb.environment();
      envIfAbsent.forEach(e::putIfAbsent);
      e.putAll(env);
      Watchdog.GATE.readLock().lock();
      try {
        if (Watchdog.stopping()) {
          throw new ProcessFailure(ProcessFailure.Kind.STOPPED, name, "starting", "nash is shutting down", null,
              List.of(), null);
        }
        Process p;
        try {
          p = pb.start();
        } catch (IOException ex) {
          throw startFailure(ex.getMessage(), ex);
        }
        return new ChildProcess(this, p, session);
      } finally {
        Watchdog.GATE.readLock().unlock();
      }
    }

    /**
     * The program must be there now: behind {@code setsid} a missing program would only show as an
     * exit code, not as the clear start error it is.
     */
    private void checkProgram() {
      String program = command.get(0);
      if (program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) {
        Path p = Path.of(program);
        if (!p.isAbsolute() && directory != null) {
          p = directory.resolve(p);
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
          throw startFailure(program + " is not an executable file" + (Path.of(program).isAbsolute() ? ""
              : " (relative to " + (directory != null ? directory : Path.of("")).toAbsolutePath() + ")"), null);
        }
        return;
      }
      String path = env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
      for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return;
        }
      }
      throw startFailure("'" + program + "' is not on PATH", null);
    }

    private ProcessFailure startFailure(String why, Throwable cause) {
      return new ProcessFailure(ProcessFailure.Kind.START, name, "starting", "cannot start " + command + ": " + why,
          null, List.of(), cause);
    }
  }

  private final String name;
  private final Process process;
  private final boolean session;
  private final BufferedWriter in;
  private final LineReader out;
  private final Thread pump;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final int tailLines;
  private final long graceMillis;
  private final int maxLineBytes;
  private char[] chars = new char[256];
  /** System.nanoTime() by which the current read or write must finish; 0 = none running. */
  private volatile long deadline;
  private volatile boolean timedOut;
  /** nash stopped it (close, kill, shutdown): a failure now is not the worker's doing. */
  private volatile boolean stopped;
  private volatile boolean broken;

  private ChildProcess(Builder b, Process p, boolean session) {
    this.name = b.name;
    this.process = p;
    this.session = session;
    this.tailLines = b.tailLines;
    this.graceMillis = b.graceMillis;
    this.maxLineBytes = b.maxLineBytes;
    this.in = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
    this.out = new LineReader(p.getInputStream(), b.maxLineBytes, false);
    LineSink sink = b.stderr;
    this.pump = new Thread(() -> pumpStderr(sink), "nash-stderr-" + p.pid());
    pump.setDaemon(true);
    pump.start();
    if (!Watchdog.register(this)) {
      stopped = true;
      broken = true;
      ProcessTree.kill(p.toHandle(), session);
      throw new ProcessFailure(ProcessFailure.Kind.STOPPED, name, "starting", "nash is shutting down", null, List.of(),
          null);
    }
    // Whatever the worker left running when it exited (a grandchild holding its stdout) goes with
    // it: otherwise a read would wait for that grandchild instead of seeing the crash.
    p.onExit().thenRun(() -> {
      if (session) {
        ProcessTree.kill(p.toHandle(), true);
      }
    });
  }

  private void pumpStderr(LineSink sink) {
    LineReader err = new LineReader(process.getErrorStream(), STDERR_MAX_LINE_BYTES, true);
    try {
      String line;
      while ((line = err.readLine()) != null) {
        synchronized (tail) {
          tail.addLast(line.length() > TAIL_LINE_CHARS ? line.substring(0, TAIL_LINE_CHARS) + "..." : line);
          while (tail.size() > tailLines) {
            tail.removeFirst();
          }
        }
        sink.line(line, err.ready());
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone (or the sink failed): what it wrote so far is in the tail and the sink
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Alive, and neither failed nor stopped. */
  public boolean usable() {
    return !broken && !stopped && process.isAlive();
  }

  /** The last stderr lines, oldest first. */
  public List<String> stderrTail() {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  /** Queues one line for the worker (written to the pipe when the buffer fills or on a flush). */
  public void send(CharSequence line, Wait wait, String doing) {
    usableFor(doing);
    deadline = System.nanoTime() + wait.nanos();
    try {
      if (line instanceof String s) {
        in.write(s);
      } else {
        int n = line.length();
        if (chars.length < n) {
          chars = new char[2 * n];
        }
        if (line instanceof StringBuilder sb) {
          sb.getChars(0, n, chars, 0);
        } else {
          line.toString().getChars(0, n, chars, 0);
        }
        in.write(chars, 0, n);
      }
      in.write('\n');
    } catch (IOException e) {
      throw writeFailed(wait, doing, e);
    } finally {
      deadline = 0;
    }
  }

  /** Writes what is queued to the pipe. */
  public void flush(Wait wait, String doing) {
    usableFor(doing);
    deadline = System.nanoTime() + wait.nanos();
    try {
      in.flush();
    } catch (IOException e) {
      throw writeFailed(wait, doing, e);
    } finally {
      deadline = 0;
    }
  }

  /** Flushes what is queued, then reads one line: a request and its reply. */
  public String request(Wait wait, String doing) {
    flush(wait, doing);
    return readLine(wait, doing);
  }

  /**
   * The next stdout line within the wait. A {@link ProcessFailure} (the tree killed) on a timeout, a
   * crash, closed output, or a line longer than the cap.
   */
  public String readLine(Wait wait, String doing) {
    usableFor(doing);
    deadline = System.nanoTime() + wait.nanos();
    String line;
    try {
      line = out.readLine();
    } catch (LineReader.TooLong e) {
      deadline = 0;
      throw failure(ProcessFailure.Kind.LINE_TOO_LONG, doing, "it wrote a line longer than " + size(maxLineBytes)
          + " while " + doing + " (killed with its process tree)", null, e);
    } catch (IOException e) {
      line = null;
    } finally {
      deadline = 0;
    }
    if (line == null) {
      throw endOfOutput(wait, doing, null);
    }
    return line;
  }

  private static String size(int bytes) {
    return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MB" : bytes + " bytes";
  }

  private void usableFor(String doing) {
    if (broken || stopped) {
      throw new ProcessFailure(ProcessFailure.Kind.STOPPED, name, doing, "it was stopped or failed before "
          + doing, null, stderrTail(), null);
    }
  }

  private ProcessFailure writeFailed(Wait wait, String doing, IOException e) {
    if (timedOut) {
      kill();
      return new ProcessFailure(ProcessFailure.Kind.TIMEOUT, name, doing, "timeout: it did not read its input within "
          + wait.label() + " while " + doing + " (killed with its process tree)", null, stderrTail(), e, true);
    }
    return endOfOutput(wait, doing, e);
  }

  /** Its output ended (or input broke): a timeout we acted on, a stop, a crash, or closed pipes. */
  private ProcessFailure endOfOutput(Wait wait, String doing, IOException cause) {
    if (timedOut) {
      return failure(ProcessFailure.Kind.TIMEOUT, doing, "timeout: nothing from it within " + wait.label() + " while "
          + doing + " (killed with its process tree)", null, cause);
    }
    if (stopped) {
      return failure(ProcessFailure.Kind.STOPPED, doing, "it was stopped by nash while " + doing, null, cause);
    }
    Integer code = exitWithin(DRAIN_MILLIS);
    if (code != null) {
      return failure(ProcessFailure.Kind.CRASH, doing, "crash: it exited (" + ProcessFailure.describeExit(code)
          + ") while " + doing, code, cause);
    }
    return cause == null
        ? failure(ProcessFailure.Kind.OUTPUT_CLOSED, doing, "it closed its output while " + doing
            + " (killed with its process tree)", null, null)
        : failure(ProcessFailure.Kind.INPUT_CLOSED, doing, "it stopped reading its input while " + doing + " ("
            + cause.getMessage() + "; killed with its process tree)", null, cause);
  }

  private Integer exitWithin(long millis) {
    try {
      return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private ProcessFailure failure(ProcessFailure.Kind kind, String doing, String reason, Integer code, Throwable cause) {
    kill();
    return new ProcessFailure(kind, name, doing, reason, code, stderrTail(), cause);
  }

  /** Called by the watchdog. */
  void checkDeadline(long now) {
    long d = deadline;
    if (d != 0 && now - d > 0) {
      deadline = 0;
      // a late close is nash stopping it, not the worker timing out
      if (!stopped) {
        timedOut = true;
      }
      ProcessTree.kill(process.toHandle(), session);
    }
  }

  /**
   * Kills the tree now (for a worker that broke its protocol) and waits, briefly, until it is gone
   * and its stderr is drained, so {@link #stderrTail()} holds its last words. Our ends of the pipes
   * stay open until then: a kill through the handle, unlike {@link Process#destroyForcibly()}, does
   * not close them.
   */
  public void kill() {
    broken = true;
    ProcessTree.kill(process.toHandle(), session);
    drain(DRAIN_MILLIS);
    Watchdog.unregister(this);
  }

  private void drain(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    try {
      process.waitFor(millis, TimeUnit.MILLISECONDS);
      pump.join(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** End of input: a well-behaved worker exits now. What was queued is written first. */
  void closeInput() {
    boolean alreadyStopped = stopped;
    stopped = true;
    if (alreadyStopped && !process.isAlive()) {
      return;
    }
    // A worker that does not read would block the flush: the watchdog ends that wait.
    deadline = System.nanoTime() + Math.max(graceMillis, 100) * 1_000_000L;
    try {
      in.close();
    } catch (IOException e) {
      // gone already
    } finally {
      deadline = 0;
    }
  }

  /** Stops it in order: end of input, {@code grace} to exit, then the tree is killed. */
  @Override
  public void close() {
    closeAll(List.of(this), graceMillis);
  }

  /** Stops several workers in order at once: the grace period runs for all of them together. */
  public static void closeAll(Collection<ChildProcess> children, long graceMillis) {
    for (ChildProcess c : children) {
      c.stopped = true;
    }
    long end = System.nanoTime() + graceMillis * 1_000_000L;
    for (ChildProcess c : children) {
      c.closeInput();
    }
    for (ChildProcess c : children) {
      try {
        long left = end - System.nanoTime();
        if (left > 0) {
          c.process.waitFor(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ChildProcess c : children) {
      c.broken = true;
      // even after a clean exit: what it left running in its session goes too
      ProcessTree.kill(c.process.toHandle(), c.session);
    }
    for (ChildProcess c : children) {
      c.drain(DRAIN_MILLIS);
      Watchdog.unregister(c);
    }
  }

  /** The exit code once it has exited, else null. */
  public Integer exitCode() {
    return process.isAlive() ? null : process.exitValue();
  }

  /** Live children of this JVM started through this library and not yet stopped. */
  public static List<ProcessHandle> liveProcesses() {
    List<ProcessHandle> out = new ArrayList<>();
    for (ChildProcess c : Watchdog.live()) {
      out.add(c.handle());
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
