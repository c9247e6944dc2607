package org.nash.cli.slurm;

import org.nash.cli.AnnotatedCommand;

/** {@code nash slurm}, registered like any plugin's command. */
public final class SlurmCommands {
  private SlurmCommands() {}

  public static final class Slurm extends AnnotatedCommand {
    public Slurm() {
      super(SlurmCommand.class);
    }
  }
}
