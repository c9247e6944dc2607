package org.nash.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a redrawn bar on a terminal; in a log file (not a terminal) plain lines, at
 * most one every {@link #PERIOD_NANOS} plus the last, so logs hold no {@code \r} frames.
 */
final class Progress implements org.nash.io.Progress {
  static final long PERIOD_NANOS = 10_000_000_000L;

  private final String task;
  private final long total;
  private final ProgressBar bar;
  private final PrintStream log;
  private final long start = System.nanoTime();
  private long done;
  private long lastLine = start;
  /** The caller's note and the statuses of work behind the bar (trainings), shown together. */
  private String note = "";
  private String status = "";
  private final java.util.function.Consumer<String> statusSink = this::status;

  private Progress(String task, long total, ProgressBar bar, PrintStream log) {
    this.task = task;
    this.total = total;
    this.bar = bar;
    this.log = log;
  }

  static Progress start(String task, long total, boolean quiet) {
    return start(task, total, 0, quiet);
  }

  /** Nothing when {@code quiet}; else a bar on a terminal or periodic lines, from {@code done} on. */
  static Progress start(String task, long total, long done, boolean quiet) {
    Progress p = create(task, total, quiet);
    p.stepTo(done);
    return p;
  }

  private static Progress create(String task, long total, boolean quiet) {
    if (quiet) {
      return new Progress(task, total, null, null);
    }
    if (Cli.stderrIsTerminal()) {
      ProgressBar pb = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
      Progress p = new Progress(task, total, pb, null);
      // issue 24: running trainings show their cell, epoch and img/s beside the bar instead of log lines
      org.nash.io.StatusLine.attach(p.statusSink);
      return p;
    }
    return new Progress(task, total, null, System.err);
  }

  synchronized void step() {
    advance(1);
  }

  /** Also how the data catalog's downloads report their bytes. */
  @Override
  public synchronized void advance(long amount) {
    done += amount;
    if (bar != null) {
      bar.stepBy(amount);
    } else if (log != null) {
      long now = System.nanoTime();
      if (now - lastLine >= PERIOD_NANOS && done < total) {
        lastLine = now;
        line(now);
      }
    }
  }

  synchronized void stepTo(long n) {
    done = n;
    if (bar != null) {
      bar.stepTo(n);
    }
  }

  /** A note beside the bar (a terminal only), e.g. the part of a study being run. */
  synchronized void note(String s) {
    note = s == null ? "" : s;
    extra();
  }

  private synchronized void status(String s) {
    status = s == null ? "" : s;
    extra();
  }

  private void extra() {
    if (bar != null) {
      bar.setExtraMessage(note.isEmpty() || status.isEmpty() ? note + status : note + " | " + status);
    }
  }

  private void line(long now) {
    log.printf(Locale.ROOT, "%s: %d/%d (%.0f%%), %.0f s%n", task, done, total, total == 0 ? 100.0 : 100.0 * done / total,
        (now - start) / 1e9);
  }

  @Override
  public void close() {
    // Outside this bar's lock: StatusLine calls into the bar holding its own lock.
    org.nash.io.StatusLine.detach(statusSink);
    closeBar();
  }

  private synchronized void closeBar() {
    if (bar != null) {
      bar.stepTo(total);
      bar.close();
    } else if (log != null && done > 0) {
      line(System.nanoTime());
    }
  }
}
