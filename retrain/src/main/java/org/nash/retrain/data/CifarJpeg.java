package org.nash.retrain.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.nash.NashException;

/**
 * CIFAR-10 from a tar.gz of JPEGs in ImageFolder layout ({@code train/<class>/NNNN.jpg},
 * {@code test/<class>/NNNN.jpg}, classes in the official label order). The JPEGs are decoded once,
 * straight from the archive, into the compact binary layout and cached next to the other data, so
 * later runs read 184 MB of bytes instead of decoding 60,000 files. The per-class numbering does not
 * give the official global order, so {@link CifarSet#officialOrder()} is false.
 */
public final class CifarJpeg {
  public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
      "frog", "horse", "ship", "truck");

  private CifarJpeg() {}

  /**
   * All 60,000 images, from {@code cacheDir/<archive name>.train.bin|.test.bin} when present,
   * otherwise decoded from the archive and written there (temp file, then rename).
   */
  public static CifarSet load(Path archive, Path cacheDir) {
    String base = archive.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
    Path train = cacheDir.resolve(base + ".train.bin");
    Path test = cacheDir.resolve(base + ".test.bin");
    String origin = "CIFAR-10 JPEGs " + archive.getFileName() + " (decoded cache " + cacheDir + ")";
    if (Files.isRegularFile(train) && Files.isRegularFile(test)) {
      return new CifarSet(CifarBinary.read(train), CifarBinary.read(test), origin, false);
    }
    System.err.println("decoding the CIFAR-10 JPEGs of " + archive + " once into " + cacheDir + " ...");
    CifarSet set = decode(archive, Integer.MAX_VALUE);
    try {
      Files.createDirectories(cacheDir);
      writeAtomically(set.train(), train);
      writeAtomically(set.test(), test);
    } catch (IOException e) {
      throw new NashException("cannot write the decoded CIFAR-10 cache in " + cacheDir + ": " + e.getMessage(), e);
    }
    return new CifarSet(set.train(), set.test(), origin, false);
  }

  /** Decodes the first {@code perClass} images of each class of each split (by file name); no cache. */
  public static CifarSet decode(Path archive, int perClass) {
    List<Entry> train = new ArrayList<>();
    List<Entry> test = new ArrayList<>();
    int[][] counts = new int[2][CLASSES.size()];
    try (InputStream raw = Files.newInputStream(archive);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new java.io.BufferedInputStream(raw, 1 << 16)))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (!e.isFile() || !e.getName().endsWith(".jpg")) {
          continue;
        }
        String[] parts = e.getName().replaceFirst("^\\./", "").split("/");
        if (parts.length != 3) {
          throw new NashException(archive + ": entry " + e.getName() + " is not <split>/<class>/<file>.jpg");
        }
        int split = parts[0].equals("train") ? 0 : parts[0].equals("test") ? 1 : -1;
        int label = CLASSES.indexOf(parts[1]);
        if (split < 0 || label < 0) {
          throw new NashException(archive + ": entry " + e.getName() + " has split '" + parts[0] + "' or class '"
              + parts[1] + "' outside train|test and " + CLASSES);
        }
        if (counts[split][label] >= perClass) {
          continue;
        }
        counts[split][label]++;
        (split == 0 ? train : test).add(new Entry(e.getName(), label, parts[2], tar.readAllBytes()));
      }
    } catch (IOException e) {
      throw new NashException("cannot read " + archive + ": " + e.getMessage(), e);
    }
    if (train.isEmpty() || test.isEmpty()) {
      throw new NashException(archive + ": found " + train.size() + " train and " + test.size()
          + " test JPEGs; expected train/<class>/*.jpg and test/<class>/*.jpg");
    }
    return new CifarSet(toImages(train, archive), toImages(test, archive), "CIFAR-10 JPEGs " + archive.getFileName(), false);
  }

  private record Entry(String path, int label, String file, byte[] jpeg) {}

  /** Sorted by class, then file name, so the result does not depend on the archive's order. */
  private static CifarImages toImages(List<Entry> entries, Path archive) {
    entries.sort(Comparator.comparingInt(Entry::label).thenComparing(Entry::file));
    int n = entries.size();
    byte[] pixels = new byte[n * CifarImages.PIXELS];
    byte[] labels = new byte[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      Entry e = entries.get(i);
      labels[i] = (byte) e.label();
      toChw(decodeJpeg(e, archive), pixels, i * CifarImages.PIXELS, archive, e.path());
    });
    return new CifarImages(pixels, labels, CLASSES.size());
  }

  private static BufferedImage decodeJpeg(Entry e, Path archive) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(e.jpeg()));
      if (img == null) {
        throw new NashException(archive + ": " + e.path() + " is not a readable JPEG");
      }
      return img;
    } catch (IOException ex) {
      throw new NashException(archive + ": cannot decode " + e.path() + ": " + ex.getMessage(), ex);
    }
  }

  private static void toChw(BufferedImage img, byte[] out, int offset, Path archive, String path) {
    int s = CifarImages.SIDE;
    if (img.getWidth() != s || img.getHeight() != s) {
      throw new NashException(archive + ": " + path + " is " + img.getWidth() + "x" + img.getHeight() + ", expected 32x32");
    }
    int plane = s * s;
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        int rgb = img.getRGB(x, y);
        int p = offset + y * s + x;
        out[p] = (byte) (rgb >> 16);
        out[p + plane] = (byte) (rgb >> 8);
        out[p + 2 * plane] = (byte) rgb;
      }
    }
  }

  private static void writeAtomically(CifarImages images, Path target) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        CifarBinary.write(images, out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
