package org.nash.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nash.NashException;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.retrain.train.TrainResult;
import org.nash.retrain.train.TrainSettings;

/**
 * A pool of N training worker processes ({@link TrainingWorker}), started on first use with the
 * parent's java, class path, nash/DJL system properties and environment. A training goes to a free
 * worker (callers wait for one); each training's seed is in its request, so results do not depend on
 * N or on which worker ran what. The parent stays the only writer of the result store: workers only
 * train. A worker that dies (or stays silent for {@link #SILENCE_MILLIS}) is replaced and its training
 * tried once more on a new worker; a second death is an error naming the cell. Workers stop when the
 * pool closes (last user), and with the JVM (a shutdown hook); a worker whose parent is gone exits by
 * itself (stdin closed, or a heartbeat it cannot write).
 */
public final class WorkerPool implements AutoCloseable {
  /** Longer than this without any line from a busy worker (it sends one every 5 s) means it hangs. */
  static final long SILENCE_MILLIS = 120_000;

  /**
   * What the workers load and how they train.
   *
   * @param torchThreads libtorch threads per worker; 0 = one
   * @param source CIFAR-10 source path, or null for the data catalog's
   * @param dataSha256 the parent's data identity; a worker loading other data stops with an error
   */
  public record Spec(int workers, String device, int torchThreads, String dataset, String source, int subset,
      String dataSha256) {}

  /** A finished training and where it ran. */
  public record Trained(TrainResult result, String device, String djlVersion, String libtorchVersion) {}

  private static final Map<Spec, WorkerPool> SHARED = new HashMap<>();

  private final Spec spec;
  private final Semaphore free;
  private final Deque<Worker> idle = new ConcurrentLinkedDeque<>();
  private final Set<Worker> all = ConcurrentHashMap.newKeySet();
  private final AtomicInteger numbers = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private final Thread hook = new Thread(this::stopAll, "nash-worker-shutdown");
  private int users;
  private volatile boolean closed;
  private boolean hooked;

  private WorkerPool(Spec spec) {
    if (spec.workers() < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + spec.workers());
    }
    this.spec = spec;
    this.free = new Semaphore(spec.workers(), true);
  }

  /**
   * The pool for {@code spec}, shared by every oracle of the process with the same spec (an
   * experiment's datasets train on the same data); {@link #close()} once per call.
   */
  public static synchronized WorkerPool acquire(Spec spec) {
    WorkerPool p = SHARED.computeIfAbsent(spec, WorkerPool::new);
    p.users++;
    return p;
  }

  public Spec spec() {
    return spec;
  }

  /**
   * libtorch threads of each worker: as given, else one. Not the cores split between the workers:
   * libtorch's numbers depend on its thread count in the last bits, and results must not depend on N.
   */
  public int torchThreads() {
    return spec.torchThreads() > 0 ? spec.torchThreads() : 1;
  }

  /**
   * Trains on a free worker (waits for one). {@code what} names the cell in errors, e.g.
   * "cell arch 1835 |skip..|". {@code listener} gets {@code started} and {@code epoch} (no steps).
   */
  public Trained train(String what, int[] ops, TrainSettings settings, NetworkTrainer.Listener listener) {
    try {
      free.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NashException("interrupted while waiting for a training worker for " + what, e);
    }
    try {
      WorkerDied first = null;
      for (int attempt = 1; attempt <= 2; attempt++) {
        Worker w = null;
        try {
          w = idle.pollFirst();
          if (w == null || !w.process.isAlive()) {
            if (w != null) {
              w.stop();
            }
            w = start();
          }
          TrainResult r = w.train(ids.incrementAndGet(), ops, settings, listener);
          idle.addFirst(w);
          return new Trained(r, w.device, w.djl, w.libtorch);
        } catch (WorkerDied d) {
          if (w != null) {
            w.stop();
          }
          if (closed) {
            throw new NashException("training of " + what + " stopped: the training workers were shut down", d);
          }
          if (first != null) {
            throw new NashException("training of " + what + " failed twice: " + first.getMessage() + "; then "
                + d.getMessage(), d);
          }
          first = d;
          System.err.println("nash: " + d.getMessage() + " while training " + what + "; trying it once more on a "
              + "new worker");
        } catch (RuntimeException e) {
          if (w != null && w.process.isAlive()) {
            idle.addFirst(w);
          }
          throw e;
        }
      }
      throw new IllegalStateException("unreachable");
    } finally {
      free.release();
    }
  }

  /** The last user stops the workers. */
  @Override
  public void close() {
    synchronized (WorkerPool.class) {
      if (--users > 0) {
        return;
      }
      SHARED.remove(spec, this);
      closed = true;
    }
    stopAll();
    synchronized (this) {
      if (hooked) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook runs anyway
        }
      }
    }
  }

  /** Live worker processes (for tests and diagnostics). */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> out = new ArrayList<>();
    all.forEach(w -> out.add(w.process.toHandle()));
    return out;
  }

  private void stopAll() {
    for (Worker w : all) {
      w.stop();
    }
  }

  private Worker start() {
    synchronized (this) {
      if (closed) {
        throw new NashException("the training workers were shut down");
      }
      if (!hooked) {
        Runtime.getRuntime().addShutdownHook(hook);
        hooked = true;
      }
    }
    Worker w = new Worker(numbers.incrementAndGet());
    all.add(w);
    try {
      w.init();
      return w;
    } catch (RuntimeException e) {
      w.stop();
      throw e;
    }
  }

  /** The command of a worker: this JVM's java and class path, the nash and DJL settings. */
  List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String name : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
      boolean pass = name.startsWith("nash.") || (name.startsWith("ai.djl.") && !name.startsWith("ai.djl.pytorch.num_"))
          || name.equals("OPT_OUT_TRACKING");
      if (pass) {
        cmd.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    cmd.add("-Dai.djl.pytorch.num_threads=" + torchThreads());
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(TrainingWorker.class.getName());
    return cmd;
  }

  /** A worker that died or stopped answering; the training may be tried again. */
  static final class WorkerDied extends RuntimeException {
    WorkerDied(String message) {
      super(message);
    }
  }

  private static final Object EOF = new Object();

  private final class Worker {
    final int number;
    final Process process;
    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final Deque<String> lastErr = new ArrayDeque<>();
    final OutputStream stdin;
    String device;
    String djl;
    String libtorch;

    Worker(int number) {
      this.number = number;
      ProcessBuilder pb = new ProcessBuilder(command());
      Map<String, String> env = pb.environment();
      // Java cannot see DjlSetup's setenv: pass the policy on (sleeping OpenMP threads; see DjlSetup).
      env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
      env.putIfAbsent("OPT_OUT_TRACKING", "true");
      // ONEDNN_MAX_CPU_ISA, DJL_OFFLINE and PYTORCH_* are inherited with the rest of the environment.
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new NashException("cannot start a training worker (" + pb.command().get(0) + "): " + e.getMessage(), e);
      }
      stdin = process.getOutputStream();
      String tag = "[worker " + number + " pid " + process.pid() + "] ";
      Thread out = new Thread(() -> readOut(process.getInputStream(), tag), "nash-worker-" + number + "-out");
      Thread err = new Thread(() -> readErr(process.getErrorStream(), tag), "nash-worker-" + number + "-err");
      out.setDaemon(true);
      err.setDaemon(true);
      out.start();
      err.start();
    }

    private void readOut(InputStream s, String tag) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith(WorkerProtocol.PREFIX)) {
            try {
              messages.add(WorkerProtocol.read(line.substring(WorkerProtocol.PREFIX.length())));
            } catch (JsonProcessingException e) {
              System.err.println(tag + "unreadable message: " + line);
            }
          } else {
            System.err.println(tag + line);
          }
        }
      } catch (IOException e) {
        // the process is gone: EOF below
      } finally {
        messages.add(EOF);
      }
    }

    private void readErr(InputStream s, String tag) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          System.err.println(tag + line);
          synchronized (lastErr) {
            lastErr.addLast(line);
            if (lastErr.size() > 10) {
              lastErr.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
    }

    void init() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "init");
      m.put("device", spec.device());
      m.put("dataset", spec.dataset());
      m.put("source", spec.source());
      m.put("subset", spec.subset());
      m.put("sha256", spec.dataSha256());
      send(m, "starting");
      JsonNode ready = await(-1, "starting", null);
      device = ready.get("device").asText();
      djl = ready.get("djl").asText();
      libtorch = ready.get("libtorch").asText();
    }

    TrainResult train(long id, int[] ops, TrainSettings settings, NetworkTrainer.Listener listener) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "train");
      m.put("id", id);
      m.put("ops", ops);
      m.put("settings", settings);
      send(m, "training");
      JsonNode result = await(id, "training", listener);
      try {
        return WorkerProtocol.JSON.treeToValue(result.get("result"), TrainResult.class);
      } catch (JsonProcessingException e) {
        throw new NashException(name() + " sent an unreadable result: " + e.getOriginalMessage(), e);
      }
    }

    private void send(Map<String, Object> message, String doing) {
      try {
        stdin.write((WorkerProtocol.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      } catch (IOException e) {
        throw died(doing);
      }
    }

    /** Waits for {@code ready} (id -1) or the result of {@code id}, passing progress on. */
    private JsonNode await(long id, String doing, NetworkTrainer.Listener listener) {
      while (true) {
        Object o;
        try {
          o = messages.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NashException("interrupted while " + name() + " was " + doing, e);
        }
        if (o == null) {
          process.destroyForcibly();
          throw new WorkerDied(name() + " sent nothing for " + SILENCE_MILLIS / 1000 + " s while " + doing
              + " and was stopped");
        }
        if (o == EOF) {
          throw died(doing);
        }
        JsonNode n = (JsonNode) o;
        String type = n.path("type").asText();
        switch (type) {
          case "ready", "result" -> {
            return n;
          }
          case "error" -> throw new NashException(name() + (id < 0 ? " could not start: " : ": ")
              + n.path("message").asText());
          case "started" -> {
            if (listener != null) {
              listener.started(n.path("parameters").asLong(), n.path("steps").asInt());
            }
          }
          case "epoch" -> {
            if (listener != null) {
              try {
                listener.epoch(WorkerProtocol.JSON.treeToValue(n.get("epoch"), EpochResult.class));
              } catch (JsonProcessingException e) {
                throw new NashException(name() + " sent an unreadable epoch: " + e.getOriginalMessage(), e);
              }
            }
          }
          default -> {
            // "alive": the heartbeat
          }
        }
      }
    }

    private WorkerDied died(String doing) {
      String exit;
      try {
        if (process.waitFor(10, TimeUnit.SECONDS)) {
          int code = process.exitValue();
          exit = code > 128 ? "exit code " + code + ", killed by signal " + (code - 128) : "exit code " + code;
        } else {
          process.destroyForcibly();
          exit = "its output closed; stopped";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exit = "interrupted";
      }
      String err;
      synchronized (lastErr) {
        err = lastErr.isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", lastErr);
      }
      return new WorkerDied(name() + " died while " + doing + " (" + exit + ")" + err);
    }

    String name() {
      return "training worker " + number + " (pid " + process.pid() + ")";
    }

    void stop() {
      all.remove(this);
      idle.remove(this);
      try {
        stdin.close(); // an idle worker exits on EOF
      } catch (IOException e) {
        // already gone
      }
      try {
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
