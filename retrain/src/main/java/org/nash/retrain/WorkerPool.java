package org.nash.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.nash.NashException;
import org.nash.process.ChildPool;
import org.nash.process.ChildProcess;
import org.nash.process.ProcessFailure;
import org.nash.process.Wait;
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
 * tried once more on a new worker; a second death is an error naming the cell. A training that still
 * ends in NaN after the worker's own reruns is tried once more on a new worker too, and kept if it
 * ends in NaN there as well. The processes are
 * {@link ChildProcess}es: they stop when the pool closes (last user) and with the JVM, each with
 * its process tree; a worker whose parent is gone exits by itself (stdin closed, or a heartbeat it
 * cannot write).
 */
public final class WorkerPool implements AutoCloseable {
  /** Longer than this without any line from a busy worker (it sends one every 5 s) means it hangs. */
  static final long SILENCE_MILLIS = 120_000;
  private static final Wait SILENCE = Wait.nanos(SILENCE_MILLIS * 1_000_000L, SILENCE_MILLIS / 1000 + " s");

  /**
   * What the workers load and how they train.
   *
   * @param torchThreads libtorch threads per worker; 0 = one
   * @param source CIFAR-10 source path, or null for the data catalog's
   * @param dataSha256 the parent's data identity; a worker loading other data stops with an error
   * @param devices GPU indices to spread the workers over (issue 25, {@link DeviceAssignment}); empty:
   *     {@code CUDA_VISIBLE_DEVICES}, else device 0; ignored on the CPU
   */
  public record Spec(int workers, String device, int torchThreads, String dataset, String source, int subset,
      String dataSha256, List<Integer> devices) {
    public Spec {
      devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public Spec(int workers, String device, int torchThreads, String dataset, String source, int subset,
        String dataSha256) {
      this(workers, device, torchThreads, dataset, source, subset, dataSha256, List.of());
    }
  }

  /** A finished training and where it ran. */
  public record Trained(TrainResult result, String device, String djlVersion, String libtorchVersion) {}

  private static final Map<Spec, WorkerPool> SHARED = new HashMap<>();

  private final Spec spec;
  private final Semaphore free;
  private final ChildPool<Worker> workers;
  private final AtomicLong ids = new AtomicLong();
  private int users;
  private volatile boolean closed;
  /** The device of each slot and the live workers on it: a new worker takes the least used (issue 25). */
  private final List<String> slots;
  private final int[] live;

  private WorkerPool(Spec spec) {
    if (spec.workers() < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + spec.workers());
    }
    this.spec = spec;
    this.free = new Semaphore(spec.workers(), true);
    this.workers = new ChildPool<>(Worker::new, "the training workers were shut down", 2000);
    this.slots = spec.device().equals("cpu") ? List.of("cpu")
        : DeviceAssignment.devices(spec.devices(), System.getenv("CUDA_VISIBLE_DEVICES")).stream().map(d -> "gpu:" + d)
            .toList();
    this.live = new int[slots.size()];
  }

  /** The devices the workers are spread over ({@code cpu}, or {@code gpu:K} each). */
  public List<String> devices() {
    return slots;
  }

  private synchronized int takeSlot() {
    int k = DeviceAssignment.leastUsed(live);
    live[k]++;
    return k;
  }

  private synchronized void freeSlot(int k) {
    live[k]--;
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
          w = workers.borrow(Worker::init);
          TrainResult r = w.train(ids.incrementAndGet(), ops, settings, listener);
          if (attempt == 1 && !Double.isFinite(r.validLoss()) && !closed) {
            // The worker already trained it again (NetworkTrainer.withReruns); a process can keep repeating
            // the NaN fault of retrain/README.md, so a new process gets one more try, as after a death.
            workers.discard(w);
            freeSlot(w.slot);
            System.err.println("nash: " + w.name() + " ended the training of " + what + " with a NaN evaluation;"
                + " trying it once more on a new worker");
            continue;
          }
          workers.release(w);
          return new Trained(r, w.device, w.djl, w.libtorch);
        } catch (WorkerDied d) {
          if (w != null) {
            workers.discard(w);
            freeSlot(w.slot);
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
          if (w != null) {
            workers.release(w);
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
    workers.close();
  }

  /** Live worker processes (for tests and diagnostics). */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> out = new ArrayList<>();
    workers.members().forEach(w -> out.add(w.child.handle()));
    return out;
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

  private final class Worker implements ChildPool.Member {
    final int number;
    final ChildProcess child;
    final int slot;
    /** "[worker K pid P] ": what the worker's stderr and stray stdout lines are forwarded with. */
    private volatile String tag;
    String device;
    String djl;
    String libtorch;

    Worker(int number) {
      this.number = number;
      this.slot = takeSlot();
      this.tag = "[worker " + number + "] ";
      List<String> cmd = command();
      try {
        child = ChildProcess.builder(cmd).name("training worker " + number)
            // Java cannot see DjlSetup's setenv: pass the policy on (sleeping OpenMP threads; see DjlSetup).
            // ONEDNN_MAX_CPU_ISA, DJL_OFFLINE and PYTORCH_* are inherited with the rest of the environment.
            .envIfAbsent("OMP_WAIT_POLICY", "PASSIVE")
            .envIfAbsent("OPT_OUT_TRACKING", "true")
            .stderr((line, more) -> System.err.println(tag + line))
            .tailLines(10)
            .start();
      } catch (ProcessFailure f) {
        freeSlot(slot);
        throw new NashException("cannot start a training worker (" + cmd.get(0) + "): " + f.reason(), f);
      }
      tag = "[worker " + number + " pid " + child.pid() + "] ";
    }

    @Override
    public ChildProcess process() {
      return child;
    }

    void init() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "init");
      m.put("device", slots.get(slot));
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
        child.send(WorkerProtocol.write(message), SILENCE, doing);
        child.flush(SILENCE, doing);
      } catch (ProcessFailure f) {
        throw died(f, doing);
      }
    }

    /** Waits for {@code ready} (id -1) or the result of {@code id}, passing progress on. */
    private JsonNode await(long id, String doing, NetworkTrainer.Listener listener) {
      ProgressDeadline deadline = ProgressDeadline.fromProperties(); // issue 24
      while (true) {
        String line;
        try {
          line = child.readLine(SILENCE, doing);
        } catch (ProcessFailure f) {
          throw died(f, doing);
        }
        // issue 24: heartbeats without a finished epoch in time end the training like a silent worker
        String overdue = deadline.overdue(System.nanoTime());
        if (overdue != null) {
          throw new WorkerDied(name() + " " + overdue + " while " + doing + "; it was stopped with its process tree");
        }
        if (!line.startsWith(WorkerProtocol.PREFIX)) {
          System.err.println(tag + line);
          continue;
        }
        JsonNode n;
        try {
          n = WorkerProtocol.read(line.substring(WorkerProtocol.PREFIX.length()));
        } catch (JsonProcessingException e) {
          System.err.println(tag + "unreadable message: " + line);
          continue;
        }
        String type = n.path("type").asText();
        switch (type) {
          case "ready", "result" -> {
            return n;
          }
          case "error" -> throw new NashException(name() + (id < 0 ? " could not start: " : ": ")
              + n.path("message").asText());
          case "started" -> {
            deadline.started(System.nanoTime());
            if (listener != null) {
              listener.started(n.path("parameters").asLong(), n.path("steps").asInt());
            }
          }
          case "epoch" -> {
            deadline.epoch(System.nanoTime());
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

    /** The training workers' words for what the process library saw (its tree is already killed). */
    private WorkerDied died(ProcessFailure f, String doing) {
      String err = f.stderrTail().isEmpty() ? "" : "; its last stderr lines: " + String.join(" | ", f.stderrTail());
      String what = switch (f.kind()) {
        case TIMEOUT -> f.writing() ? " timed out: it did not read its input for " + SILENCE.label() + " while " + doing
            : " timed out: it sent nothing, not even its heartbeat, for " + SILENCE.label() + " while " + doing;
        case CRASH -> " died while " + doing + " (crash: exit " + ProcessFailure.describeExit(f.exitCode()) + ")";
        default -> " died while " + doing + " (" + f.reason() + ")";
      };
      return new WorkerDied(name() + what + (f.kind() == ProcessFailure.Kind.TIMEOUT ? " and was stopped with its "
          + "process tree" : "") + err);
    }

    String name() {
      return "training worker " + number + " (pid " + child.pid() + ")";
    }
  }
}
