package org.nash.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long task (a download, a long loop). The core only reports; how it is shown is the
 * caller's choice (the CLI draws a bar on a terminal). The default writes plain lines, one per tenth,
 * so logs never receive carriage-return frames.
 */
public interface Progress extends AutoCloseable {
  void advance(long amount);

  @Override
  void close();

  /** Starts the progress of one task. */
  interface Factory {
    Progress start(String task, long total, String unit);
  }

  /** Plain lines on stderr at every tenth of the total. */
  Factory PLAIN_LINES = (task, total, unit) -> new Progress() {
    private final PrintStream err = System.err;
    private long done;
    private int tenthsShown;

    @Override
    public void advance(long amount) {
      done += amount;
      int tenths = total > 0 ? (int) Math.min(10, done * 10 / total) : 0;
      if (tenths > tenthsShown) {
        tenthsShown = tenths;
        err.printf(Locale.ROOT, "%s: %d%% of %s %s%n", task, tenths * 10, total, unit);
      }
    }

    @Override
    public void close() {}
  };
}
