package org.nash.nb101;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** Writes TFRecord framing (length, masked CRC32C of the length, data, masked CRC32C of the data). */
public final class TfRecordWriter implements Closeable {
  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final byte[] buf = new byte[12];

  public TfRecordWriter(Path file) throws IOException {
    this(Files.newOutputStream(file));
  }

  public TfRecordWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  public void write(byte[] data) throws IOException {
    long len = data.length;
    for (int i = 0; i < 8; i++) {
      buf[i] = (byte) (len >>> (8 * i));
    }
    crc.reset();
    crc.update(buf, 0, 8);
    putLe32(buf, 8, TfRecordReader.mask((int) crc.getValue()));
    out.write(buf, 0, 12);
    out.write(data);
    crc.reset();
    crc.update(data);
    putLe32(buf, 0, TfRecordReader.mask((int) crc.getValue()));
    out.write(buf, 0, 4);
  }

  private static void putLe32(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
