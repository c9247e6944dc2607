package org.nash.process;

import java.util.Locale;

/**
 * How long one read or write may take, and how messages name that limit (e.g. "timeout_s = 60.0 s",
 * the config parameter a user would change).
 */
public record Wait(long nanos, String label) {
  public Wait {
    if (nanos <= 0) {
      throw new IllegalArgumentException("a wait must be positive, got " + nanos + " ns");
    }
  }

  public static Wait millis(long millis) {
    return new Wait(millis * 1_000_000L, String.format(Locale.ROOT, "%.1f s", millis / 1e3));
  }

  public static Wait nanos(long nanos, String label) {
    return new Wait(nanos, label);
  }
}
