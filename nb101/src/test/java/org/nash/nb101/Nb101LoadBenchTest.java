package org.nash.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load time and heap of a full-size file: a SYNTHETIC file in the official layout with every one
 * of the 423,624 cells x 3 runs at 108 epochs (1,270,872 records, about the size of
 * nasbench_only108.tfrecord; the values are random, only the layout is real), read in a separate
 * JVM limited to -Xmx900m. Writes ~0.5 GB to a temp folder, so it runs only with
 * {@code -Dnb101.slow=true}.
 */
@EnabledIfSystemProperty(named = "nb101.slow", matches = "true")
class Nb101LoadBenchTest {
  @TempDir
  Path dir;

  /** Entry point of the forked JVM: loads the file and prints time and heap. */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    Nb101Space space = Nb101Space.get();
    long t1 = System.nanoTime();
    Nb101TableReader reader = new Nb101TableReader(space);
    Nb101Table t = reader.read(Path.of(args[0]));
    long t2 = System.nanoTime();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    long peak = 0;
    for (var p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == java.lang.management.MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf("RESULT rows=%d records=%d enumerate_ms=%d load_ms=%d records_per_s=%.0f heap_after_gc_MB=%d"
        + " peak_heap_MB=%d max_heap_MB=%d%n", t.rows(), reader.records(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        reader.records() / ((t2 - t1) / 1e9), used >> 20, peak >> 20, rt.maxMemory() >> 20);
  }

  @Test
  void fullSizeFileLoadsInSecondsUnder1GbHeap() throws Exception {
    Nb101Space space = Nb101Space.get();
    Path f = dir.resolve("synthetic_only108.tfrecord");
    SplittableRandom rng = new SplittableRandom(1);
    long t0 = System.nanoTime();
    try (TfRecordWriter w = new TfRecordWriter(f)) {
      for (int c = 0; c < space.size(); c++) {
        Nb101Spec spec = space.spec(space.byIndex(c));
        // A made-up but unique hash per cell: hashing all cells here would take 10-30 s.
        String hash = String.format("%032x", (long) c * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
        for (int k = 0; k < 3; k++) {
          byte[] m = ModelMetricsEncoder.encode(List.of(
              new ModelMetrics.Evaluation(0, 0, 0.1, 0.1, 0.1, null),
              new ModelMetrics.Evaluation(54, rng.nextDouble() * 1000, rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), null),
              new ModelMetrics.Evaluation(108, rng.nextDouble() * 2000, rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), null)),
              1_000_000 + rng.nextInt(30_000_000), rng.nextDouble() * 3000);
          w.write(Nb101Row.format(hash, 108, spec, m));
        }
      }
    }
    System.out.printf("nb101 synthetic full-size file: %d bytes written in %d ms%n", Files.size(f),
        (System.nanoTime() - t0) / 1_000_000);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx900m", "-cp", System.getProperty("java.class.path"),
        Nb101LoadBenchTest.class.getName(), f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    System.out.print("nb101 load (forked JVM, -Xmx900m): " + out);
    assertTrue(out.contains("rows=423624 records=1270872"), out);
  }
}
