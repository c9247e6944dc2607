package org.nash.retrain;

import java.io.PrintStream;
import java.util.Locale;
import org.nash.io.StatusLine;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;
import org.nash.space.Arch;

/**
 * Per-epoch progress of a training a run's oracle started (issue 24). In a log (stderr not a terminal,
 * or no bar drawn): one line per finished epoch with cell, epoch, seconds, img/s, losses and accuracies.
 * On a terminal whose run draws a bar ({@code nash.stderr.tty}, set by the launcher): a small bar per
 * running training beside it (cell, epoch, img/s), since lines printed under a redrawn bar would tear it.
 * {@code -Dnash.retrain.progress=false} (e.g. in {@code NASH_JAVA_OPTS}) turns both off.
 */
final class TrainingProgress implements NetworkTrainer.Listener, AutoCloseable {
  static final int BAR_WIDTH = 12;

  private final String cell;
  private final String shortCell;
  private final int epochs;
  private final PrintStream out;
  private final boolean onBar;
  private final long key;

  /**
   * @param onBar whether the status goes to the terminal's bar ({@link StatusLine}) rather than lines
   */
  TrainingProgress(String cell, String shortCell, int epochs, PrintStream out, boolean onBar) {
    this.cell = cell;
    this.shortCell = shortCell;
    this.epochs = epochs;
    this.out = out;
    this.onBar = onBar;
    this.key = onBar ? StatusLine.key() : -1;
  }

  /** The listener of one cell's training: bar or lines, or nothing when turned off (close it when done). */
  static TrainingProgress of(Arch arch, int epochs) {
    if (!Boolean.parseBoolean(System.getProperty("nash.retrain.progress", "true"))) {
      return new TrainingProgress(null, null, epochs, null, false);
    }
    boolean tty = Boolean.parseBoolean(System.getProperty("nash.stderr.tty", "false"));
    return new TrainingProgress("cell " + arch.index() + " " + arch, "cell " + arch.index(), epochs, System.err,
        tty && StatusLine.attached());
  }

  @Override
  public void started(long parameters, int stepsPerEpoch) {
    if (onBar) {
      StatusLine.set(key, bar(shortCell, 0, epochs, Double.NaN, BAR_WIDTH));
    }
  }

  @Override
  public void epoch(EpochResult r) {
    if (onBar) {
      StatusLine.set(key, bar(shortCell, r.epoch(), epochs, r.imagesPerSecond(), BAR_WIDTH));
    } else if (out != null) {
      out.println(line(r));
    }
  }

  /** Removes the training's bar (finished or failed). */
  @Override
  public void close() {
    if (onBar) {
      StatusLine.clear(key);
    }
  }

  String line(EpochResult r) {
    return String.format(Locale.ROOT, "nash: training %s: epoch %d/%d in %.1f s, %.0f img/s, train loss %.4f acc %.2f %%%s",
        cell, r.epoch(), epochs, r.trainSeconds(), r.imagesPerSecond(), r.trainLoss(), r.trainAccuracy(),
        Double.isNaN(r.validAccuracy()) ? "" : String.format(Locale.ROOT, ", valid acc %.2f %%", r.validAccuracy()));
  }

  /**
   * A training's bar: {@code cell 42 [####--------] 4/12 ep 1234 img/s}; the speed is that of the last
   * finished epoch, "..." before the first.
   */
  static String bar(String cell, int epoch, int epochs, double imagesPerSecond, int width) {
    int filled = epochs <= 0 ? 0 : (int) Math.min(width, (long) epoch * width / epochs);
    return String.format(Locale.ROOT, "%s [%s%s] %d/%d ep %s", cell, "#".repeat(filled), "-".repeat(width - filled),
        epoch, epochs, Double.isNaN(imagesPerSecond) ? "..." : String.format(Locale.ROOT, "%.0f img/s",
            imagesPerSecond));
  }
}
