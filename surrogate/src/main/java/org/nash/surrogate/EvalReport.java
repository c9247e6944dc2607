package org.nash.surrogate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nash.NashException;
import org.nash.analysis.output.Artifacts;
import org.nash.io.AtomicFiles;

/** Writes surrogate evaluations as CSV tables and a learning-curve figure, registered as artifacts. */
public final class EvalReport {
  public static final String METRICS = "surrogate-metrics.csv";
  public static final String CURVE = "learning-curve.csv";
  public static final String FIGURE = "learning-curve";
  private static final String SECTION = "surrogate";

  private EvalReport() {}

  static String header() {
    return "train_size,seed,heldout_n,kendall_tau,sparse_kendall_tau,spearman,r2,mae,"
        + "train_kendall_tau,top_decile_kendall_tau,top_decile_mae,heldout_best,predicted_best_true,"
        + "predicted_top10_best_true,fit_seconds\n";
  }

  static String row(Evaluation e) {
    Metrics h = e.heldOut();
    Metrics d = e.topDecile();
    return String.join(",", List.of(String.valueOf(e.trainSize()), String.valueOf(e.seed()), String.valueOf(h.n()),
        num(h.kendall()), num(h.sparseKendall()), num(h.spearman()), num(h.r2()), num(h.mae()),
        num(e.train().kendall()), d == null ? "" : num(d.kendall()), d == null ? "" : num(d.mae()),
        num(e.heldOutBest()), num(e.predictedBestTrue()), num(e.predictedTop10BestTrue()), num(e.seconds()))) + "\n";
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  /** Writes the main evaluation (and the learning curve, if any) into {@code dir}. */
  public static List<Path> write(Path dir, String what, Evaluation main, List<Evaluation> curve) {
    List<Artifacts.Entry> entries = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    AtomicFiles.writeAtomically(dir.resolve(METRICS), header() + row(main));
    written.add(dir.resolve(METRICS));
    entries.add(new Artifacts.Entry(METRICS, "table", SECTION, "Surrogate held-out metrics: " + what,
        "XGBoost ensemble trained on " + main.trainSize() + " random architectures (seed " + main.seed()
            + "), measured on every other architecture with a value. Sparse Kendall tau rounds true and"
            + " predicted values to 0.1 first; top decile = held-out architectures whose true value is in"
            + " the top 10 %; predicted_best_true = true value of the held-out architecture predicted best."));
    if (!curve.isEmpty()) {
      StringBuilder sb = new StringBuilder(header());
      curve.forEach(e -> sb.append(row(e)));
      AtomicFiles.writeAtomically(dir.resolve(CURVE), sb.toString());
      written.add(dir.resolve(CURVE));
      XYChart chart = chart(what, curve);
      try {
        AtomicFiles.writeAtomically(dir.resolve(FIGURE + ".png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.writeAtomically(dir.resolve(FIGURE + ".svg"), svg.toByteArray());
      } catch (IOException e) {
        throw new NashException("cannot draw the learning curve in " + dir + ": " + e.getMessage(), e);
      }
      written.add(dir.resolve(FIGURE + ".png"));
      written.add(dir.resolve(FIGURE + ".svg"));
      String caption = "Held-out rank correlations and R^2 against the number of training architectures;"
          + " each point is one fit (seed in the CSV), measured on every architecture outside its training set; R^2 below 0 is drawn at 0.";
      entries.add(new Artifacts.Entry(CURVE, "table", SECTION, "Surrogate learning curve: " + what, caption));
      entries.add(new Artifacts.Entry(FIGURE + ".png", "figure", SECTION, "Surrogate learning curve: " + what, caption));
    }
    Artifacts.register(dir, entries);
    return written;
  }

  private static XYChart chart(String what, List<Evaluation> curve) {
    XYChart c = new XYChartBuilder().width(800).height(500).title("Surrogate learning curve: " + what)
        .xAxisTitle("training architectures").yAxisTitle("held-out metric").build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setXAxisDecimalPattern("#");
    double[] x = curve.stream().mapToDouble(Evaluation::trainSize).toArray();
    add(c, "Kendall tau", x, curve.stream().mapToDouble(e -> e.heldOut().kendall()).toArray());
    add(c, "sparse Kendall tau", x, curve.stream().mapToDouble(e -> e.heldOut().sparseKendall()).toArray());
    add(c, "Spearman", x, curve.stream().mapToDouble(e -> e.heldOut().spearman()).toArray());
    add(c, "R^2", x, curve.stream().mapToDouble(e -> Math.max(0, e.heldOut().r2())).toArray());
    return c;
  }

  private static void add(XYChart c, String name, double[] x, double[] y) {
    c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
  }

  /** One line per evaluation for the console. */
  public static String format(Evaluation e) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "train %d (seed %d, fit %.1f s)%n", e.trainSize(), e.seed(), e.seconds()));
    sb.append("  held-out:   ").append(e.heldOut().format()).append('\n');
    sb.append("  training:   ").append(e.train().format()).append('\n');
    if (e.topDecile() != null) {
      sb.append("  top decile: ").append(e.topDecile().format()).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "  held-out best %.4f; predicted best has %.4f; best of predicted top 10 %.4f%n",
        e.heldOutBest(), e.predictedBestTrue(), e.predictedTop10BestTrue()));
    return sb.toString();
  }
}
