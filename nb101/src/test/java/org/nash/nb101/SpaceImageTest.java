package org.nash.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached image of the enumerated space reads back exactly, and an unsound one is never used. */
class SpaceImageTest {
  static SpaceImage.Cells enumerated;

  @TempDir
  Path dir;

  @BeforeAll
  static void enumerate() {
    enumerated = Nb101Space.sorted(Nb101Space.enumerate());
  }

  @Test
  void anImageReadsBackAsTheEnumeration() {
    Path f = SpaceImage.file(dir);
    SpaceImage.write(f, enumerated);
    SpaceImage.Cells r = SpaceImage.read(f, Nb101Space.SIZE);
    assertNotNull(r);
    assertArrayEquals(enumerated.keys(), r.keys());
    assertArrayEquals(enumerated.reps(), r.reps());
    assertEquals(1_293_208, r.labelled());
  }

  @Test
  void aDamagedTruncatedOrMissingImageIsNotRead() throws Exception {
    Path f = SpaceImage.file(dir);
    assertNull(SpaceImage.read(f, Nb101Space.SIZE), "missing");
    SpaceImage.write(f, enumerated);
    byte[] good = Files.readAllBytes(f);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 1;
    Files.write(f, flipped);
    assertNull(SpaceImage.read(f, Nb101Space.SIZE), "one flipped bit");
    Files.write(f, java.util.Arrays.copyOf(good, good.length - 8));
    assertNull(SpaceImage.read(f, Nb101Space.SIZE), "truncated");
    Files.write(f, good);
    assertNull(SpaceImage.read(f, Nb101Space.SIZE - 1), "another size");
  }

  @Test
  void aSoundFileWithTheWrongContentIsNotRead() {
    // Checksums that match what a stale enumeration or key layout wrote: caught by order and re-derived keys.
    long[] keys = enumerated.keys();
    long[] reps = enumerated.reps();
    long[] shifted = new long[reps.length];
    for (int c = 0; c < reps.length; c++) {
      shifted[c] = reps[(c + 1) % reps.length];
    }
    Path f = SpaceImage.file(dir);
    SpaceImage.write(f, new SpaceImage.Cells(keys, shifted, enumerated.labelled()));
    assertNull(SpaceImage.read(f, Nb101Space.SIZE), "representatives of other cells");
    long[] swapped = keys.clone();
    swapped[10] = keys[11];
    swapped[11] = keys[10];
    SpaceImage.write(f, new SpaceImage.Cells(swapped, reps, enumerated.labelled()));
    assertNull(SpaceImage.read(f, Nb101Space.SIZE), "keys out of order");
  }
}
