package org.nash.cli.retrain;

import org.nash.cli.AnnotatedCommand;

/** {@code nash retrain}, {@code spotcheck}, {@code store} and {@code doctor}, registered like any plugin's commands. */
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

  public static final class Store extends AnnotatedCommand {
    public Store() {
      super(StoreCommand.class);
    }
  }

  public static final class Doctor extends AnnotatedCommand {
    public Doctor() {
      super(DoctorCommand.class);
    }
  }
}
