package org.nash.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nash.NashException;
import org.nash.io.Progress;

/**
 * {@code trials.jsonl}: one finished trial per line, appended and flushed as trials finish. A line
 * cut short by a kill is detected by its missing newline (or unparsable JSON on the last line).
 * Reading streams line by line, so a file of any size is read in constant memory.
 */
public final class TrialsFile {
  public static final String NAME = "trials.jsonl";
  public static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** Made on first use: building the databind reader costs start-up time, and most reads stream (TrialParser). */
  private static final class Reader {
    static final ObjectReader READER = JSON.readerFor(TrialResult.class);
  }

  private TrialsFile() {}

  /** The complete trials of a file, and what was wrong with its tail, if anything. */
  public record Contents(List<TrialResult> trials, long validBytes, String problem) {}

  /** Where the complete lines of a file end, and what was wrong with its last line (or null). */
  public record Tail(long validBytes, String problem) {}

  /** Receives each complete record with its 1-based line number. */
  @FunctionalInterface
  public interface Visitor {
    void accept(long line, TrialResult trial);
  }

  /**
   * Reads every complete line into memory (for analyses that need all trials). A truncated or
   * unparsable LAST line is reported in {@link Contents#problem()}; a bad line before the last is an
   * error.
   */
  public static Contents read(Path file) {
    return read(file, null);
  }

  /** {@link #read(Path)}, refusing any record that {@code check} (if not null) does not accept. */
  public static Contents read(Path file, RecordCheck check) {
    List<TrialResult> out = new ArrayList<>();
    java.util.Map<String, Integer> first = new java.util.HashMap<>();
    Duplicates dups = new Duplicates(file);
    Tail t = scan(file, (line, r) -> {
      if (check != null) {
        check.index(file + ":" + line, r);
      }
      Integer i = first.get(r.key());
      // Only an exact repeat is dropped; a differing record of the same key is kept for the caller's
      // checks (e.g. mixed data versions) rather than silently preferring one.
      if (i != null && toLine(out.get(i)).equals(toLine(r))) {
        dups.first(line, r);
        return;
      }
      if (i == null) {
        dups.first(line, r);
        first.put(r.key(), out.size());
      }
      out.add(r);
    });
    return new Contents(out, t.validBytes(), Duplicates.join(t.problem(), dups.warning()));
  }

  /**
   * Tracks keys to drop repeated records (e.g. from two runs that once wrote into one folder): the
   * first line of a key counts, later ones are reported by {@link #warning()}.
   */
  public static final class Duplicates {
    private final Path file;
    /** The first record of each key: its line and data version. */
    private final java.util.Map<String, First> firsts = new java.util.HashMap<>();
    private long dropped;
    private String example;

    public Duplicates(Path file) {
      this.file = file;
    }

    /** Whether this is the first record of its key. */
    public boolean first(long line, TrialResult r) {
      // interned: a handful of distinct versions per file, shared by every key
      First prev = firsts.putIfAbsent(r.key(), new First(line, r.version().intern()));
      if (prev == null) {
        return true;
      }
      if (!prev.version().equals(r.version())) {
        // Not a copy of the same run: the same trial on other data. Neither can be trusted.
        throw new NashException(file + " mixes trials of benchmark data versions " + prev.version() + " and "
            + r.version() + ": trial " + r.key() + " is on line " + prev.line() + " and line " + line);
      }
      if (dropped++ == 0) {
        example = "line " + line + " repeats trial " + r.key() + " of line " + prev.line();
      }
      return false;
    }

    private record First(long line, String version) {}

    /** A warning naming the dropped lines, or null. */
    public String warning() {
      return dropped == 0 ? null : file + ": " + dropped + " duplicate record(s) dropped (" + example
          + (dropped > 1 ? ", ..." : "") + "); the first record of each trial counts";
    }

    static String join(String a, String b) {
      return a == null ? b : b == null ? a : a + "; " + b;
    }
  }

  /**
   * Streams every complete record to {@code visitor}, in file order, holding one line at a time. A
   * truncated or unparsable LAST line ends the scan and is described in the returned tail; a bad line
   * before the last is an error naming its line number. A missing file is empty.
   */
  public static Tail scan(Path file, Visitor visitor) {
    return scan(file, Reader.READER, visitor);
  }

  /**
   * {@link #scan(Path, Visitor)} without each record's trajectory: {@code steps()} and {@code trace()}
   * are null, {@code last()} is there. Much less garbage for scans of keys, settings and final values
   * (read by the dedicated {@link TrialParser}, which skips the steps as tokens).
   */
  public static Tail scanHeads(Path file, Visitor visitor) {
    return stream(file, false, null, (line, r, steps) -> visitor.accept(line, r));
  }

  /** Receives each complete record's head (no steps, no trace) and its steps, valid until it returns. */
  @FunctionalInterface
  public interface StepsVisitor {
    void accept(long line, TrialResult head, Steps steps);
  }

  /**
   * The fast streaming read for analyses of large files: each record's head ({@code steps()} and
   * {@code trace()} null, {@code last()} there) with its steps in reused primitive arrays, so nothing
   * per step is allocated and nothing outlives the call. With {@code allSteps} false only the first
   * step is parsed ({@link Steps#size()} is at most 1; {@link Steps#total()} still counts all).
   * Same rules as {@link #scan(Path, Visitor)} for cut and bad lines; {@code progress} (if not null)
   * advances by the bytes read.
   */
  public static Tail stream(Path file, boolean allSteps, Progress progress, StepsVisitor visitor) {
    TrialParser parser = new TrialParser(allSteps);
    return scan(file, progress, (buf, start, len) -> parser.parse(buf, start, len), () -> !parser.hadSteps,
        (line, r) -> visitor.accept(line, r, parser.steps));
  }

  /** One line to a record (null for JSON null). */
  private interface LineReader {
    TrialResult read(byte[] buf, int start, int len) throws IOException;
  }

  private static Tail scan(Path file, ObjectReader reader, Visitor visitor) {
    return scan(file, null, (buf, start, len) -> reader.readValue(buf, start, len), () -> true, visitor);
  }

  private static Tail scan(Path file, Progress progress, LineReader reader, java.util.function.BooleanSupplier noSteps,
      Visitor visitor) {
    try (InputStream in = Files.newInputStream(file)) {
      Lines lines = new Lines(in, file);
      long line = 1;
      long valid = 0;
      long reported = 0;
      while (lines.next()) {
        if (!lines.complete()) {
          return new Tail(valid, file + ":" + line + ": last line is incomplete (no newline; the run"
              + " was interrupted while writing it); it was skipped");
        }
        TrialResult r;
        try {
          r = reader.read(lines.buf, lines.start, lines.len);
        } catch (JsonProcessingException e) {
          String msg = file + ":" + line + ": not a valid trial record: " + e.getOriginalMessage();
          if (lines.atEnd()) {
            return new Tail(valid, msg + "; it was skipped");
          }
          throw new NashException(msg);
        }
        String bad = notATrial(r, r != null && r.steps() == null && noSteps.getAsBoolean());
        if (bad != null) {
          throw new NashException(file + ":" + line + ": not a trial record: " + bad);
        }
        visitor.accept(line, r);
        valid += lines.len + 1;
        line++;
        if (progress != null && valid - reported >= 1 << 20) {
          progress.advance(valid - reported);
          reported = valid;
        }
      }
      if (progress != null) {
        progress.advance(valid - reported);
      }
      return new Tail(valid, null);
    } catch (NoSuchFileException e) {
      return new Tail(0, null);
    } catch (IOException e) {
      throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a file record by record on demand, keeping each line's exact bytes (for merging files
   * without re-serialising them). Records are read without their trajectory; a line that is cut
   * short or not a trial record is an error naming the file and line, wherever it is.
   */
  static final class Cursor implements AutoCloseable {
    /** A line that is cut short or not a trial record. */
    static final class BadLine extends NashException {
      /** Whether the line is cut short (no newline: its writer was killed or is still writing). */
      final boolean cut;

      BadLine(String message, boolean cut) {
        super(message);
        this.cut = cut;
      }
    }

    private final Path file;
    private final InputStream in;
    private final Lines lines;
    private final TrialParser parser = new TrialParser(false);
    private long line;
    private TrialResult head;

    Cursor(Path file) {
      this.file = file;
      try {
        this.in = Files.newInputStream(file);
      } catch (IOException e) {
        throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
      }
      this.lines = new Lines(in, file);
    }

    /** Advances to the next record; false at the end of the file. */
    boolean next() {
      try {
        if (!lines.next()) {
          head = null;
          return false;
        }
        line++;
        if (!lines.complete()) {
          throw new BadLine(file + ":" + line + ": last line is incomplete (no newline: the run writing it"
              + " is still running or was killed)", true);
        }
        TrialResult r;
        try {
          r = parser.parse(lines.buf, lines.start, lines.len);
        } catch (JsonProcessingException e) {
          throw new BadLine(file + ":" + line + ": not a valid trial record: " + e.getOriginalMessage(), false);
        }
        String bad = notATrial(r, r != null && !parser.hadSteps);
        if (bad != null) {
          throw new BadLine(file + ":" + line + ": not a trial record: " + bad, false);
        }
        head = r;
        return true;
      } catch (IOException e) {
        throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    /** The current record, without steps and trace. */
    TrialResult head() {
      return head;
    }

    /** The 1-based line number of the current record. */
    long line() {
      return line;
    }

    /** The file offset of the current line and its length without the newline. */
    long offset() {
      return lines.offset();
    }

    int length() {
      return lines.len;
    }

    /** Writes the current line, newline included, exactly as it is in the file. */
    void copyTo(java.io.OutputStream out) throws IOException {
      out.write(lines.buf, lines.start, lines.len);
      out.write('\n');
    }

    /** Whether the current line has the same bytes as the other cursor's. */
    boolean sameLine(Cursor o) {
      return Arrays.equals(lines.buf, lines.start, lines.start + lines.len, o.lines.buf, o.lines.start,
          o.lines.start + o.lines.len);
    }

    Path file() {
      return file;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        // read-only: nothing is lost
      }
    }
  }

  /**
   * The incumbent change points of one record in reused primitive arrays (a step's signal is not
   * kept: no analysis of a file uses it). Valid until the visitor returns.
   */
  public static final class Steps {
    private int n;
    int skipped;
    private int[] query = new int[64];
    private double[] seconds = new double[64];
    private int[] arch = new int[64];
    private double[] reported = new double[64];
    private double[] regret = new double[64];
    private double[] regretPool = new double[64];

    /** The steps of an in-memory record (for analyses fed from a list). */
    public static Steps of(List<TrialResult.Step> steps) {
      Steps s = new Steps();
      if (steps != null) {
        for (TrialResult.Step x : steps) {
          s.add(x.query(), x.seconds(), x.arch(), x.reported(), x.regret(), x.regretPool());
        }
      }
      return s;
    }

    void clear() {
      n = 0;
      skipped = 0;
    }

    void add(int q, double s, int a, double rep, double reg, double regPool) {
      if (n == query.length) {
        int m = n * 2;
        query = Arrays.copyOf(query, m);
        seconds = Arrays.copyOf(seconds, m);
        arch = Arrays.copyOf(arch, m);
        reported = Arrays.copyOf(reported, m);
        regret = Arrays.copyOf(regret, m);
        regretPool = Arrays.copyOf(regretPool, m);
      }
      query[n] = q;
      seconds[n] = s;
      arch[n] = a;
      reported[n] = rep;
      regret[n] = reg;
      regretPool[n] = regPool;
      n++;
    }

    /** Steps parsed. */
    public int size() {
      return n;
    }

    /** Steps in the record (parsed or skipped). */
    public int total() {
      return n + skipped;
    }

    public int query(int i) {
      return query[i];
    }

    public double seconds(int i) {
      return seconds[i];
    }

    public int arch(int i) {
      return arch[i];
    }

    public double reported(int i) {
      return reported[i];
    }

    public double regret(int i) {
      return regret[i];
    }

    public double regretPool(int i) {
      return regretPool[i];
    }
  }

  /** Why a parsed JSON value is not a trial record, or null if it is one. */
  private static String notATrial(TrialResult r, boolean missingSteps) {
    if (r == null) {
      return "the line is JSON null";
    }
    List<String> missing = new ArrayList<>();
    String[] names = {"key", "benchmark", "version", "dataset", "pool", "searcher", "oracle", "signal", "reported", "stop"};
    Object[] values = {r.key(), r.benchmark(), r.version(), r.dataset(), r.pool(), r.searcher(), r.oracle(), r.signal(),
        r.reported(), r.stop()};
    for (int i = 0; i < names.length; i++) {
      if (values[i] == null) {
        missing.add(names[i]);
      }
    }
    if (missingSteps) {
      missing.add("steps");
    }
    if (!missing.isEmpty()) {
      return "missing field(s) " + String.join(", ", missing);
    }
    String key = r.dataset() + "/" + r.pool() + "/" + r.searcher() + "/" + r.seed();
    return key.equals(r.key()) ? null : "its key " + r.key() + " does not match its fields (" + key + ")";
  }

  /**
   * The longest line read, 64 MiB by default ({@code nash.trials.max-line-bytes}): a trial record of
   * even a long traced search is a few MB. Past it a line is not held in memory: a tail without a
   * newline (a run killed mid-line, or garbage appended) is skipped in bounded chunks and reported as
   * incomplete, so it can be cut off however large it is; a longer complete line is an error.
   */
  static final int MAX_LINE = Integer.getInteger("nash.trials.max-line-bytes", 64 << 20);

  /** Newline-separated lines of a stream, each as a slice of one growing buffer of at most {@link #MAX_LINE}. */
  private static final class Lines {
    private final InputStream in;
    private final Path file;
    byte[] buf = new byte[1 << 16];
    int start;
    int len;
    private int pos;
    private int limit;
    private boolean complete;
    private boolean eof;
    /** The file offset of {@code buf[0]}. */
    private long base;

    Lines(InputStream in, Path file) {
      this.in = in;
      this.file = file;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
      start = pos;
      int scan = pos;
      while (true) {
        for (; scan < limit; scan++) {
          if (buf[scan] == '\n') {
            len = scan - start;
            pos = scan + 1;
            complete = true;
            return true;
          }
        }
        if (limit - start >= MAX_LINE) {
          return skipLong();
        }
        int offset = scan - start;
        if (!fill()) {
          len = limit - start;
          pos = limit;
          complete = false;
          return len > 0;
        }
        scan = start + offset;
      }
    }

    /**
     * A line of {@link #MAX_LINE} bytes without a newline so far: the rest is read in buffer-sized
     * chunks and dropped. Ending without a newline it is an incomplete last line (true, not complete);
     * with one it is an error.
     */
    private boolean skipLong() throws IOException {
      long lineStart = base + start;
      long length = limit - start;
      base += limit;
      start = 0;
      pos = 0;
      limit = 0;
      while (true) {
        int n = eof ? -1 : in.read(buf, 0, buf.length);
        if (n < 0) {
          eof = true;
          len = 0;
          complete = false;
          return true;
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            throw new NashException(file + ": the line at byte " + lineStart + " is " + (length + i) + " bytes long,"
                + " more than the " + (MAX_LINE >= 1 << 20 ? (MAX_LINE >> 20) + " MiB" : MAX_LINE + " bytes")
                + " a trial record can be; this is not a trials file nash"
                + " wrote, or it was damaged");
          }
        }
        length += n;
        base += n;
      }
    }

    /** Reads more bytes, keeping the current line at the start of the buffer; false at the end. */
    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      int kept = limit - start;
      if (start > 0) {
        base += start;
        System.arraycopy(buf, start, buf, 0, kept);
      } else if (kept == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      start = 0;
      pos = 0;
      limit = kept;
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
        return false;
      }
      limit += n;
      return true;
    }

    boolean complete() {
      return complete;
    }

    /** The file offset of the current line's first byte. */
    long offset() {
      return base + start;
    }

    /** Whether nothing follows the current line. */
    boolean atEnd() throws IOException {
      if (pos < limit) {
        return false;
      }
      start = pos;
      return !fill();
    }
  }

  /** Cuts an incomplete tail so that appending continues after the last complete line. */
  public static void truncate(Path file, long validBytes) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(validBytes);
    } catch (IOException e) {
      throw new NashException("cannot repair " + file + ": " + e.getMessage(), e);
    }
  }

  /** The record's line, newline included (written without databind: {@link TrialLine}). */
  public static String toLine(TrialResult r) {
    return TrialLine.of(r);
  }

  public static Writer append(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }
}
