package org.nash.process;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nash.NashException;

/**
 * A log file that workers' stderr lines are appended to, each with a prefix naming its worker;
 * written by many stderr pumps at once, flushed when a worker has nothing more ready.
 */
public final class ProcessLog implements AutoCloseable {
  private final Path path;
  private final Writer out;
  private boolean closed;

  private ProcessLog(Path path, Writer out) {
    this.path = path;
    this.out = out;
  }

  /** Opens (appends to) {@code file}, creating its folder, and writes {@code header} as a first line. */
  public static ProcessLog open(Path file, String header) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessLog log = new ProcessLog(file, w);
      if (header != null) {
        log.line(header, true);
      }
      return log;
    } catch (IOException e) {
      throw new NashException("cannot write the log " + file + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  /** A stderr sink writing {@code prefix + line}. */
  public ChildProcess.LineSink sink(String prefix) {
    return (line, more) -> line(prefix + line, !more);
  }

  public void line(String text, boolean flush) {
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        out.write(text);
        out.write('\n');
        if (flush) {
          out.flush();
        }
      } catch (IOException e) {
        // a full disk must not hide a worker's own error; its tail is kept in memory too
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      // nothing more to save
    }
  }
}
