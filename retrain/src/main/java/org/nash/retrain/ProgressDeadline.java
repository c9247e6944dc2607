package org.nash.retrain;

import java.util.Locale;

/**
 * The hard deadline of a training on a worker that keeps sending heartbeats but finishes no epoch
 * (issue 24). The first epoch's time sets it: once an epoch has finished, the next must finish within
 * {@code factor} x the first epoch's seconds (at least {@code minSeconds}) of the previous one. The
 * first epoch itself has no deadline here (nothing to derive it from; the worker's silence timeout
 * still applies). Defaults: factor 3, at least 60 s; {@code -Dnash.retrain.stallFactor=F} and
 * {@code -Dnash.retrain.stallMinSeconds=S} change them, {@code stallFactor=0} turns the deadline off.
 */
final class ProgressDeadline {
  private final double factor;
  private final double minSeconds;
  private long startedAt = -1;
  private long lastAt = -1;
  private double firstEpochSeconds = Double.NaN;
  private int epochs;

  ProgressDeadline(double factor, double minSeconds) {
    this.factor = factor;
    this.minSeconds = minSeconds;
  }

  static ProgressDeadline fromProperties() {
    return new ProgressDeadline(Double.parseDouble(System.getProperty("nash.retrain.stallFactor", "3")),
        Double.parseDouble(System.getProperty("nash.retrain.stallMinSeconds", "60")));
  }

  /** The training started (its network is built) at {@code now} (nanoseconds). */
  void started(long now) {
    startedAt = now;
    lastAt = now;
  }

  /** An epoch finished at {@code now}. */
  void epoch(long now) {
    if (startedAt < 0) {
      started(now);
      return;
    }
    epochs++;
    if (epochs == 1) {
      firstEpochSeconds = (now - startedAt) / 1e9;
    }
    lastAt = now;
  }

  /** Seconds the next epoch may take, or NaN while there is no deadline. */
  double allowedSeconds() {
    return factor > 0 && epochs >= 1 ? Math.max(minSeconds, factor * firstEpochSeconds) : Double.NaN;
  }

  /** Why the training is overdue at {@code now}, or null. */
  String overdue(long now) {
    double allowed = allowedSeconds();
    double since = (now - lastAt) / 1e9;
    if (Double.isNaN(allowed) || since <= allowed) {
      return null;
    }
    return String.format(Locale.ROOT, "made no progress: epoch %d did not finish within %.0f s (%.3g x the first "
        + "epoch's %.1f s, at least %.0f s; -Dnash.retrain.stallFactor) although the worker kept sending its heartbeat",
        epochs + 1, allowed, factor, firstEpochSeconds, minSeconds);
  }
}
