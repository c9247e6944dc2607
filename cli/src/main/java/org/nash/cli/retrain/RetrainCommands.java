package org.nash.cli.retrain;

import org.nash.cli.AnnotatedCommand;

/** {@code nash retrain} and {@code nash spotcheck}, registered like any plugin's commands. */
public final class RetrainCommands {
  private RetrainCommands() {}

  public static final class Retrain extends AnnotatedCommand {
    public Retrain() {
      super(RetrainCommand.class);
    }
  }

  public static final class Spotcheck extends AnnotatedCommand {
    public Spotcheck() {
      super(SpotcheckCommand.class);
    }
  }
}
