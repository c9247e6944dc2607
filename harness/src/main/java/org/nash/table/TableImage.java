package org.nash.table;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A benchmark's tables as one binary file in the data cache, so that only the first load parses the
 * raw files: the space's codes in official index order, a few named strings (derived constants such
 * as calibrated cost factors) and every column's doubles, each block with its CRC-32.
 *
 * <p>The file is named by benchmark, data version and {@link #FORMAT}; the header repeats all three
 * and has its own CRC. Opening maps the file and checks the header and the codes; a column's bytes
 * are checked when the column is first used, so a command pays only for the columns it reads. Any
 * mismatch means the image is not used: {@link #open} says why, a column that fails its check throws
 * {@link Corrupt}, and the caller rebuilds from the raw files.
 *
 * <pre>
 * 0   "NASHTAB\0"
 * 8   int format, int header length H, long CRC-32 of the header   (little-endian)
 * 24  header (DataOutputStream): benchmark, data version, rows, codes CRC, extras (key, value)*,
 *     columns (key, description, unit, aggregate, source, CRC)*
 * 24+H, aligned to 8: int codes[rows]; then per column, aligned to 8: double values[rows]
 * </pre>
 */
public final class TableImage {
  /** Bump when the layout or the meaning of any stored value changes: old images are then ignored. */
  public static final int FORMAT = 1;
  private static final byte[] MAGIC = "NASHTAB\0".getBytes(StandardCharsets.US_ASCII);
  private static final int PREFIX = 24;

  /** A column whose bytes do not match their checksum (the image was damaged after it was written). */
  public static final class Corrupt extends RuntimeException {
    public Corrupt(String message) {
      super(message);
    }
  }

  private final Path file;
  private final ByteBuffer data;
  private final int rows;
  private final int[] codes;
  private final Map<String, String> extras;
  private final List<ColumnInfo> infos;
  private final long[] offsets;
  private final long[] crcs;

  private TableImage(Path file, ByteBuffer data, int rows, int[] codes, Map<String, String> extras,
      List<ColumnInfo> infos, long[] offsets, long[] crcs) {
    this.file = file;
    this.data = data;
    this.rows = rows;
    this.codes = codes;
    this.extras = extras;
    this.infos = infos;
    this.offsets = offsets;
    this.crcs = crcs;
  }

  /** Where the image of a benchmark at a data version lives in a cache folder. */
  public static Path path(Path cacheDir, String benchmark, String dataVersion) {
    return cacheDir.resolve("tables").resolve(benchmark + "-" + dataVersion + ".v" + FORMAT + ".nashtable");
  }

  /** The result of {@link #open}: the image, or why there is none usable. */
  public record Opened(TableImage image, String problem) {}

  /**
   * Maps an image and checks its header and codes. No file: {@code (null, null)}; a file of another
   * format, benchmark or data version, cut short or damaged: {@code (null, why)}.
   */
  public static Opened open(Path file, String benchmark, String dataVersion) {
    ByteBuffer buf;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    } catch (NoSuchFileException e) {
      return new Opened(null, null);
    } catch (IOException | UnsupportedOperationException e) {
      return new Opened(null, "cannot be read (" + e + ")");
    }
    buf.order(ByteOrder.LITTLE_ENDIAN);
    try {
      return new Opened(read(file, buf, benchmark, dataVersion), null);
    } catch (Corrupt e) {
      return new Opened(null, e.getMessage());
    }
  }

  private static TableImage read(Path file, ByteBuffer buf, String benchmark, String dataVersion) {
    long size = buf.capacity();
    if (size < PREFIX) {
      throw new Corrupt("is cut short (" + size + " bytes)");
    }
    byte[] magic = new byte[MAGIC.length];
    buf.get(0, magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new Corrupt("is not a nash table image");
    }
    int format = buf.getInt(8);
    if (format != FORMAT) {
      throw new Corrupt("has table format " + format + ", this nash writes " + FORMAT);
    }
    int headerLength = buf.getInt(12);
    if (headerLength < 0 || PREFIX + (long) headerLength > size) {
      throw new Corrupt("is cut short (header of " + headerLength + " bytes in " + size + ")");
    }
    byte[] header = new byte[headerLength];
    buf.get(PREFIX, header);
    if (crc(header) != buf.getLong(16)) {
      throw new Corrupt("has a damaged header (checksum mismatch)");
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(header))) {
      String b = in.readUTF();
      String v = in.readUTF();
      if (!b.equals(benchmark) || !v.equals(dataVersion)) {
        throw new Corrupt("holds " + b + " data version " + v + ", expected " + benchmark + " " + dataVersion);
      }
      int rows = in.readInt();
      long codesCrc = in.readLong();
      Map<String, String> extras = new LinkedHashMap<>();
      for (int n = in.readInt(), i = 0; i < n; i++) {
        extras.put(in.readUTF(), in.readUTF());
      }
      int cols = in.readInt();
      List<ColumnInfo> infos = new ArrayList<>(cols);
      long[] crcs = new long[cols];
      for (int i = 0; i < cols; i++) {
        infos.add(new ColumnInfo(in.readUTF(), in.readUTF(), Unit.valueOf(in.readUTF()), Aggregate.valueOf(in.readUTF()),
            in.readUTF()));
        crcs[i] = in.readLong();
      }
      long codesAt = align(PREFIX + (long) headerLength);
      long[] offsets = new long[cols];
      long at = align(codesAt + 4L * rows);
      for (int i = 0; i < cols; i++) {
        offsets[i] = at;
        at = align(at + 8L * rows);
      }
      if (rows < 0 || at != size) {
        throw new Corrupt("has " + size + " bytes, its header describes " + at);
      }
      ByteBuffer codeBytes = buf.slice((int) codesAt, 4 * rows).order(ByteOrder.LITTLE_ENDIAN);
      if (crc(codeBytes) != codesCrc) {
        throw new Corrupt("has damaged architecture codes (checksum mismatch)");
      }
      int[] codes = new int[rows];
      codeBytes.asIntBuffer().get(codes);
      return new TableImage(file, buf, rows, codes, Collections.unmodifiableMap(extras), List.copyOf(infos), offsets,
          crcs);
    } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new Corrupt("has a header that does not parse (" + e.getMessage() + ")");
    }
  }

  public Path file() {
    return file;
  }

  public int rows() {
    return rows;
  }

  /** The space's codes in official index order. */
  public int[] codes() {
    return codes.clone();
  }

  public Map<String, String> extras() {
    return extras;
  }

  public List<ColumnInfo> columns() {
    return infos;
  }

  /**
   * Adds every column of the image to {@code t}, each mapped on first use. A column whose block turns
   * out damaged is taken from {@code fresh} instead: the raw files parsed once (which rewrites the
   * image) for all the columns that need it.
   */
  public void addColumnsTo(BenchmarkTable t, java.util.function.Supplier<BenchmarkTable> fresh) {
    BenchmarkTable[] parsed = {null};
    List<ColumnInfo> infos = columns();
    for (int i = 0; i < infos.size(); i++) {
      int col = i;
      String key = infos.get(i).key();
      t.addLazy(infos.get(i), () -> {
        try {
          return values(col);
        } catch (Corrupt e) {
          synchronized (parsed) {
            if (parsed[0] == null) {
              System.err.println("nash: " + e.getMessage() + "; rebuilding the table cache from the data files");
              parsed[0] = fresh.get();
            }
            return parsed[0].column(key).toArray();
          }
        }
      });
    }
  }

  /** The values of column {@code i}, checked against their CRC; {@link Corrupt} if they do not match. */
  public double[] values(int i) {
    ByteBuffer bytes = data.slice((int) offsets[i], 8 * rows).order(ByteOrder.LITTLE_ENDIAN);
    if (crc(bytes) != crcs[i]) {
      throw new Corrupt("the table image " + file + " has a damaged column " + infos.get(i).key()
          + " (checksum mismatch)");
    }
    double[] v = new double[rows];
    bytes.asDoubleBuffer().get(v);
    return v;
  }

  /**
   * Writes an image atomically (a temporary file renamed into place), so that a reader sees the old
   * file, the new one or none; concurrent writers of the same image write the same bytes.
   */
  public static void write(Path file, String benchmark, String dataVersion, int[] codes, Map<String, String> extras,
      List<Column> columns) throws IOException {
    int rows = codes.length;
    ByteBuffer codeBytes = ByteBuffer.allocate(4 * rows).order(ByteOrder.LITTLE_ENDIAN);
    codeBytes.asIntBuffer().put(codes);
    List<ByteBuffer> blocks = new ArrayList<>();
    ByteArrayOutputStream hb = new ByteArrayOutputStream();
    try (DataOutputStream h = new DataOutputStream(hb)) {
      h.writeUTF(benchmark);
      h.writeUTF(dataVersion);
      h.writeInt(rows);
      h.writeLong(crc(codeBytes));
      h.writeInt(extras.size());
      for (Map.Entry<String, String> e : extras.entrySet()) {
        h.writeUTF(e.getKey());
        h.writeUTF(e.getValue());
      }
      h.writeInt(columns.size());
      for (Column c : columns) {
        if (c.size() != rows) {
          throw new IllegalArgumentException("column " + c.key() + " has " + c.size() + " rows, expected " + rows);
        }
        ByteBuffer b = ByteBuffer.allocate(8 * rows).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(c.toArray());
        blocks.add(b);
        ColumnInfo i = c.info();
        h.writeUTF(i.key());
        h.writeUTF(i.description());
        h.writeUTF(i.unit().name());
        h.writeUTF(i.aggregate().name());
        h.writeUTF(i.source());
        h.writeLong(crc(b));
      }
    }
    byte[] header = hb.toByteArray();
    ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.LITTLE_ENDIAN);
    prefix.put(MAGIC).putInt(FORMAT).putInt(header.length).putLong(crc(header));
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
    try {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        long at = 0;
        out.write(prefix.array());
        out.write(header);
        at += PREFIX + header.length;
        at = pad(out, at);
        out.write(codeBytes.array());
        at = pad(out, at + codeBytes.capacity());
        for (ByteBuffer b : blocks) {
          out.write(b.array());
          at = pad(out, at + b.capacity());
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static long pad(OutputStream out, long at) throws IOException {
    long aligned = align(at);
    for (long i = at; i < aligned; i++) {
      out.write(0);
    }
    return aligned;
  }

  private static long align(long at) {
    return (at + 7) & ~7L;
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  /** CRC-32 of the remaining bytes; the buffer's position is left as it was. */
  private static long crc(ByteBuffer b) {
    CRC32 c = new CRC32();
    c.update(b.duplicate());
    return c.getValue();
  }
}
