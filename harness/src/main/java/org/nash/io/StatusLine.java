package org.nash.io;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Short status texts of work running behind a progress bar (issue 24: trainings in a run's oracle),
 * shown beside the bar that a terminal draws. Whoever draws a bar attaches itself; without one,
 * {@link #attached()} is false and the workers write their own plain lines instead, so logs keep them.
 * Several trainings (workers) may report at once: their texts are joined in key order.
 */
public final class StatusLine {
  private static final Map<Long, String> TEXTS = new TreeMap<>();
  private static Consumer<String> sink;
  private static long nextKey;

  private StatusLine() {}

  /** Attaches the bar that shows the statuses (the latest attached wins). */
  public static synchronized void attach(Consumer<String> bar) {
    sink = bar;
    bar.accept(joined());
  }

  /** Detaches {@code bar} if it is still the one attached. */
  public static synchronized void detach(Consumer<String> bar) {
    if (sink == bar) {
      sink = null;
    }
  }

  public static synchronized boolean attached() {
    return sink != null;
  }

  /** A key for one piece of work's status. */
  public static synchronized long key() {
    return nextKey++;
  }

  public static synchronized void set(long key, String text) {
    TEXTS.put(key, text);
    show();
  }

  public static synchronized void clear(long key) {
    if (TEXTS.remove(key) != null) {
      show();
    }
  }

  private static void show() {
    if (sink != null) {
      sink.accept(joined());
    }
  }

  private static String joined() {
    return String.join(" | ", TEXTS.values());
  }
}
