package org.nash.cli.retrain;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nash.retrain.train.EpochResult;
import org.nash.retrain.train.NetworkTrainer;

/** A progress bar per epoch (stderr, on a terminal) and one summary line per epoch (stdout). */
class ProgressListener implements NetworkTrainer.Listener {
  private final PrintWriter out;
  private final int epochs;
  private final String prefix;
  /** A bar only on a terminal: redirected output gets the per-epoch lines alone, not bar redraws. */
  private final boolean showBar = org.nash.cli.Cli.stderrIsTerminal();
  private int steps;
  private ProgressBar bar;

  ProgressListener(PrintWriter out, int epochs, String prefix) {
    this.out = out;
    this.epochs = epochs;
    this.prefix = prefix;
  }

  @Override
  public void started(long parameters, int stepsPerEpoch) {
    this.steps = stepsPerEpoch;
  }

  @Override
  public void step(int epoch, int step) {
    if (!showBar) {
      return;
    }
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName(prefix + "epoch " + epoch + "/" + epochs).setInitialMax(steps)
          .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).continuousUpdate().build();
    }
    bar.stepTo(step);
  }

  @Override
  public void epoch(EpochResult r) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    String valid = Double.isNaN(r.validAccuracy()) ? ""
        : String.format("  eval-acc %6.2f%%  eval-loss %.4f", r.validAccuracy(), r.validLoss());
    out.printf("%sepoch %3d/%d  loss %.4f  train-acc %6.2f%%  lr %.4f  %7.1f img/s  %6.1f s%s%n", prefix,
        r.epoch(), epochs, r.trainLoss(), r.trainAccuracy(), r.learningRate(), r.imagesPerSecond(),
        r.trainSeconds(), valid);
    out.flush();
  }
}
