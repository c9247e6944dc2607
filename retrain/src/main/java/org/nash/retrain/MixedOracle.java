package org.nash.retrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nash.NashException;
import org.nash.analysis.calibration.Calibration;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Fidelity;
import org.nash.benchmark.Objective;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.plugin.ParamSpec;
import org.nash.space.Arch;
import org.nash.table.Column;

/**
 * {@code oracle: table-or-retrain} on a benchmark whose table lacks cells of its space ({@code nb201x}:
 * the NB-201 table holds only the cells of NB-201's five ops): the table answers the cells it holds,
 * every other cell is trained through the result store at the same epochs. Before the first query a
 * calibration trains K connected table cells spread over their range of the signal (stored, so paid
 * once) and measures how trained values relate to the table's ({@link Calibration}).
 *
 * <p>Trainings go through an {@link Oracle}: in a run the {@link RetrainOracle} (its {@link CellTrainer}
 * through the result store, on workers or here); a test hands in a deterministic stand-in.
 *
 * <p>What a trained cell answers: the trained accuracy, mapped to the table's scale when
 * {@code calibration: affine}; its cost is the training's stored seconds times the calibration's
 * ratio of table seconds to trained seconds (the table's unit: NB-201's recorded GPU training seconds),
 * flagged as estimated; its reported value is the (mapped) signal under {@code reported: signal}, else
 * the table's (none for a cell with a new op, NaN).
 */
final class MixedOracle implements Oracle {
  static final ParamSpec<String> CALIBRATION = ParamSpec.oneOf("calibration", "none", List.of("none", "affine"),
      "when the table lacks cells (nb201x): affine maps trained values to the table's scale (fit on the "
      + "calibration cells); none uses them as trained");
  static final ParamSpec<Integer> CALIBRATION_CELLS = ParamSpec.integer("calibration_cells", 20,
      "connected table cells trained before mixing to measure trained vs table (one per equal-width band of their "
      + "range; stored)");

  private final Oracle table;
  private final Oracle retrain;
  private final Calibration calibration;
  private final boolean reportsSignal;
  private final double costFactor;
  private final String what;

  private MixedOracle(Oracle table, Oracle retrain, Calibration calibration, boolean reportsSignal) {
    this.table = table;
    this.retrain = retrain;
    this.calibration = calibration;
    this.reportsSignal = reportsSignal;
    this.costFactor = Double.isFinite(calibration.costFactor()) ? calibration.costFactor() : 1.0;
    this.what = "table-or-retrain (mixed): cells in the table: " + table.describe() + "; other cells: "
        + retrain.describe() + "; " + calibration.summary() + "; trained cost = stored training seconds x "
        + String.format(Locale.ROOT, "%.6g", costFactor) + (Double.isFinite(calibration.costFactor())
            ? " (table seconds per trained second on the calibration cells)"
            : " (no calibration cells: real seconds, NOT the table's unit)");
  }

  /** Whether the table lacks cells of the benchmark's space at this fidelity, so that answers mix. */
  static boolean mixes(Benchmark b, String dataset, Fidelity fidelity) {
    String key = b.objective(dataset).signalKey(fidelity);
    return b.table().column(key).coverage() < b.space().size();
  }

  /**
   * Picks the calibration cells, trains them through {@code retrain} ({@code threads} at once) and fits
   * the calibration. Only connected cells (a path from input to output: what {@code allow_disconnected:
   * false} keeps) are picked: a disconnected cell's network learns only through its stem and reduction
   * blocks (9.7-27 % on CIFAR-10 hp12, whoever trains it), so it says nothing about how training maps
   * real networks onto the table and would only pin the fit's low end.
   *
   * @param retrain trains the cells the table lacks (a {@link RetrainOracle} in a run)
   */
  static MixedOracle create(Oracle table, Oracle retrain, Benchmark b, String dataset, Fidelity fidelity,
      String mode, int k, int threads) {
    if (k < 0) {
      throw new NashException("oracle 'table-or-retrain': parameter 'calibration_cells' must be >= 0, got " + k);
    }
    Objective obj = b.objective(dataset);
    Column signal = b.table().column(obj.signalKey(fidelity));
    org.nash.space.SearchSpace space = b.space();
    Calibration.Strata strata = Calibration.stratified(signal.toArray(), i -> space.isConnected(space.byIndex(i)),
        "connected", k);
    List<Arch> cells = new ArrayList<>();
    for (int i : strata.picked()) {
      cells.add(b.space().byIndex(i));
    }
    if (Calibration.AFFINE.equals(mode) && cells.size() < Calibration.MIN_AFFINE) {
      // said before anything trains
      Calibration.fit(mode, List.of());
    }
    List<Observation> trained = trainAll(retrain, cells, threads);
    List<Calibration.Cell> rows = new ArrayList<>();
    for (int j = 0; j < cells.size(); j++) {
      Observation t = table.query(cells.get(j), new SplittableRandom(0));
      rows.add(new Calibration.Cell(cells.get(j).index(), cells.get(j).toString(), t.signal(), trained.get(j).signal(),
          t.cost(), trained.get(j).cost()));
    }
    boolean reportsSignal = obj.reportedKey().equals(obj.signalKey(fidelity));
    return new MixedOracle(table, retrain, Calibration.fit(mode, rows, strata), reportsSignal);
  }

  /** Trains (or reads back) the calibration cells, on {@code threads} at once (the workers share them out). */
  private static List<Observation> trainAll(Oracle retrain, List<Arch> cells, int threads) {
    if (threads <= 1) {
      List<Observation> out = new ArrayList<>();
      for (Arch a : cells) {
        out.add(retrain.query(a, new SplittableRandom(0)));
      }
      return out;
    }
    ExecutorService ex = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nash-calibration");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Observation>> fs = new ArrayList<>();
      for (Arch a : cells) {
        fs.add(ex.submit(() -> retrain.query(a, new SplittableRandom(0))));
      }
      List<Observation> out = new ArrayList<>();
      for (Future<Observation> f : fs) {
        try {
          out.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NashException("interrupted while training the calibration cells");
    } finally {
      ex.shutdownNow();
    }
  }

  Calibration calibration() {
    return calibration;
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    if (table.answers(arch)) {
      return table.query(arch, rng);
    }
    Observation o = retrain.query(arch, rng);
    double signal = calibration.map(o.signal());
    return new Observation(signal, reportsSignal ? signal : o.reported(), o.cost() * costFactor, true, o.source());
  }

  @Override
  public boolean countsSources() {
    return true;
  }

  @Override
  public boolean hasCost() {
    return true;
  }

  @Override
  public void close() {
    retrain.close();
  }

  @Override
  public String describe() {
    return what;
  }

  @Override
  public Map<String, Object> provenance() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("answers", "table for cells in the table, trained (through the result store) for the others");
    m.put("trained_signal", calibration.mode().equals(Calibration.AFFINE)
        ? "mapped to the table's scale: table = intercept + slope x trained" : "as trained (calibration: none)");
    m.put("trained_cost", "stored training seconds x cost_factor (" + (Double.isFinite(calibration.costFactor())
        ? "table seconds per trained second on the calibration cells" : "1: no calibration cells") + ")");
    m.put("cost_factor", costFactor);
    m.put("retrain", retrain.describe());
    m.putAll(calibration.toMap());
    return m;
  }
}
