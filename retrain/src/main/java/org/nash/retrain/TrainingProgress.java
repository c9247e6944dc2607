package org.nash.retrain;

import java.io.PrintStream;
import java.util.Locale;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.space.Arch;

/**
 * Per-epoch progress of a training a run's oracle started (issue 24): one line per finished epoch on
 * stderr, for logs and terminals alike (the run's own bar stays the trials'): cell, epoch, seconds, img/s,
 * losses and accuracies. {@code -Dnash.retrain.progress=false} (e.g. in {@code NASH_JAVA_OPTS}) turns them off.
 */
final class TrainingProgress implements NetworkTrainer.Listener {
  private final String cell;
  private final int epochs;
  private final PrintStream out;

  TrainingProgress(String cell, int epochs, PrintStream out) {
    this.cell = cell;
    this.epochs = epochs;
    this.out = out;
  }

  /** The listener of one cell's training: progress lines, or none when turned off. */
  static NetworkTrainer.Listener of(Arch arch, int epochs) {
    if (!Boolean.parseBoolean(System.getProperty("nash.retrain.progress", "true"))) {
      return new NetworkTrainer.Listener() {};
    }
    return new TrainingProgress("cell " + arch.index() + " " + arch, epochs, System.err);
  }

  @Override
  public void epoch(EpochResult r) {
    out.println(line(r));
  }

  String line(EpochResult r) {
    return String.format(Locale.ROOT, "nash: training %s: epoch %d/%d in %.1f s, %.0f img/s, train loss %.4f acc %.2f %%%s",
        cell, r.epoch(), epochs, r.trainSeconds(), r.imagesPerSecond(), r.trainLoss(), r.trainAccuracy(),
        Double.isNaN(r.validAccuracy()) ? "" : String.format(Locale.ROOT, ", valid acc %.2f %%", r.validAccuracy()));
  }
}
