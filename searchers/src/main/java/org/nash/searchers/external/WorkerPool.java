package org.nash.searchers.external;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.nash.NashException;
import org.nash.space.SearchDomain;

/**
 * The worker processes of one external searcher entry during one run: at most one busy worker per
 * runner thread, each serving many trials one after another. A worker that failed is discarded and
 * the next trial starts a fresh one. All workers' stderr goes to one log in the results folder.
 */
final class WorkerPool implements AutoCloseable {
  private static final long WATCH_MILLIS = 50;

  final ExternalSpec spec;
  final String label;
  final Path logPath;
  private final Writer log;
  private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final List<Worker> all = new ArrayList<>();
  private final Map<SearchDomain, Protocol.Domain> domains = new IdentityHashMap<>();
  private final Thread watchdog;
  private int started;
  private boolean closed;

  WorkerPool(ExternalSpec spec, String label, Path outDir) {
    this.spec = spec;
    this.label = label;
    this.logPath = outDir.resolve(spec.log() != null ? spec.log() : "external-" + label.replaceAll("[^A-Za-z0-9._+-]", "_") + ".log");
    try {
      Files.createDirectories(logPath.toAbsolutePath().getParent());
      log = Files.newBufferedWriter(logPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      log.write("== nash run: searcher '" + label + "', command " + spec.command() + "\n");
      log.flush();
    } catch (IOException e) {
      throw new NashException("searcher '" + label + "': cannot write its log " + logPath + ": " + e.getMessage(), e);
    }
    watchdog = new Thread(this::watch, "nash-external-watchdog-" + label);
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private void watch() {
    while (true) {
      try {
        Thread.sleep(WATCH_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      synchronized (this) {
        if (closed) {
          return;
        }
        for (Worker w : all) {
          w.checkDeadline(now);
        }
      }
    }
  }

  /** An idle worker, or a new one after its handshake. */
  Worker borrow(String trialKey) {
    Worker w;
    while ((w = idle.pollFirst()) != null) {
      if (w.usable()) {
        return w;
      }
      w.kill();
    }
    ProcessBuilder pb = new ProcessBuilder(spec.command());
    // Deterministic str hashing, so set and dict orders in a Python worker do not vary between runs.
    pb.environment().putIfAbsent("PYTHONHASHSEED", "0");
    synchronized (this) {
      if (closed) {
        throw new NashException("searcher '" + label + "': the run is over");
      }
      try {
        w = new Worker(++started, this, pb);
      } catch (IOException e) {
        throw new NashException("external searcher '" + label + "' cannot start " + spec.command()
            + (trialKey == null ? "" : " for trial " + trialKey) + ": " + e.getMessage(), e);
      }
      all.add(w);
    }
    w.handshake(trialKey, Protocol.hello(label, spec.workerParams()));
    return w;
  }

  void release(Worker w) {
    if (w.usable()) {
      idle.addFirst(w);
    }
  }

  synchronized Protocol.Domain domain(SearchDomain d) {
    return domains.computeIfAbsent(d, Protocol::domain);
  }

  void log(String line, boolean flush) {
    synchronized (log) {
      try {
        log.write(line);
        log.write('\n');
        if (flush) {
          log.flush();
        }
      } catch (IOException e) {
        // a full disk must not hide the trial's own error; the tail is kept in memory too
      }
    }
  }

  @Override
  public void close() {
    List<Worker> workers;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      workers = new ArrayList<>(all);
    }
    watchdog.interrupt();
    for (Worker w : workers) {
      w.close();
    }
    synchronized (log) {
      try {
        log.close();
      } catch (IOException e) {
        // nothing more to save
      }
    }
  }
}
