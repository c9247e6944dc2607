package org.nash.cli;

/**
 * The commands that come with nash, registered in this module's
 * {@code META-INF/services/org.nash.cli.CommandProvider} exactly as a plugin's would be.
 */
public final class BuiltinCommands {
  private BuiltinCommands() {}

  public static final class Run extends AnnotatedCommand {
    public Run() {
      super(RunCommand.class);
    }
  }

  public static final class Merge extends AnnotatedCommand {
    public Merge() {
      super(MergeCommand.class);
    }
  }

  public static final class Report extends AnnotatedCommand {
    public Report() {
      super(ReportCommand.class);
    }
  }

  public static final class Scan extends AnnotatedCommand {
    public Scan() {
      super(ScanCommand.class);
    }
  }

  public static final class Reproduce extends AnnotatedCommand {
    public Reproduce() {
      super(ReproduceCommand.class);
    }
  }

  public static final class Space extends AnnotatedCommand {
    public Space() {
      super(SpaceCommand.class);
    }
  }

  public static final class Data extends AnnotatedCommand {
    public Data() {
      super(DataCommand.class);
    }
  }

  public static final class Searchers extends AnnotatedCommand {
    public Searchers() {
      super(ListingCommands.Searchers.class);
    }
  }

  public static final class Oracles extends AnnotatedCommand {
    public Oracles() {
      super(ListingCommands.Oracles.class);
    }
  }

  public static final class Benchmarks extends AnnotatedCommand {
    public Benchmarks() {
      super(ListingCommands.Benchmarks.class);
    }
  }

  public static final class Surrogate extends AnnotatedCommand {
    public Surrogate() {
      super(SurrogateCommand.class);
    }
  }

  public static final class Query extends AnnotatedCommand {
    public Query() {
      super(QueryCommand.class);
    }
  }
}
