package org.nash.retrain.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.nash.NashException;
import org.nash.data.DataCatalog;
import org.nash.data.DataEntry;
import org.nash.table.pickle.ImageBatchPickle;

/**
 * The official releases of NB-201's images, in the layouts users have them (nothing here downloads
 * them): CIFAR-10 {@code cifar-10-batches-py} / {@code cifar-10-batches-bin}, CIFAR-100
 * {@code cifar-100-python} / {@code cifar-100-binary} (fine labels), each also as its published
 * {@code .tar.gz} (whose md5 from the data catalog is checked first), and NB-201's ImageNet16 folder
 * ({@code train_data_batch_1..10}, {@code val_data}: pickled dicts of uint8 rows of 3x16x16 and labels
 * 1..1000; ImageNet16-120 keeps labels 1..120 as 0..119, as AutoDL's {@code ImageNet16(...,
 * use_num_of_class_only=120)}). Images keep the release's order, so NB-201's split files apply.
 */
public final class OfficialImages {
  public static final String CIFAR10_PY = "cifar-10-batches-py";
  public static final String CIFAR10_BIN = "cifar-10-batches-bin";
  public static final String CIFAR100_PY = "cifar-100-python";
  public static final String CIFAR100_BIN = "cifar-100-binary";
  public static final String IMAGENET16 = "ImageNet16";

  private static final List<String> CIFAR10_PY_TRAIN = List.of("data_batch_1", "data_batch_2", "data_batch_3",
      "data_batch_4", "data_batch_5");
  private static final List<String> CIFAR10_BIN_TRAIN = List.of("data_batch_1.bin", "data_batch_2.bin",
      "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
  private static final List<String> IMAGENET16_TRAIN = List.of("train_data_batch_1", "train_data_batch_2",
      "train_data_batch_3", "train_data_batch_4", "train_data_batch_5", "train_data_batch_6", "train_data_batch_7",
      "train_data_batch_8", "train_data_batch_9", "train_data_batch_10");

  /** A release layout: its folder name, the files of its train and test parts, and the catalog's archive. */
  record Layout(String images, String folder, List<String> train, List<String> test, String archiveId) {
    List<String> all() {
      List<String> l = new ArrayList<>(train);
      l.addAll(test);
      return l;
    }
  }

  static final List<Layout> LAYOUTS = List.of(
      new Layout("cifar10", CIFAR10_BIN, CIFAR10_BIN_TRAIN, List.of("test_batch.bin"), "cifar10-binary"),
      new Layout("cifar10", CIFAR10_PY, CIFAR10_PY_TRAIN, List.of("test_batch"), "cifar10-python"),
      new Layout("cifar100", CIFAR100_BIN, List.of("train.bin"), List.of("test.bin"), "cifar100-binary"),
      new Layout("cifar100", CIFAR100_PY, List.of("train"), List.of("test"), "cifar100-python"),
      new Layout("ImageNet16-120", IMAGENET16, IMAGENET16_TRAIN, List.of("val_data"), null));

  private OfficialImages() {}

  /** Where to look and what is expected, for messages. */
  static String expected(String images) {
    List<String> names = new ArrayList<>();
    for (Layout l : layouts(images)) {
      names.add(l.folder() + "/ (" + String.join(", ", l.all()) + ")");
    }
    return String.join(" or ", names);
  }

  static List<Layout> layouts(String images) {
    return LAYOUTS.stream().filter(l -> l.images().equals(images)).toList();
  }

  /**
   * The official images of {@code images} ({@code cifar10}, {@code cifar100}, {@code ImageNet16-120}).
   * With {@code data}: that layout folder, a folder holding one, or a published archive; else the
   * first layout folder or archive found in the cache ({@code NASH_DATA}) or the mirror, directly or in
   * a folder named after the dataset. Null when none is found (and no {@code data} was given).
   */
  public static CifarSet find(String images, Path data, DataCatalog catalog) {
    if (data != null) {
      CifarSet s = fromPath(images, data, catalog);
      if (s == null) {
        throw new NashException("--data " + data + ": no " + images + " release found; expected " + expected(images)
            + (archives(images, catalog).isEmpty() ? "" : ", or the archive " + String.join(" or ",
            archives(images, catalog).stream().map(DataEntry::fileName).toList())) + ", in or at that path");
      }
      return s;
    }
    List<Path> roots = new ArrayList<>();
    roots.add(catalog.cacheDir());
    if (catalog.mirrorDir() != null) {
      roots.add(catalog.mirrorDir());
    }
    for (Path root : roots) {
      for (Path dir : List.of(root, root.resolve(images))) {
        for (Layout l : layouts(images)) {
          if (isLayout(dir.resolve(l.folder()), l)) {
            return readDir(dir.resolve(l.folder()), l);
          }
        }
      }
    }
    for (DataEntry e : archives(images, catalog)) {
      Path p = catalog.locate(e);
      if (p != null) {
        return readArchive(p, e, images);
      }
    }
    return null;
  }

  private static List<DataEntry> archives(String images, DataCatalog catalog) {
    List<DataEntry> out = new ArrayList<>();
    for (Layout l : layouts(images)) {
      if (l.archiveId() != null) {
        out.add(catalog.entry(l.archiveId()));
      }
    }
    return out;
  }

  /** A layout folder, a folder holding one, or an archive; null when {@code p} is none of them. */
  static CifarSet fromPath(String images, Path p, DataCatalog catalog) {
    if (Files.isRegularFile(p)) {
      for (DataEntry e : archives(images, catalog)) {
        if (p.getFileName().toString().equals(e.fileName())) {
          return readArchive(p, e, images);
        }
      }
      return null;
    }
    for (Layout l : layouts(images)) {
      if (isLayout(p, l)) {
        return readDir(p, l);
      }
    }
    for (Layout l : layouts(images)) {
      Path inner = p.resolve(l.folder());
      if (Files.isDirectory(inner)) {
        // a layout folder that is incomplete is named with its missing files
        return readDir(inner, l);
      }
    }
    for (DataEntry e : archives(images, catalog)) {
      Path a = p.resolve(e.fileName());
      if (Files.isRegularFile(a)) {
        return readArchive(a, e, images);
      }
    }
    return null;
  }

  private static boolean isLayout(Path dir, Layout l) {
    return Files.isDirectory(dir) && l.all().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  /** Reads a layout folder; a missing file is an error naming it. */
  static CifarSet readDir(Path dir, Layout l) {
    for (String f : l.all()) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new NashException(dir.resolve(f) + ": missing; a " + l.folder() + " folder holds " + String.join(", ",
            l.all()));
      }
    }
    List<String> files = new ArrayList<>();
    Source src = name -> {
      Path f = dir.resolve(name);
      try {
        return new Member(dir.resolve(name).toString(), Files.size(f), Files.newInputStream(f));
      } catch (IOException e) {
        throw new NashException("cannot read " + f + ": " + e.getMessage(), e);
      }
    };
    CifarSet s = read(l, src, files);
    return new CifarSet(s.train(), s.test(), l.folder() + " release at " + dir, true, files);
  }

  /** Checks the archive's published md5, then reads its members in memory. */
  static CifarSet readArchive(Path archive, DataEntry entry, String images) {
    String[] digests = digests(archive);
    if (entry.md5() != null && !entry.md5().equalsIgnoreCase(digests[0])) {
      throw new NashException("md5 mismatch for " + archive + ": the published " + entry.fileName() + " has md5 "
          + entry.md5() + ", this file " + digests[0] + ". It is corrupt, cut short or another file; download it again"
          + " (" + entry.url() + ") or give the extracted folder");
    }
    Map<String, byte[]> members = new LinkedHashMap<>();
    try (InputStream raw = Files.newInputStream(archive);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
             new java.io.BufferedInputStream(raw, 1 << 16)))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.isFile()) {
          members.put(e.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new NashException("cannot read " + archive + " as a tar.gz: " + e.getMessage(), e);
    }
    for (Layout l : layouts(images)) {
      if (l.archiveId() != null && l.archiveId().equals(entry.id())) {
        Source src = name -> {
          byte[] b = members.get(l.folder() + "/" + name);
          if (b == null) {
            throw new NashException(archive + ": no member " + l.folder() + "/" + name + "; the archive holds "
                + members.keySet());
          }
          return new Member(archive + "!" + l.folder() + "/" + name, b.length, new ByteArrayInputStream(b));
        };
        CifarSet s = read(l, src, new ArrayList<>());
        return new CifarSet(s.train(), s.test(), entry.fileName() + " (" + l.folder() + ") at " + archive, true,
            List.of(archive.getFileName() + " sha256=" + digests[1] + (entry.md5() != null ? " md5 checked" : "")));
      }
    }
    throw new IllegalStateException("no layout for " + entry.id());
  }

  /** {md5, sha256} of a file in one pass. */
  private static String[] digests(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md5.update(buf, 0, n);
        sha.update(buf, 0, n);
      }
      return new String[] {HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest())};
    } catch (IOException e) {
      throw new NashException("cannot read " + p + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One file of a release: its name for messages, size, and content. */
  record Member(String name, long size, InputStream in) {}

  interface Source {
    Member open(String name);
  }

  private static CifarSet read(Layout l, Source src, List<String> files) {
    ImageTransform t = ImageTransform.of(l.images());
    return new CifarSet(readPart(l, l.train(), src, t, files), readPart(l, l.test(), src, t, files), l.folder(), true,
        files);
  }

  private static CifarImages readPart(Layout l, List<String> names, Source src, ImageTransform t, List<String> files) {
    java.io.ByteArrayOutputStream px = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream lb = new java.io.ByteArrayOutputStream();
    for (String name : names) {
      Member m = src.open(name);
      try (DigestInputStream in = new DigestInputStream(new java.io.BufferedInputStream(m.in(), 1 << 20),
          MessageDigest.getInstance("SHA-256"))) {
        switch (l.folder()) {
          case CIFAR10_BIN -> records(in, m, 1, 0, 10, px, lb);
          case CIFAR100_BIN -> records(in, m, 2, 1, 100, px, lb);
          case CIFAR10_PY -> batch(in, m, "labels", t, 0, 10, px, lb);
          case CIFAR100_PY -> batch(in, m, "fine_labels", t, 0, 100, px, lb);
          case IMAGENET16 -> batch(in, m, "labels", t, 1, 1000, px, lb);
          default -> throw new IllegalStateException(l.folder());
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
        files.add(name + " sha256=" + HexFormat.of().formatHex(in.getMessageDigest().digest()));
      } catch (IOException e) {
        throw new NashException("cannot read " + m.name() + ": " + e.getMessage(), e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return new CifarImages(px.toByteArray(), lb.toByteArray(), t.classes(), t);
  }

  /**
   * Fixed-size binary records: {@code labelBytes} label bytes (the one at {@code labelIndex} is used:
   * CIFAR-100 stores coarse, then fine) and 3072 pixel bytes.
   */
  private static void records(InputStream in, Member m, int labelBytes, int labelIndex, int classes,
      java.io.ByteArrayOutputStream px, java.io.ByteArrayOutputStream lb) throws IOException {
    int record = labelBytes + CifarImages.PIXELS;
    if (m.size() % record != 0 || m.size() == 0) {
      throw new NashException(m.name() + ": size " + m.size() + " is not a positive multiple of the " + record
          + "-byte record (" + labelBytes + " label byte(s) + 3072 pixels): a truncated or wrong file");
    }
    byte[] rec = new byte[record];
    for (long i = 0; i < m.size() / record; i++) {
      if (in.readNBytes(rec, 0, record) != record) {
        throw new NashException(m.name() + ": ends inside record " + i);
      }
      int label = rec[labelIndex] & 0xFF;
      if (label >= classes) {
        throw new NashException(m.name() + ": record " + i + " has label " + label + ", expected 0-" + (classes - 1));
      }
      lb.write(label);
      px.write(rec, labelBytes, CifarImages.PIXELS);
    }
  }

  /**
   * A pickled batch; labels {@code first..first+classes-1}. ImageNet16's 1..1000 are kept only when
   * within the transform's classes (1..120), shifted to 0..119.
   */
  private static void batch(InputStream in, Member m, String labelKey, ImageTransform t, int first, int classes,
      java.io.ByteArrayOutputStream px, java.io.ByteArrayOutputStream lb) {
    ImageBatchPickle.Batch b = ImageBatchPickle.read(in, m.name(), labelKey, t.pixels());
    for (int i = 0; i < b.rows(); i++) {
      int label = b.labels()[i] - first;
      if (label < 0 || label >= classes) {
        throw new NashException(m.name() + ": image " + i + " has label " + b.labels()[i] + ", expected " + first + ".."
            + (first + classes - 1));
      }
      if (label < t.classes()) {
        lb.write(label);
        px.write(b.pixels(), i * t.pixels(), t.pixels());
      }
    }
  }
}
