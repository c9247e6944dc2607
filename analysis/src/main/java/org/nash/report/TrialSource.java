package org.nash.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nash.NashException;
import org.nash.analysis.compare.Groups;
import org.nash.io.Progress;
import org.nash.results.RecordCheck;
import org.nash.results.TrialsFile;

/**
 * The trials of one results folder as a replayable {@link Groups.Source}, streamed from its
 * {@code trials.jsonl} on every pass (nothing per trial is kept but what {@link Groups} keeps). The
 * first pass checks every record against the folder's experiment ({@link RecordCheck}, refusing a
 * foreign line with file:line), collects benchmarks and data versions, and drops repeated records of
 * one trial (the first counts, as when resuming); later passes visit exactly the lines the first
 * accepted, so a file still being appended to gives every analysis the same trials.
 */
final class TrialSource implements Groups.Source {
  private final Path file;
  private final String where;
  private final RecordCheck check;
  private final Progress.Factory progress;
  final TreeSet<String> benchmarks = new TreeSet<>();
  final TreeSet<String> versions = new TreeSet<>();
  /** Lines of the first pass (accepted or dropped); -1 before it. */
  private long lines = -1;
  private int accepted;
  /** Line numbers of dropped duplicates. */
  private final BitSet dropped = new BitSet();
  private long droppedCount;
  private String droppedExample;
  private String tailProblem;
  /** Per dataset/pool/searcher: trials, and trials without a result (no query made). */
  private final Map<String, Integer> total = new java.util.LinkedHashMap<>();
  private final Map<String, Integer> noResult = new java.util.LinkedHashMap<>();
  /** First pass only: the first line of each grid index seen (0: not yet). */
  private int[] seen;

  TrialSource(Path file, String where, RecordCheck check, Progress.Factory progress) {
    this.file = file;
    this.where = where;
    this.check = check;
    this.progress = progress;
  }

  @Override
  public void replay(String task, boolean allSteps, TrialsFile.StepsVisitor visitor) {
    long size;
    try {
      size = Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new NashException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (Progress p = progress.start(task + " (" + where + ")", size, "bytes")) {
      if (lines < 0) {
        first(p, visitor);
      } else {
        again(p, allSteps, visitor);
      }
    }
  }

  private void first(Progress p, TrialsFile.StepsVisitor visitor) {
    // Seen trials: by grid index when the folder's config gives a grid (4 bytes per grid cell), else by key.
    seen = new int[check == null ? 0 : 1024];
    Map<String, Long> firstByKey = check == null ? new HashMap<>() : null;
    long[] last = {0};
    TrialsFile.Tail tail = TrialsFile.stream(file, false, p, (line, r, steps) -> {
      last[0] = line;
      benchmarks.add(r.benchmark());
      versions.add(r.version());
      long prev;
      if (check != null) {
        long i = check.index(file + ":" + line, r);
        if (i >= Integer.MAX_VALUE - 8) {
          throw new NashException(file + ":" + line + ": trial " + r.key() + " has grid index " + i
              + ", too large to analyse");
        }
        int at = (int) i;
        if (at >= seen.length) {
          seen = Arrays.copyOf(seen, Math.max(at + 1, seen.length * 2));
        }
        prev = seen[at];
        if (prev == 0) {
          seen[at] = (int) Math.min(line, Integer.MAX_VALUE);
        }
      } else {
        Long f = firstByKey.putIfAbsent(r.key(), line);
        prev = f == null ? 0 : f;
      }
      if (prev != 0) {
        dropped.set((int) line);
        if (droppedCount++ == 0) {
          droppedExample = "line " + line + " repeats trial " + r.key() + " of line " + prev;
        }
        return;
      }
      String group = r.dataset() + "/" + r.pool() + "/" + r.searcher();
      total.merge(group, 1, Integer::sum);
      if (r.last() == null) {
        // No query fitted the budget (a time budget below the cost of one query): no result to analyse.
        dropped.set((int) line);
        noResult.merge(group, 1, Integer::sum);
        return;
      }
      accepted++;
      visitor.accept(line, r, steps);
    });
    lines = last[0];
    tailProblem = tail.problem();
    seen = null;
  }

  private void again(Progress p, boolean allSteps, TrialsFile.StepsVisitor visitor) {
    int[] n = {0};
    TrialsFile.stream(file, allSteps, p, (line, r, steps) -> {
      if (line > lines || dropped.get((int) line)) {
        return;
      }
      n[0]++;
      visitor.accept(line, r, steps);
    });
    if (n[0] != accepted) {
      throw new NashException(file + " changed while it was analysed (" + accepted + " trials on the first pass, "
          + n[0] + " now); run the report again when nothing writes to it");
    }
  }

  /** A skipped bad last line, dropped duplicates and trials without a result, or null. */
  String problem() {
    String dups = droppedCount == 0 ? null : file + ": " + droppedCount + " duplicate record(s) dropped ("
        + droppedExample + (droppedCount > 1 ? ", ..." : "") + "); the first record of each trial counts";
    String p = tailProblem == null ? dups : dups == null ? tailProblem : tailProblem + "; " + dups;
    String empty = noResult();
    return p == null ? empty : empty == null ? p : p + "; " + empty;
  }

  /** The groups with trials that made no query (their budget is below one query's cost), or null. */
  private String noResult() {
    if (noResult.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    noResult.forEach((g, n) -> parts.add(g + (n.equals(total.get(g)) ? " (all " + n + " trials: the group is empty)"
        : " (" + n + " of " + total.get(g) + " trials)")));
    return file + ": trials that made no query, so have no result (their budget is below the cost of one query;"
        + " give a larger budget): " + String.join(", ", parts) + "; they are left out of every table and test";
  }

  /** Groups every one of whose trials made no query. */
  List<String> emptyGroups() {
    return noResult.entrySet().stream().filter(e -> e.getValue().equals(total.get(e.getKey()))).map(Map.Entry::getKey)
        .toList();
  }
}
