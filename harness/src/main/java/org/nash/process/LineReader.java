package org.nash.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads '\n'-terminated UTF-8 lines with a cap on their length, so a child that writes without end
 * costs at most the cap in memory. Over the cap, a strict reader throws {@link TooLong} (the stream
 * is then out of step and the child must go); a cutting reader returns the first {@code max} bytes
 * and drops the rest of the line (for free-form stderr).
 */
final class LineReader {
  /** A line longer than the cap. */
  static final class TooLong extends IOException {
    TooLong(int max) {
      super("a line longer than " + max + " bytes");
    }
  }

  private final InputStream in;
  private final int max;
  private final boolean cut;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[256];
  private int len;
  private boolean eof;

  LineReader(InputStream in, int max, boolean cut) {
    if (max < 1) {
      throw new IllegalArgumentException("line cap must be positive, got " + max);
    }
    this.in = in;
    this.max = max;
    this.cut = cut;
  }

  /** The next line without its terminator ('\n' or "\r\n"), or null at the end of the stream. */
  String readLine() throws IOException {
    len = 0;
    boolean any = false;
    boolean dropping = false;
    while (true) {
      if (pos >= lim) {
        if (eof) {
          return any ? text() : null;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          eof = true;
          return any ? text() : null;
        }
        pos = 0;
        lim = n;
      }
      any = true;
      int start = pos;
      int i = start;
      while (i < lim && buf[i] != '\n') {
        i++;
      }
      if (!dropping) {
        int n = i - start;
        if (len + n > max) {
          if (!cut) {
            pos = lim;
            throw new TooLong(max);
          }
          n = max - len;
          dropping = true;
        }
        append(start, n);
      }
      if (i < lim) {
        pos = i + 1;
        return text();
      }
      pos = lim;
    }
  }

  /** Whether a line can be read without blocking (a hint for flushing a log). */
  boolean ready() throws IOException {
    return pos < lim || in.available() > 0;
  }

  private void append(int from, int n) {
    if (len + n > line.length) {
      byte[] bigger = new byte[Math.min(Math.max(2 * line.length, len + n), Math.max(max, 256))];
      System.arraycopy(line, 0, bigger, 0, len);
      line = bigger;
    }
    System.arraycopy(buf, from, line, len, n);
    len += n;
  }

  private String text() {
    int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
    String s = new String(line, 0, n, StandardCharsets.UTF_8);
    if (line.length > 1 << 20) {
      line = new byte[256]; // one huge line must not pin its buffer for the child's life
    }
    return s;
  }
}
