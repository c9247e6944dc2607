package org.nash.cli;

import java.io.File;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.plugin.PluginFailure;
import org.nash.plugin.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code nash} command: composition root of the harness, the searchers and the analyses. Its
 * subcommands are {@link CommandProvider} plugins (the built-in ones and those of {@code --plugin}
 * jars). Exit codes: 0 ok, 2 user error (bad usage, config or data), 3 internal error.
 */
@Command(name = "nash", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Nash.Version.class,
    description = "Evaluate neural architecture search methods on tabular benchmarks.",
    footer = {"", "Exit codes: 0 ok, 2 user error (usage, config, data), 3 internal error.",
        "Global options (--plugin, --debug) may be given before or after the command."})
public final class Nash implements Runnable {
  public static final int OK = 0;
  public static final int USER_ERROR = 2;
  public static final int INTERNAL_ERROR = 3;

  // Declared for help and validation; the values are taken by prescan() before the command tree
  // exists, because plugin jars may contribute commands to it.
  @Option(names = "--plugin", paramLabel = "JAR", scope = ScopeType.INHERIT,
      description = "a jar adding searchers, oracles or commands (repeatable)")
  List<File> pluginOption = new ArrayList<>();

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces of errors")
  boolean debugOption;

  private final List<File> plugins;
  private final boolean debug;
  private ClassLoader loader;
  private DataCatalog catalog;

  static {
    // DJL must never reach the network: set before any DJL class can load (retrain, spotcheck and
    // the retrain oracle). The launcher also exports DJL_OFFLINE and OPT_OUT_TRACKING.
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    // The data mirror is found beside the checkout this jar was built in, not the working directory.
    if (System.getProperty("nash.home") == null) {
      Path home = homeFromCodeSource();
      if (home != null) {
        System.setProperty("nash.home", home.toString());
      }
    }
  }

  Nash() {
    this(List.of(), false);
  }

  private Nash(List<File> plugins, boolean debug) {
    this.plugins = plugins;
    this.debug = debug;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The checkout of {@code <checkout>/cli/target/nash.jar} (or {@code .../cli/target/classes}). */
  private static Path homeFromCodeSource() {
    try {
      var src = Nash.class.getProtectionDomain().getCodeSource();
      if (src == null) {
        return null;
      }
      Path p = Path.of(src.getLocation().toURI()).toAbsolutePath().normalize();
      Path target = p.getParent();
      if (target == null || !target.getFileName().toString().equals("target") || target.getParent() == null
          || target.getParent().getParent() == null) {
        return null;
      }
      Path root = target.getParent().getParent();
      return Files.isRegularFile(root.resolve("pom.xml")) ? root : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see nash --help)");
  }

  /** Class loader for plugin look-ups: the application's plus any --plugin jars. */
  public ClassLoader loader() {
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

  public DataCatalog catalog() {
    if (catalog == null) {
      // Downloads show the same progress as runs: a bar on a terminal, plain lines in a log.
      catalog = DataCatalog.fromEnvironment().withProgress((task, total, unit) -> Progress.start(task, total, false));
    }
    return catalog;
  }

  /** Whether --debug was given (stack traces of errors). */
  public boolean debug() {
    return debug;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 2 user error, 3 internal error). */
  public static int execute(String... args) {
    org.nash.io.Timing.mark("main");
    List<File> plugins = new ArrayList<>();
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      } else if (a.equals("--debug")) {
        debug = true;
      } else if (a.equals("--plugin") && i + 1 < args.length) {
        plugins.add(new File(args[++i]));
      } else if (a.startsWith("--plugin=")) {
        plugins.add(new File(a.substring("--plugin=".length())));
      }
    }
    Nash nash = new Nash(plugins, debug);
    PrintWriter err = new PrintWriter(System.err, true);
    RunCommand run = plugins.isEmpty() && !debug ? RunArgs.parse(args, nash) : null;
    if (run != null) {
      org.nash.io.Timing.mark("command tree");
      return runDirect(run, err, debug);
    }
    try {
      CommandLine cl = commandLine(nash, firstCommand(args));
      org.nash.io.Timing.mark("command tree");
      int rc = cl.execute(args);
      org.nash.io.Timing.mark("command done");
      return rc;
    } catch (NashException e) {
      return report(e, err, debug);
    } catch (ServiceConfigurationError e) {
      return report(new NashException("cannot load a plugin: " + e.getMessage(), e), err, debug);
    }
  }

  /**
   * Runs a {@code run} command read by {@link RunArgs}, its errors reported as the picocli tree's handler
   * reports them (exit codes included).
   */
  private static int runDirect(RunCommand run, PrintWriter err, boolean debug) {
    try {
      run.run();
      org.nash.io.Timing.mark("command done");
      return OK;
    } catch (ServiceConfigurationError e) {
      return report(new NashException("cannot load a plugin: " + e.getMessage(), e), err, debug);
    } catch (RuntimeException | Error e) {
      return report(e, err, debug);
    }
  }

  /** The whole command tree, with every registered command. */
  static CommandLine commandLine(Nash nash) {
    return commandLine(nash, null);
  }

  /** The first argument that is not a global option (--plugin JAR, --debug), or null. */
  private static String firstCommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--plugin")) {
        i++;
      } else if (!a.equals("--debug") && !a.startsWith("--plugin=")) {
        return a.startsWith("-") ? null : a;
      }
    }
    return null;
  }

  /**
   * The command tree; with {@code only} naming a registered command other than help, just that command
   * under the root: picocli inspects every command's options by reflection when it is added, a third
   * of a one-shot command's start-up (issue 26). Anything else (no command, help, an unknown name)
   * gets the whole tree, so usage and "did you mean" messages list every command.
   */
  static CommandLine commandLine(Nash nash, String only) {
    CommandLine cl = new CommandLine(nash);
    java.util.Collection<CommandProvider> providers = Registry.load(CommandProvider.class, "command", nash.loader()).all();
    if (only != null && !only.equals("help") && providers.stream().filter(p -> p.name().equals(only)).count() == 1) {
      providers = providers.stream().filter(p -> p.name().equals(only)).toList();
    } else {
      // 'help' only in the whole tree: each command's model is built by reflection, start-up time
      cl.addSubcommand("help", new HelpCmd());
    }
    for (CommandProvider p : providers) {
      if (cl.getSubcommands().containsKey(p.name())) {
        throw new NashException("two commands are named '" + p.name() + "': " + p.getClass().getName()
            + " and a built-in one");
      }
      cl.addSubcommand(p.name(), p.command());
    }
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex.getCause() instanceof ServiceConfigurationError sce) {
        return report(new NashException("cannot load a plugin: " + sce.getMessage(), sce), cmd.getErr(), nash.debug);
      }
      return report(ex, cmd.getErr(), nash.debug);
    });
    return cl;
  }

  private static int report(Throwable ex, PrintWriter err, boolean debug) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        // A resource limit, not a bug: say how to raise it (the launcher caps the heap, see README).
        ex = new NashException("out of memory with a heap limit of " + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MB; give nash more, e.g. NASH_JAVA_OPTS=-Xmx4g ./nash ...", t);
        break;
      }
    }
    if (ex instanceof NashException) {
      err.println("nash: error: " + ex.getMessage());
      if (debug) {
        ex.printStackTrace(err);
      } else if (ex.getCause() != null) {
        err.println("(rerun with --debug for the stack trace)");
      }
      err.flush();
      return USER_ERROR;
    }
    PluginFailure plugin = null;
    for (Throwable t = ex; t != null && plugin == null; t = t.getCause()) {
      plugin = t instanceof PluginFailure p ? p : null;
    }
    if (plugin != null) {
      // A bug in a plugin, not in the user's config: name it; its author wants the stack trace.
      err.println("nash: internal error in a plugin: " + plugin.getMessage());
      if (debug) {
        plugin.printStackTrace(err);
      } else {
        err.println("(rerun with --debug for the stack trace, and report it to the plugin's author)");
      }
      err.flush();
      return INTERNAL_ERROR;
    }
    err.println("nash: internal error (please report): " + ex);
    ex.printStackTrace(err);
    err.flush();
    return INTERNAL_ERROR;
  }

  /** {@code nash --version}: the version nash was built as, its commit and the Java it runs on. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {org.nash.Provenance.current().line()};
    }
  }
}
