package org.nash.analysis.compare;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nash.analysis.output.CsvWriter;
import org.nash.analysis.stats.Describe;
import org.nash.io.AtomicFiles;
import org.nash.results.TrialResult;
import org.nash.results.SummaryValues;
import org.nash.results.TrialsFile;

/**
 * Final-budget statistics per searcher x dataset x pool: the reported value of the incumbent, its
 * regret against the full space's and the pool's optimum, and the budget used.
 */
public final class Summary {
  private Summary() {}

  @JsonPropertyOrder({"dataset", "pool", "searcher", "trials", "reported", "regret", "regret_pool", "queries", "seconds",
      "repeats"})
  public record Row(String dataset, String pool, String searcher, int trials, Describe reported, Describe regret,
      @com.fasterxml.jackson.annotation.JsonProperty("regret_pool") Describe regretPool, Describe queries,
      Describe seconds, Describe repeats) {

    /** Re-queries as a share of the charged queries (the budget they took when repeats are charged). */
    public double repeatShare() {
      return queries.mean() > 0 ? repeats.mean() / queries.mean() : Double.NaN;
    }
  }

  public static List<Row> of(List<TrialResult> trials) {
    SummaryValues v = new SummaryValues();
    trials.forEach(v::add);
    return of(v);
  }

  /**
   * The same rows from a trials file, streamed: only six numbers per trial are kept, never the
   * trials themselves. A bad last line is skipped (as when resuming); a repeated trial counts once.
   */
  public static List<Row> of(Path trialsFile) {
    return of(SummaryValues.read(trialsFile));
  }

  /** The rows of values collected while trials were read and written (a run's, without re-reading its file). */
  public static List<Row> of(SummaryValues values) {
    List<Row> rows = new ArrayList<>();
    for (SummaryValues.Group g : values.groups()) {
      rows.add(new Row(g.dataset(), g.pool(), g.searcher(), g.size(), describe(g, SummaryValues.REPORTED),
          describe(g, SummaryValues.REGRET), describe(g, SummaryValues.REGRET_POOL), describe(g, SummaryValues.QUERIES),
          describe(g, SummaryValues.SECONDS), describe(g, SummaryValues.REPEATS)));
    }
    return rows;
  }

  private static Describe describe(SummaryValues.Group g, int column) {
    return Describe.of(g.column(column));
  }

  /** Writes summary.json and summary.csv into {@code dir}, each atomically. */
  public static void write(List<Row> rows, Path dir) {
    try {
      AtomicFiles.writeAtomically(dir.resolve("summary.json"),
          TrialsFile.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder csv = new StringBuilder("dataset,pool,searcher,trials,reported_mean,reported_std,reported_se,"
        + "reported_median,reported_q1,reported_q3,regret_mean,regret_std,regret_se,regret_median,regret_q1,"
        + "regret_q3,regret_pool_mean,regret_pool_median,queries_mean,seconds_mean,repeats_mean\n");
    for (Row r : rows) {
      // Labels through the one CSV writer (quoted, formulas neutralised); numbers as Java prints them,
      // NaN included (a group of no queries has no mean), as summary.csv always had them.
      csv.append(String.join(",", CsvWriter.text(r.dataset()), CsvWriter.text(r.pool()), CsvWriter.text(r.searcher()),
          Integer.toString(r.trials())));
      for (Describe d : List.of(r.reported(), r.regret())) {
        for (double v : new double[] {d.mean(), d.std(), d.se(), d.median(), d.q1(), d.q3()}) {
          csv.append(',').append(v);
        }
      }
      csv.append(',').append(r.regretPool().mean()).append(',').append(r.regretPool().median())
          .append(',').append(r.queries().mean()).append(',').append(r.seconds().mean()).append(',')
          .append(r.repeats().mean()).append('\n');
    }
    AtomicFiles.writeAtomically(dir.resolve("summary.csv"), csv.toString());
  }

  /** A fixed-width table for the terminal. */
  public static String format(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%-16s %-22s %-10s %6s  %-18s %-8s %-15s %-16s %-12s %s%n", "dataset", "pool", "searcher", "trials",
        "reported mean±std", "SE", "median [IQR]", "regret mean±std", "regret(pool)", "re-queries"));
    for (Row r : rows) {
      Describe a = r.reported();
      Describe g = r.regret();
      sb.append(String.format(Locale.ROOT,
          "%-16s %-22s %-10s %6d  %8.3f ± %-7.3f %-8.3f %7.3f [%5.2f] %7.3f ± %-6.3f %7.3f      %5.1f %%%n",
          r.dataset(), r.pool(), r.searcher(), r.trials(), a.mean(), a.std(), a.se(), a.median(), a.iqr(),
          g.mean(), g.std(), r.regretPool().mean(), 100 * r.repeatShare()));
    }
    return sb.toString();
  }
}
