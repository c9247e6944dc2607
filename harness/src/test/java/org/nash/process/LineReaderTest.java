package org.nash.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static LineReader reader(String text, int max, boolean cut) {
    return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max, cut);
  }

  @Test
  void linesEndWithNewlineOrCrLfAndTheLastMayLackOne() throws Exception {
    LineReader r = reader("a\r\nbé\n\nlast", 10, false);
    assertEquals("a", r.readLine());
    assertEquals("bé", r.readLine());
    assertEquals("", r.readLine());
    assertEquals("last", r.readLine());
    assertNull(r.readLine());
    assertNull(r.readLine());
  }

  @Test
  void theCapCountsBytesAndALineAtTheCapPasses() throws Exception {
    LineReader r = reader("12345\n123456\n", 5, false);
    assertEquals("12345", r.readLine());
    assertThrows(LineReader.TooLong.class, r::readLine);
  }

  @Test
  void cuttingKeepsTheStartAndGoesOnWithTheNextLine() throws Exception {
    LineReader r = reader("abcdefgh\nxy\n", 3, true);
    assertEquals("abc", r.readLine());
    assertEquals("xy", r.readLine());
    assertNull(r.readLine());
  }

  @Test
  void anEndlessStreamStopsAtTheCap() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'x');
        return len;
      }
    };
    assertThrows(LineReader.TooLong.class, () -> new LineReader(endless, 1 << 20, false).readLine());
  }
}
