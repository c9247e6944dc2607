package org.nash.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's summary needs of each trial (the incumbent's final reported value and regrets, the
 * queries, simulated seconds and re-queries), grouped by dataset x pool x searcher in the order the
 * groups first appear in {@code trials.jsonl}, each group's values in file order. A run collects
 * them from the records it reads anyway when it opens its folder and from each trial it writes, so
 * the summary never reads the trials file again; fed with the same records in the same order it
 * holds exactly what a read of the file gives ({@code Summary.of(Path)} reads the file through it),
 * so the summary's bytes do not depend on which way it was made.
 *
 * <p>Not thread-safe: one writer adds in file order.
 */
public final class SummaryValues {
  /** The summarised quantities, in the order of {@link Group#column(int)}. */
  public static final int REPORTED = 0;
  public static final int REGRET = 1;
  public static final int REGRET_POOL = 2;
  public static final int QUERIES = 3;
  public static final int SECONDS = 4;
  public static final int REPEATS = 5;
  private static final int COLUMNS = 6;

  private final Map<String, Group> groups = new LinkedHashMap<>();
  /** The group of the last record added: consecutive records mostly share it. */
  private Group last;

  /** Adds one trial (a full record or a head without steps: only {@code final} and the counts are read). */
  public void add(TrialResult t) {
    Group g = last;
    if (g == null || !g.dataset.equals(t.dataset()) || !g.pool.equals(t.pool()) || !g.searcher.equals(t.searcher())) {
      g = groups.computeIfAbsent(t.dataset() + "|" + t.pool() + "|" + t.searcher(),
          k -> new Group(t.dataset(), t.pool(), t.searcher()));
      last = g;
    }
    g.add(t);
  }

  /** The groups in order of first appearance. */
  public List<Group> groups() {
    return Collections.unmodifiableList(new ArrayList<>(groups.values()));
  }

  /**
   * The values of every unique record of a trials file, streamed (the first record of a repeated
   * trial counts; a bad last line is skipped, as when resuming).
   */
  public static SummaryValues read(java.nio.file.Path trialsFile) {
    SummaryValues v = new SummaryValues();
    TrialsFile.Duplicates dups = new TrialsFile.Duplicates(trialsFile);
    TrialsFile.scanHeads(trialsFile, (line, t) -> {
      if (dups.first(line, t)) {
        v.add(t);
      }
    });
    return v;
  }

  /** One dataset x pool x searcher group: its trials' values, column by column. */
  public static final class Group {
    private final String dataset;
    private final String pool;
    private final String searcher;
    private double[][] cols = new double[COLUMNS][16];
    private int n;

    Group(String dataset, String pool, String searcher) {
      this.dataset = dataset;
      this.pool = pool;
      this.searcher = searcher;
    }

    void add(TrialResult t) {
      if (n == cols[0].length) {
        for (int c = 0; c < COLUMNS; c++) {
          cols[c] = Arrays.copyOf(cols[c], n * 2);
        }
      }
      TrialResult.Step f = t.last();
      cols[REPORTED][n] = f == null ? Double.NaN : f.reported();
      cols[REGRET][n] = f == null ? Double.NaN : f.regret();
      cols[REGRET_POOL][n] = f == null ? Double.NaN : f.regretPool();
      cols[QUERIES][n] = t.queries();
      cols[SECONDS][n] = t.seconds();
      cols[REPEATS][n] = t.repeats();
      n++;
    }

    public String dataset() {
      return dataset;
    }

    public String pool() {
      return pool;
    }

    public String searcher() {
      return searcher;
    }

    /** The number of trials. */
    public int size() {
      return n;
    }

    /** A copy of one column ({@link #REPORTED} .. {@link #REPEATS}), in file order. */
    public double[] column(int c) {
      return Arrays.copyOf(cols[c], n);
    }
  }
}
