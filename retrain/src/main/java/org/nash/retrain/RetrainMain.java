package org.nash.retrain;

import org.nash.NashException;
import org.nash.retrain.cli.RetrainCommand;
import org.nash.retrain.cli.SpotcheckCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the retrain commands directly: {@code RetrainMain retrain --arch 9930 ...} or
 * {@code RetrainMain spotcheck --archs 9930,6111}. The {@code nash} launcher delegates its
 * {@code retrain} and {@code spotcheck} commands here, so the cli module needs no DJL at compile time.
 * DJL's offline mode is set first, before any DJL class loads.
 */
@Command(name = "nash", mixinStandardHelpOptions = true, subcommands = {RetrainCommand.class, SpotcheckCommand.class},
    description = "NAS-Bench-201 retraining with DJL (PyTorch engine).")
public final class RetrainMain {
  private RetrainMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns the exit code (0 ok, 1 failure, 2 bad usage). */
  public static int run(String... args) {
    DjlSetup.offline();
    return commandLine().execute(args);
  }

  /** The command line with both subcommands; user errors print as one message, no stack trace. */
  public static CommandLine commandLine() {
    DjlSetup.offline();
    CommandLine cl = new CommandLine(RetrainMain.class);
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof NashException) {
        line.getErr().println("error: " + ex.getMessage());
        return 1;
      }
      throw ex;
    });
    return cl;
  }
}
