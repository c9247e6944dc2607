package org.nash.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nash} command: composition root of the harness, the searchers and the analyses. */
@Command(name = "nash", mixinStandardHelpOptions = true, version = "nash 0.1.0",
    description = "Evaluate neural architecture search methods on tabular benchmarks.",
    subcommands = {DataCommand.class, SpaceCommand.class, RunCommand.class, SearchersCommand.class, ScanCommand.class,
        org.nash.surrogate.cli.SurrogateCommand.class,
        ReportCommand.class, ReproduceCommand.class, QueryCommand.class})
public final class Nash implements Runnable {
  @Option(names = "--plugin", paramLabel = "JAR", description = "a jar adding searchers or oracles (repeatable)")
  List<File> plugins = new ArrayList<>();

  private ClassLoader loader;
  private DataCatalog catalog;

  static {
    // DJL must never reach the network; set before any DJL class can load (retrain plugins).
    System.setProperty("ai.djl.offline", "true");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
  }

  /** Class loader for ServiceLoader look-ups: the application's plus any --plugin jars. */
  ClassLoader loader() {
    if (loader == null) {
      List<URL> urls = new ArrayList<>();
      for (File f : plugins) {
        if (!f.isFile()) {
          throw new NashException("--plugin " + f + ": no such jar file");
        }
        try {
          urls.add(f.toURI().toURL());
        } catch (MalformedURLException e) {
          throw new NashException("--plugin " + f + ": " + e.getMessage());
        }
      }
      ClassLoader parent = Nash.class.getClassLoader();
      loader = urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
    return loader;
  }

  DataCatalog catalog() {
    if (catalog == null) {
      catalog = DataCatalog.fromEnvironment();
    }
    return catalog;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 usage error, 2 error). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Nash());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof NashException) {
        cmd.getErr().println("nash: error: " + ex.getMessage());
        return 2;
      }
      cmd.getErr().println("nash: internal error (please report): " + ex);
      ex.printStackTrace(cmd.getErr());
      return 3;
    });
    return cl.execute(args);
  }
}
