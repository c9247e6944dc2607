package org.nash.nb101;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One official data row, the JSON array {@code [hash, epochs, adjacency bits, ops, metrics]} that
 * nasbench writes into each TFRecord (e.g.
 * {@code ["28cf...", 108, "0111100...", "input,conv3x3-bn-relu,...,output", "CiQJ..."]}, metrics =
 * base64 of a ModelMetrics protobuf). Parsed by hand in place: a reusable cursor over the record
 * bytes, no per-row objects besides the decoded metrics bytes.
 */
public final class Nb101Row {
  public long hashHi;
  public long hashLo;
  public int epochs;
  private byte[] b;
  private int adjFrom;
  private int adjTo;
  private int opsFrom;
  private int opsTo;
  private int metricsFrom;
  private int metricsTo;
  private int pos;
  private int end;
  private byte[] dst = new byte[1024];

  /** A malformed row; the caller names the record. */
  static final class Malformed extends RuntimeException {
    Malformed(String m) {
      super(m);
    }
  }

  void parse(byte[] data, int len) {
    b = data;
    pos = 0;
    end = len;
    expect('[');
    int from = string("hash");
    if (pos - 1 - from != 32) {
      throw new Malformed("hash field has " + (pos - 1 - from) + " characters, expected 32 hex digits");
    }
    hashHi = hex16(from);
    hashLo = hex16(from + 16);
    expect(',');
    epochs = integer("epochs");
    expect(',');
    adjFrom = string("adjacency");
    adjTo = pos - 1;
    expect(',');
    opsFrom = string("ops");
    opsTo = pos - 1;
    expect(',');
    metricsFrom = string("metrics");
    metricsTo = pos - 1;
    expect(']');
    ws();
    if (pos != end) {
      throw new Malformed("unexpected text after the closing ']' at character " + pos);
    }
  }

  public String hash() {
    return Nb101Hash.hex(hashHi, hashLo);
  }

  public String adjacency() {
    return new String(b, adjFrom, adjTo - adjFrom, StandardCharsets.US_ASCII);
  }

  public String ops() {
    return new String(b, opsFrom, opsTo - opsFrom, StandardCharsets.US_ASCII);
  }

  /** Decodes the metrics field into {@link #metricsBytes()}; returns the decoded length. */
  int decodeMetrics() {
    int n = metricsTo - metricsFrom;
    if (dst.length < n) {
      dst = new byte[n * 2];
    }
    try {
      return Base64.getDecoder().decode(java.util.Arrays.copyOfRange(b, metricsFrom, metricsTo), dst);
    } catch (IllegalArgumentException e) {
      throw new Malformed("metrics field is not valid base64: " + e.getMessage());
    }
  }

  byte[] metricsBytes() {
    return dst;
  }

  private void ws() {
    while (pos < end && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
      pos++;
    }
  }

  private void expect(char c) {
    ws();
    if (pos >= end) {
      throw new Malformed("JSON row ends early; expected '" + c + "'");
    }
    if (b[pos] != c) {
      throw new Malformed("bad JSON row: expected '" + c + "' at character " + pos + ", found '" + (char) (b[pos] & 0xff) + "'");
    }
    pos++;
  }

  /** Reads a string without escapes; returns the offset of its first character, pos after the quote. */
  private int string(String field) {
    ws();
    if (pos >= end || b[pos] != '"') {
      throw new Malformed("bad JSON row: expected the " + field + " string at character " + pos);
    }
    int from = ++pos;
    while (pos < end && b[pos] != '"') {
      if (b[pos] == '\\') {
        throw new Malformed("bad JSON row: unexpected escape in the " + field + " string at character " + pos);
      }
      pos++;
    }
    if (pos >= end) {
      throw new Malformed("bad JSON row: the " + field + " string is not closed");
    }
    pos++;
    return from;
  }

  private int integer(String field) {
    ws();
    int v = 0;
    int from = pos;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9' && pos - from < 9) {
      v = v * 10 + (b[pos++] - '0');
    }
    if (pos == from) {
      throw new Malformed("bad JSON row: expected the " + field + " number at character " + pos);
    }
    return v;
  }

  private long hex16(int from) {
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      int c = b[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        throw new Malformed("hash field has '" + (char) c + "'; expected 32 lower-case hex digits");
      }
      v = v << 4 | d;
    }
    return v;
  }

  /** The official row text for a record, formatted as Python's json.dumps does. */
  public static byte[] format(String hash, int epochs, Nb101Spec spec, byte[] metrics) {
    String bits = spec.toString();
    bits = bits.substring(0, bits.indexOf(':'));
    String row = "[\"" + hash + "\", " + epochs + ", \"" + bits + "\", \"" + String.join(",", spec.opNames())
        + "\", \"" + Base64.getEncoder().encodeToString(metrics) + "\"]";
    return row.getBytes(StandardCharsets.US_ASCII);
  }
}
