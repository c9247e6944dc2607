package org.nash.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code nash help [COMMAND [SUBCOMMAND...]]}: picocli's help command, but for any depth. */
@Command(name = "help", helpCommand = true,
    description = "Show the help of nash or of a command, e.g. nash help data verify.")
final class HelpCmd implements IHelpCommandInitializable2, Runnable {
  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "a command and its subcommands")
  List<String> path = new ArrayList<>();

  private CommandLine self;
  private PrintWriter out;
  private Help.ColorScheme colors;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out,
      PrintWriter err) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    CommandLine c = self.getParent();
    for (String name : path) {
      CommandLine sub = c.getSubcommands().get(name);
      if (sub == null) {
        throw new CommandLine.ParameterException(self, "unknown command '" + String.join(" ", path)
            + "'; commands of " + c.getCommandName() + ": " + String.join(", ", c.getSubcommands().keySet()));
      }
      c = sub;
    }
    c.usage(out, colors);
    out.flush();
  }
}
