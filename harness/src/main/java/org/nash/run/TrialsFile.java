package org.nash.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.nash.NashException;

/**
 * {@code trials.jsonl}: one finished trial per line, appended and flushed as trials finish. A line
 * cut short by a kill is detected by its missing newline (or unparsable JSON on the last line).
 */
public final class TrialsFile {
  public static final String NAME = "trials.jsonl";
  public static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private TrialsFile() {}

  /** The complete trials of a file, and what was wrong with its tail, if anything. */
  public record Contents(List<TrialResult> trials, long validBytes, String problem) {}

  /**
   * Reads every complete line. A truncated or unparsable LAST line is reported in
   * {@link Contents#problem()} with its line number; a bad line before the last is an error.
   */
  public static Contents read(Path file) {
    if (!Files.exists(file)) {
      return new Contents(List.of(), 0, null);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<TrialResult> out = new ArrayList<>();
    int start = 0;
    int line = 1;
    long valid = 0;
    while (start < bytes.length) {
      int nl = start;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      String text = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
      boolean last = nl >= bytes.length - 1;
      if (nl == bytes.length) {
        return new Contents(out, valid, file + ":" + line + ": last line is incomplete (no newline; the run"
            + " was interrupted while writing it); it was skipped");
      }
      try {
        out.add(JSON.readValue(text, TrialResult.class));
      } catch (JsonProcessingException e) {
        String msg = file + ":" + line + ": not a valid trial record: " + e.getOriginalMessage();
        if (last) {
          return new Contents(out, valid, msg + "; it was skipped");
        }
        throw new NashException(msg);
      }
      valid = nl + 1;
      start = nl + 1;
      line++;
    }
    return new Contents(out, valid, null);
  }

  /** Cuts an incomplete tail so that appending continues after the last complete line. */
  static void truncate(Path file, long validBytes) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(validBytes);
    } catch (IOException e) {
      throw new NashException("cannot repair " + file + ": " + e.getMessage(), e);
    }
  }

  static String toLine(TrialResult r) {
    try {
      return JSON.writeValueAsString(r) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Writer append(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }
}
