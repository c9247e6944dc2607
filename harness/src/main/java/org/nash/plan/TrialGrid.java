package org.nash.plan;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nash.config.Experiment;

/**
 * The trials of an experiment, dataset x pool x searcher x seed in that order, without one object per
 * trial: a trial is made when it is asked for, so a grid of millions costs a few small lists.
 */
public final class TrialGrid extends AbstractList<TrialSpec> {
  private final List<String> datasets;
  private final List<String> pools;
  private final List<Experiment.SearcherSpec> searchers;
  private final int firstSeed;
  private final int seeds;
  private final int maxQueries;
  private final double[] maxSeconds;
  private final Map<String, Integer> datasetIndex = new HashMap<>();
  private final Map<String, Integer> poolIndex = new HashMap<>();
  private final Map<String, Integer> searcherIndex = new HashMap<>();
  private final int size;

  /** @param maxSeconds per dataset, 0 for no time limit; the caller has checked the grid size */
  public TrialGrid(List<String> datasets, List<String> pools, List<Experiment.SearcherSpec> searchers, int firstSeed,
      int seeds, int maxQueries, double[] maxSeconds) {
    this.datasets = List.copyOf(datasets);
    this.pools = List.copyOf(pools);
    this.searchers = List.copyOf(searchers);
    this.firstSeed = firstSeed;
    this.seeds = seeds;
    this.maxQueries = maxQueries;
    this.maxSeconds = maxSeconds.clone();
    for (int i = 0; i < datasets.size(); i++) {
      datasetIndex.put(datasets.get(i), i);
    }
    for (int i = 0; i < pools.size(); i++) {
      poolIndex.put(pools.get(i), i);
    }
    for (int i = 0; i < searchers.size(); i++) {
      searcherIndex.put(searchers.get(i).label(), i);
    }
    this.size = Math.toIntExact(count(datasets.size(), pools.size(), searchers.size(), seeds));
  }

  /** The number of trials of such a grid, as a long so that a caller can refuse a huge one. */
  static long count(int datasets, int pools, int searchers, long seeds) {
    return (long) datasets * pools * searchers * seeds;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public TrialSpec get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    int seed = i % seeds;
    int rest = i / seeds;
    int s = rest % searchers.size();
    rest /= searchers.size();
    int p = rest % pools.size();
    int d = rest / pools.size();
    Experiment.SearcherSpec spec = searchers.get(s);
    return new TrialSpec(datasets.get(d), pools.get(p), spec.label(), spec.name(), spec.params(), firstSeed + seed,
        maxQueries, maxSeconds[d]);
  }

  /** The dataset and pool of trial {@code i} as one index, dataset-major (for per-cell contexts). */
  public int cell(int i) {
    return i / (seeds * searchers.size());
  }

  /**
   * The index of a trial given by its parts, or -1 if the dataset, pool or searcher is not in the grid
   * or the seed is below {@code first_seed}; a seed past the last one gives a distinct index >= size().
   */
  public long indexOf(String dataset, String pool, String searcher, int seed) {
    Integer d = datasetIndex.get(dataset);
    Integer p = poolIndex.get(pool);
    Integer s = searcherIndex.get(searcher);
    if (d == null || p == null || s == null || seed < firstSeed) {
      return -1;
    }
    long off = (long) seed - firstSeed;
    long group = (long) (d * pools.size() + p) * searchers.size() + s;
    if (off >= seeds) {
      // a later seed: outside this grid but of the same experiment; numbered seed-major after it
      return size + (off - seeds) * ((long) size / seeds) + group;
    }
    return group * seeds + off;
  }

  public List<String> datasets() {
    return datasets;
  }

  public List<String> pools() {
    return pools;
  }

  /** The query limit of every trial, 0 for none. */
  public int maxQueries() {
    return maxQueries;
  }

  /** The time limit of the trials on dataset {@code d} (an index into {@link #datasets()}), 0 for none. */
  public double maxSeconds(int d) {
    return maxSeconds[d];
  }

  public int firstSeed() {
    return firstSeed;
  }

  public int seeds() {
    return seeds;
  }
}
