package org.nash.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nash.NashException;

/**
 * An exclusive lock on a results folder, so that two runs never append to one {@code trials.jsonl}.
 * It is an OS file lock on {@code .nash.lock} (released by the OS when the holder dies, even by
 * SIGKILL) plus the holder's PID written in the file: a second run is refused naming that PID, and a
 * PID left in an unlocked file is the trace of a run that was killed, whose lock is then taken over.
 * The file is never deleted (deleting it would let two runs lock two different files).
 */
public final class FolderLock implements AutoCloseable {
  static final String NAME = ".nash.lock";

  private final FileChannel channel;
  private final FileLock lock;
  private final String staleHolder;

  private FolderLock(FileChannel channel, FileLock lock, String staleHolder) {
    this.channel = channel;
    this.lock = lock;
    this.staleHolder = staleHolder;
  }

  public static FolderLock acquire(Path dir) {
    Path file = dir.resolve(NAME);
    refuseLink(file);
    FileChannel ch = null;
    try {
      // NOFOLLOW_LINKS: a link put there between the check and the open fails here instead of letting
      // the lock truncate the file it points to.
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      String previous = read(ch);
      if (lock == null) {
        ch.close();
        throw new NashException("results folder " + dir + " is in use by another nash run (PID "
            + (previous.isEmpty() ? "unknown" : previous) + ", see " + file + "); wait for it to end or use another --out");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new FolderLock(ch, lock, previous.isEmpty() ? null : previous);
    } catch (IOException e) {
      closeQuietly(ch);
      refuseLink(file);
      throw new NashException("cannot lock results folder " + dir + " (" + file + "): " + e.getMessage(), e);
    }
  }

  /** The lock file is written (truncated, a PID put in): never through a symbolic link to another file. */
  private static void refuseLink(Path file) {
    if (Files.isSymbolicLink(file)) {
      String target;
      try {
        target = " -> " + Files.readSymbolicLink(file);
      } catch (IOException e) {
        target = "";
      }
      throw new NashException("cannot lock results folder " + file.getParent() + ": its lock file " + file
          + " is a symbolic link" + target + "; nash writes that file and does not follow links (it would empty the"
          + " file the link points to): remove the link and run again");
    }
  }

  /**
   * The PID of a live run holding the folder's lock, or null (no lock file, or not locked). Writes
   * nothing: the trace of a killed run stays in the file.
   */
  public static String holder(Path dir) {
    Path file = dir.resolve(NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
      return null; // a link is no lock nash took (acquire refuses it)
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock != null) {
        lock.release();
        return null;
      }
      String pid = read(ch);
      return pid.isEmpty() ? "unknown" : pid;
    } catch (IOException e) {
      return null;
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64);
    ch.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
  }

  /** The PID of a killed run whose lock this one took over, or null. */
  public String staleHolder() {
    return staleHolder;
  }

  @Override
  public void close() {
    try {
      // An empty file says the last run ended normally; only a killed run leaves its PID behind.
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      // the OS releases the lock when the channel closes
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }
}
