package org.nash.cli;

import java.nio.file.Path;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.data.DataEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nash data list|verify}: the files nash reads, where they are, whether they check out. */
@Command(name = "data", description = "List or verify the benchmark data files.",
    subcommands = {DataCommand.ListCmd.class, DataCommand.Verify.class})
final class DataCommand implements Runnable {
  @ParentCommand
  Nash nash;

  @Override
  public void run() {
    new ListCmd().list(nash.catalog());
  }

  @Command(name = "list", description = "Each entry: id, size, where it is (cache, mirror or missing), what it holds.")
  static final class ListCmd implements Runnable {
    @ParentCommand
    DataCommand data;

    @Override
    public void run() {
      list(data.nash.catalog());
    }

    void list(DataCatalog c) {
      System.out.println("cache:  " + c.cacheDir());
      System.out.println("mirror: " + (c.mirrorDir() == null ? "(none; set NASH_DATA_MIRROR)" : c.mirrorDir()));
      for (DataEntry e : c.entries()) {
        Path p = c.locate(e);
        String where = p == null ? (e.url() == null ? "MISSING (mirror only)" : "not local (downloads on first use)")
            : p.startsWith(c.cacheDir()) ? "cache" : "mirror";
        System.out.printf("%-28s %10s  %-34s %s%n", e.id(), e.size() < 0 ? "?" : String.format("%,d", e.size()),
            where, e.holds());
      }
    }
  }

  @Command(name = "verify", description = "Check the sha256 of every local file (and fetch missing ones that have a published sha256).")
  static final class Verify implements Runnable {
    @ParentCommand
    DataCommand data;

    @picocli.CommandLine.Option(names = "--local", description = "only check files already present; download nothing")
    boolean local;

    @Override
    public void run() {
      DataCatalog c = data.nash.catalog();
      int bad = 0;
      for (DataEntry e : c.entries()) {
        try {
          if (local && c.locate(e) == null) {
            System.out.printf("%-28s skipped (not local)%n", e.id());
            continue;
          }
          if (e.sha256() == null && c.locate(e) == null) {
            // A download could not be checked against anything: fetching it verifies nothing.
            System.out.printf("%-28s skipped (not local, and no published sha256 to verify a download)%n", e.id());
            continue;
          }
          Path p = c.resolve(e.id());
          System.out.printf("%-28s ok %s%s%n", e.id(), e.sha256() == null ? "(no published sha256) " : "", p);
        } catch (NashException ex) {
          bad++;
          System.out.printf("%-28s FAILED: %s%n", e.id(), ex.getMessage());
        }
      }
      if (bad > 0) {
        throw new NashException(bad + " data file(s) failed verification");
      }
    }
  }
}
