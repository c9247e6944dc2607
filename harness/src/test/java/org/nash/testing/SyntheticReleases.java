package org.nash.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Small synthetic copies of the official image releases NB-201 trains on, byte for byte in their
 * layouts: CIFAR binary records, CIFAR python pickles (Python 2 style: str keys and data, as the
 * published files) and NB-201's ImageNet16 pickles (Python 3 style: bytes data), plus tar.gz archives
 * and split files. Image i of a file has every pixel byte of its R, G and B planes derived from
 * (i, label) by {@link #pixel}, so a reader's output can be checked exactly.
 */
public final class SyntheticReleases {
  private SyntheticReleases() {}

  /** The pixel byte of plane {@code c} at position {@code p} of an image with this seed and label. */
  public static byte pixel(int seed, int label, int c, int p) {
    return (byte) (seed * 31 + label * 7 + c * 50 + p);
  }

  /** {@code n} images of {@code side} x {@code side}, labels {@code first + (i * step) mod classes}. */
  public static byte[][] images(int n, int side, int seed) {
    byte[][] out = new byte[n][3 * side * side];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < side * side; p++) {
          out[i][c * side * side + p] = pixel(seed + i, 0, c, p);
        }
      }
    }
    return out;
  }

  /** Binary records: {@code labelBytes} per image (the label array's rows), then the pixels. */
  public static void writeBinary(Path file, byte[][] images, int[][] labels) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 0; i < images.length; i++) {
        for (int l : labels[i]) {
          out.write(l);
        }
        out.write(images[i]);
      }
    }
  }

  /**
   * A pickled batch dict {@code {labelKey: [labels], "data": uint8 array (n, rowBytes)}} as numpy
   * pickles it with protocol 2: {@code _reconstruct(ndarray, (0,), b'b')} then BUILD {@code (1, shape,
   * dtype('u1'), False, raw)}.
   *
   * @param python2 str keys and data (SHORT_BINSTRING / BINSTRING) as the CIFAR release; else unicode
   *     keys and bytes data
   */
  public static byte[] pickle(byte[][] images, int[] labels, String labelKey, boolean python2, Map<String, String> extra) {
    int rowBytes = images.length == 0 ? 0 : images[0].length;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x80);
    b.write(2);
    b.write('}');
    b.write('(');
    for (Map.Entry<String, String> e : extra.entrySet()) {
      str(b, e.getKey(), python2);
      str(b, e.getValue(), python2);
    }
    str(b, "data", python2);
    global(b, "numpy.core.multiarray", "_reconstruct");
    global(b, "numpy", "ndarray");
    binint(b, 0);
    b.write(0x85); // TUPLE1
    shortBinstring(b, "b");
    b.write(0x87); // TUPLE3
    b.write('R');
    b.write('(');
    binint(b, 1);
    binint(b, images.length);
    binint(b, rowBytes);
    b.write(0x86); // TUPLE2
    global(b, "numpy", "dtype");
    shortBinstring(b, "u1");
    b.write(0x89); // NEWFALSE
    b.write(0x88); // NEWTRUE
    b.write(0x87);
    b.write('R');
    b.write('(');
    binint(b, 3);
    shortBinstring(b, "|");
    b.write('N');
    b.write('N');
    b.write('N');
    binint(b, -1);
    binint(b, -1);
    binint(b, 0);
    b.write('t');
    b.write('b'); // BUILD dtype
    b.write(0x89); // is_fortran False
    int n = images.length * rowBytes;
    b.write(python2 ? 'T' : 'B');
    int4(b, n);
    for (byte[] img : images) {
      b.writeBytes(img);
    }
    b.write('t');
    b.write('b'); // BUILD array
    str(b, labelKey, python2);
    b.write(']');
    b.write('(');
    for (int l : labels) {
      binint(b, l);
    }
    b.write('e');
    b.write('u'); // SETITEMS
    b.write('.');
    return b.toByteArray();
  }

  /** Writes {@code content} as a tar.gz with the given member names. */
  public static void tarGz(Path archive, Map<String, byte[]> members) throws IOException {
    Files.createDirectories(archive.getParent());
    try (OutputStream raw = Files.newOutputStream(archive);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(m.getKey());
        e.setSize(m.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(m.getValue());
        tar.closeArchiveEntry();
      }
    }
  }

  /** A split file in NB-201's format, {@code {"<a>": ["int", ["i", ...]], "<b>": [...]}}. */
  public static void splitFile(Path file, String a, int[] first, String b, int[] second) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\n  \"" + a + "\" : [\"int\", " + list(first) + "],\n  \"" + b + "\" : [\"int\", "
        + list(second) + "]\n}\n");
  }

  private static String list(int[] xs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < xs.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(xs[i]).append('"');
    }
    return sb.append(']').toString();
  }

  private static void str(ByteArrayOutputStream b, String s, boolean python2) {
    if (python2) {
      shortBinstring(b, s);
    } else {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      b.write('X');
      int4(b, u.length);
      b.writeBytes(u);
    }
  }

  private static void shortBinstring(ByteArrayOutputStream b, String s) {
    byte[] u = s.getBytes(StandardCharsets.ISO_8859_1);
    b.write('U');
    b.write(u.length);
    b.writeBytes(u);
  }

  private static void global(ByteArrayOutputStream b, String module, String name) {
    b.write('c');
    b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void binint(ByteArrayOutputStream b, int v) {
    if (v >= 0 && v < 256) {
      b.write('K');
      b.write(v);
    } else {
      b.write('J');
      int4(b, v);
    }
  }

  private static void int4(ByteArrayOutputStream b, int v) {
    b.write(v);
    b.write(v >>> 8);
    b.write(v >>> 16);
    b.write(v >>> 24);
  }
}
