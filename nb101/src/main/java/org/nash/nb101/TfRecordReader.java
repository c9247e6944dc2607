package org.nash.nb101;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.nash.NashException;

/**
 * Reads TFRecord framing without TensorFlow: each record is a little-endian uint64 length, the
 * masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data. Both checksums are
 * verified; any damage is reported with the record number (1-based) and byte offset.
 */
public final class TfRecordReader implements Closeable {
  private static final int MASK_DELTA = 0xa282ead8;

  private final String name;
  private final InputStream in;
  private final byte[] header = new byte[12];
  private final byte[] footer = new byte[4];
  private final CRC32C crc = new CRC32C();
  private byte[] data = new byte[1 << 12];
  private long record;
  private long offset;
  private long recordOffset;

  public TfRecordReader(Path file) {
    this(file.toString(), open(file));
  }

  public TfRecordReader(String name, InputStream in) {
    this.name = name;
    this.in = new BufferedInputStream(in, 1 << 20);
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new NashException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** The masked CRC32C TFRecord stores. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /**
   * Reads the next record into {@link #data()}; returns its length, or -1 at the end of the file
   * (only when the file ends exactly between records).
   */
  public int next() {
    recordOffset = offset;
    int got = readFully(header, 12);
    if (got == 0) {
      return -1;
    }
    record++;
    if (got < 12) {
      throw error("truncated record header: the file ends " + got + " bytes into the 12-byte header");
    }
    long len = le64(header, 0);
    crc.reset();
    crc.update(header, 0, 8);
    int want = le32(header, 8);
    if (mask((int) crc.getValue()) != want) {
      throw error("length checksum mismatch (stored " + hex(want) + ", computed " + hex(mask((int) crc.getValue()))
          + "): the length field is damaged or this is not a TFRecord file");
    }
    if (len < 0 || len > Integer.MAX_VALUE - 16) {
      throw error("record length " + Long.toUnsignedString(len) + " is too large");
    }
    int n = (int) len;
    if (data.length < n) {
      data = new byte[Math.max(n, data.length * 2)];
    }
    got = readFully(data, n);
    if (got < n) {
      throw error("truncated record: the header announces " + n + " data bytes, the file ends after " + got);
    }
    if (readFully(footer, 4) < 4) {
      throw error("truncated record: the file ends inside the data checksum");
    }
    crc.reset();
    crc.update(data, 0, n);
    int stored = le32(footer, 0);
    int computed = mask((int) crc.getValue());
    if (stored != computed) {
      throw error("data checksum mismatch (stored " + hex(stored) + ", computed " + hex(computed) + "): the record is corrupt");
    }
    return n;
  }

  /** The current record's bytes (valid up to the length {@link #next()} returned). */
  public byte[] data() {
    return data;
  }

  /** Byte offset of the current record's header. */
  public long recordOffset() {
    return recordOffset;
  }

  public String name() {
    return name;
  }

  /** An error about the current record, naming the file, record number and offset. */
  public NashException error(String what) {
    return new NashException(name + ": record " + record + " (byte offset " + recordOffset + "): " + what);
  }

  private int readFully(byte[] b, int n) {
    int total = 0;
    try {
      while (total < n) {
        int r = in.read(b, total, n - total);
        if (r < 0) {
          break;
        }
        total += r;
      }
    } catch (IOException e) {
      throw new NashException("cannot read " + name + " at byte " + (offset + total) + ": " + e.getMessage(), e);
    }
    offset += total;
    return total;
  }

  static long le64(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[at + i] & 0xff);
    }
    return v;
  }

  static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static String hex(int x) {
    return String.format("0x%08x", x);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // read-only stream: nothing is lost
    }
  }
}
