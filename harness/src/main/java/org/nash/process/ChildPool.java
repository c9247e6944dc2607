package org.nash.process;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.nash.NashException;

/**
 * Workers of one kind kept for reuse: {@link #borrow()} hands out an idle live worker or starts and
 * greets a new one, so a worker that crashed (or failed its protocol) is replaced by the next borrow;
 * {@link #close()} stops them all in order. How many may be busy, and whether a failed request is
 * retried, is the caller's protocol.
 *
 * @param <W> the caller's worker: its protocol state around one {@link ChildProcess}
 */
public final class ChildPool<W extends ChildPool.Member> implements AutoCloseable {
  /** A pooled worker. */
  public interface Member {
    ChildProcess process();
  }

  /** Starts worker number {@code number} (counted from 1 over the pool's life). */
  @FunctionalInterface
  public interface Starter<W> {
    W start(int number);
  }

  private final Starter<W> starter;
  private final String closedMessage;
  private final long graceMillis;
  private final Deque<W> idle = new ConcurrentLinkedDeque<>();
  private final Set<W> all = ConcurrentHashMap.newKeySet();
  private final AtomicInteger numbers = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param closedMessage the error of a borrow after {@link #close()}
   * @param graceMillis how long {@link #close()} lets workers exit on end of input before killing them
   */
  public ChildPool(Starter<W> starter, String closedMessage, long graceMillis) {
    this.starter = Objects.requireNonNull(starter);
    this.closedMessage = closedMessage;
    this.graceMillis = graceMillis;
  }

  /**
   * An idle live worker (most recently used first), else a new one after {@code handshake} (its
   * first exchange; if that throws, the new worker is killed).
   */
  public W borrow(Consumer<W> handshake) {
    W w;
    while ((w = idle.pollFirst()) != null) {
      if (w.process().usable()) {
        return w;
      }
      discard(w);
    }
    if (closed) {
      throw new NashException(closedMessage);
    }
    w = starter.start(numbers.incrementAndGet());
    all.add(w);
    if (closed) {
      discard(w);
      throw new NashException(closedMessage);
    }
    try {
      handshake.accept(w);
    } catch (RuntimeException | Error e) {
      discard(w);
      throw e;
    }
    return w;
  }

  /** Gives a worker back: kept if it is still usable, else dropped (its tree killed). */
  public void release(W w) {
    if (!closed && w.process().usable()) {
      idle.addFirst(w);
    } else {
      discard(w);
    }
  }

  /** Drops a worker for good, killing its tree. */
  public void discard(W w) {
    all.remove(w);
    idle.remove(w);
    w.process().kill();
  }

  /** Workers started and not dropped. */
  public List<W> members() {
    return new ArrayList<>(all);
  }

  public boolean closed() {
    return closed;
  }

  /** Stops every worker: end of input, the grace period (for all at once), then their trees are killed. */
  @Override
  public void close() {
    closed = true;
    List<ChildProcess> ps = new ArrayList<>();
    for (W w : all) {
      ps.add(w.process());
    }
    all.clear();
    idle.clear();
    ChildProcess.closeAll(ps, graceMillis);
  }
}
