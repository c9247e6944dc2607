package org.nash.searchers.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nash.NashException;
import org.nash.process.ChildPool;
import org.nash.process.ChildProcess;
import org.nash.process.ProcessFailure;
import org.nash.process.ProcessLog;
import org.nash.process.Wait;
import org.nash.space.SearchDomain;

/**
 * The worker processes of one external searcher entry during one run: at most one busy worker per
 * runner thread, each serving many trials one after another. A worker that failed is discarded and
 * the next trial starts a fresh one. All workers' stderr goes to one log in the results folder.
 */
final class WorkerPool implements AutoCloseable {
  final ExternalSpec spec;
  final String label;
  final ProcessLog log;
  final Wait timeout;
  final Wait startup;
  private final String pythonPath;
  private final ChildPool<Worker> workers;
  private final Map<SearchDomain, Protocol.Domain> domains = new IdentityHashMap<>();
  /** The first worker's hello: its name and version (null: none given), once one has said it. */
  private String helloName;
  private String helloVersion;

  WorkerPool(ExternalSpec spec, String label, Path outDir) {
    this.spec = spec;
    this.label = label;
    this.timeout = Wait.nanos(spec.timeoutNanos(), "timeout_s = " + spec.timeoutNanos() / 1e9 + " s");
    this.startup = Wait.nanos(spec.startupNanos(), "startup_timeout_s = " + spec.startupNanos() / 1e9 + " s");
    Path logPath = outDir.resolve(spec.log() != null ? spec.log()
        : "external-" + label.replaceAll("[^A-Za-z0-9._+-]", "_") + ".log");
    checkLogStaysInside(outDir, logPath);
    this.log = ProcessLog.open(logPath, "== nash run: searcher '" + label + "', command " + spec.command());
    this.pythonPath = PythonClient.pythonPath(System.getenv("PYTHONPATH"));
    this.workers = new ChildPool<>(this::start, "searcher '" + label + "': the run is over", 2000);
  }

  /**
   * The log is refused when a link would take it out of the results folder or onto another file
   * (ExternalSpec has already refused nash's own names and paths that leave the folder).
   */
  private void checkLogStaysInside(Path outDir, Path logPath) {
    try {
      Files.createDirectories(outDir);
      Path root = outDir.toRealPath();
      Path parent = logPath.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.isSymbolicLink(logPath) || !parent.toRealPath().startsWith(root)
          || (Files.exists(logPath, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(logPath, LinkOption.NOFOLLOW_LINKS))) {
        throw new NashException("searcher '" + label + "': parameter 'log' (" + spec.log() + ") must be a plain file "
            + "inside the results folder " + outDir + ", not a link or a path through one");
      }
    } catch (IOException e) {
      throw new NashException("searcher '" + label + "': cannot write its log " + logPath + ": " + e.getMessage(), e);
    }
  }

  private Worker start(int n) {
    ChildProcess.Builder b = ChildProcess.builder(spec.command())
        .name("external searcher '" + label + "' (worker " + n + ")")
        // Deterministic str hashing, so set and dict orders in a Python worker do not vary between runs.
        .envIfAbsent("PYTHONHASHSEED", "0")
        .stderr(log.sink("[worker " + n + "] "));
    if (pythonPath != null) {
      b.env("PYTHONPATH", pythonPath);
    }
    return new Worker(n, this, b.start());
  }

  /** An idle worker, or a new one after its handshake. */
  Worker borrow(String trialKey) {
    try {
      return workers.borrow(w -> w.handshake(trialKey, Protocol.hello(label, spec.workerParams())));
    } catch (ProcessFailure f) {
      if (f.kind() != ProcessFailure.Kind.START) {
        throw f;
      }
      throw new NashException("external searcher '" + label + "' " + f.reason()
          + (trialKey == null ? "" : " (for trial " + trialKey + ")"), f);
    }
  }

  /**
   * Records a worker's hello; returns null when it is the first or agrees with the first, else how
   * the first one described itself.
   */
  synchronized String hello(String name, String version) {
    if (helloName == null) {
      helloName = name;
      helloVersion = version;
      return null;
    }
    boolean same = helloName.equals(name) && java.util.Objects.equals(helloVersion, version);
    return same ? null : helloName + (helloVersion != null ? " " + helloVersion : "");
  }

  /** The workers' hello as the searcher's identity records it (empty before the first handshake). */
  synchronized Map<String, String> helloIdentity() {
    Map<String, String> m = new java.util.TreeMap<>();
    if (helloName != null) {
      m.put("hello.name", helloName);
      m.put("hello.version", helloVersion != null ? helloVersion : "(none)");
    }
    return m;
  }

  void release(Worker w) {
    workers.release(w);
  }

  synchronized Protocol.Domain domain(SearchDomain d) {
    return domains.computeIfAbsent(d, Protocol::domain);
  }

  @Override
  public void close() {
    workers.close();
    log.close();
  }
}
