package org.nash.analysis.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nash.NashException;
import org.nash.benchmark.Benchmark;

/**
 * What an operation-subset scan covers.
 *
 * @param datasets datasets (or tasks) to analyse, each with its reported metric column
 * @param connectedOnly exclude cells with no input-to-output path from every pool (the study keeps
 *     them; they sit at chance level)
 * @param reference dataset whose top-50 architectures are ranked on the others
 */
public record ScanOptions(List<String> datasets, boolean connectedOnly, String reference) {
  /** The datasets of the study where a benchmark has more than it analysed (cifar10-valid is optional). */
  private static final Map<String, List<String>> STUDY_DATASETS =
      Map.of("nb201", List.of("cifar10", "cifar100", "ImageNet16-120"));
  /** Preferred reference datasets, in order: the study ranks CIFAR-10's top-50 (TNB micro: class_scene). */
  private static final List<String> PREFERRED_REFERENCES = List.of("cifar10", "class_scene");

  public ScanOptions {
    datasets = List.copyOf(datasets);
  }

  /** The study's datasets (NB201: CIFAR-10, CIFAR-100, ImageNet16-120; otherwise all) with all cells. */
  public static ScanOptions defaults(Benchmark b) {
    return resolve(b, null, false, null);
  }

  /**
   * Checks a user's choice against the benchmark and fills defaults: {@code datasets} null or empty
   * means the study's datasets; {@code reference} null means CIFAR-10 (TNB micro: class_scene) if
   * selected, else the first selected dataset.
   */
  public static ScanOptions resolve(Benchmark b, List<String> datasets, boolean connectedOnly, String reference) {
    List<String> ds;
    if (datasets == null || datasets.isEmpty()) {
      ds = STUDY_DATASETS.getOrDefault(b.name(), b.datasets());
    } else {
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      for (String d : datasets) {
        String t = d.trim();
        if (t.isEmpty()) {
          throw new NashException("--datasets: empty dataset name in " + datasets);
        }
        if (!seen.add(t)) {
          throw new NashException("--datasets: '" + t + "' is listed twice");
        }
      }
      ds = new ArrayList<>(seen);
    }
    for (String d : ds) {
      b.objective(d); // throws a NashException naming the known datasets
      b.table().column(b.objective(d).reportedKey());
    }
    String ref = reference;
    if (ref == null) {
      ref = PREFERRED_REFERENCES.stream().filter(ds::contains).findFirst().orElse(ds.get(0));
    } else if (!ds.contains(ref)) {
      throw new NashException("--reference: '" + ref + "' is not among the scanned datasets " + ds);
    }
    return new ScanOptions(ds, connectedOnly, ref);
  }
}
