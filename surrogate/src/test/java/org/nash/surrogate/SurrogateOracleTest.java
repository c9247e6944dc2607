package org.nash.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nash.NashException;
import org.nash.TestData;
import org.nash.benchmark.Benchmark;
import org.nash.benchmark.Benchmarks;
import org.nash.nb101.Nb101Space;
import org.nash.oracle.Observation;
import org.nash.oracle.Oracle;
import org.nash.plugin.Params;
import org.nash.space.Arch;

/** The surrogate oracle: labelled predicted, deterministic, noise from the trial's generator. */
class SurrogateOracleTest {
  private static final Map<String, Object> SMALL = Map.of("train_size", 300, "seed", 1, "models", 3, "rounds", 100);

  private Oracle oracle(Benchmark b, String ds, Map<String, Object> extra) {
    Map<String, Object> p = new LinkedHashMap<>(SMALL);
    p.putAll(extra);
    Params params = new Params("oracle 'surrogate'", p);
    Oracle o = new SurrogateOracle.Provider().create(new org.nash.oracle.OracleRequest(b, ds,
        b.objective(ds).fidelity(null), params, TestData.catalog(), getClass().getClassLoader(), java.util.Optional.empty()));
    params.requireAllRead();
    return o;
  }

  @Test
  void answersEveryArchitectureAsPredictedAndDeterministically() {
    Benchmark b = Benchmarks.load("tnb-micro", TestData.catalog());
    Oracle o1 = oracle(b, "class_scene", Map.of());
    Oracle o2 = oracle(b, "class_scene", Map.of());
    assertTrue(o1.describe().contains("PREDICTED signal class_scene/valid@final"), o1.describe());
    assertTrue(!o1.hasCost(), "TNB records no times");
    for (int i = 0; i < b.space().size(); i += 97) {
      Arch a = b.space().byIndex(i);
      Observation x = o1.query(a, new SplittableRandom(i));
      assertEquals(Observation.Source.PREDICTED, x.source());
      assertEquals(x, o2.query(a, new SplittableRandom(i + 1)), "no noise: the generator does not matter");
      assertEquals(x.signal(), x.reported(), 1e-9, "TNB's signal and reported columns are the same");
    }
  }

  @Test
  void noiseComesFromTheTrialGeneratorAndTheTableCanReport() {
    Benchmark b = Benchmarks.load("nb201", TestData.catalog());
    Oracle o = oracle(b, "cifar10", Map.of("noise", true, "reported", "table"));
    assertTrue(o.hasCost());
    Arch a = b.space().byIndex(6111);
    Observation x = o.query(a, new SplittableRandom(5));
    assertEquals(x, o.query(a, new SplittableRandom(5)));
    assertNotEquals(x.signal(), o.query(a, new SplittableRandom(6)).signal());
    assertEquals(b.table().column("cifar10/test-acc@200").get(6111), x.reported(), 0.0);
    assertTrue(x.cost() > 0);
  }

  @Test
  void nb101IsTrainedOnTheSampleAndAnswersTheWholeSpace() {
    Benchmark b = Benchmarks.load("nb101", TestData.catalog());
    Nb101Space space = (Nb101Space) b.space();
    Oracle o = oracle(b, "cifar10", Map.of("train_size", 292));
    assertTrue(o.describe().contains("292 archs"), o.describe());
    assertTrue(o.describe().contains("PREDICTED reported cifar10/valid-acc@108 (same model)"), o.describe());
    for (int i : List.of(0, 1000, 200_000, Nb101Space.SIZE - 1)) {
      Observation x = o.query(space.byIndex(i), new SplittableRandom(0));
      assertTrue(x.signal() > 0 && x.signal() < 100, "accuracy in %: " + x.signal());
      assertEquals(Observation.Source.PREDICTED, x.source());
    }
  }

  @Test
  void badParametersAreClearErrors() {
    Benchmark b = Benchmarks.load("tnb-micro", TestData.catalog());
    NashException big = assertThrows(NashException.class, () -> oracle(b, "class_scene", Map.of("train_size", 10_000)));
    assertTrue(big.getMessage().contains("train size 10000 is larger than"), big.getMessage());
    NashException task = assertThrows(NashException.class, () -> oracle(b, "depth", Map.of()));
    assertTrue(task.getMessage().contains("unknown dataset or task 'depth'"), task.getMessage());
    NashException rep = assertThrows(NashException.class, () -> oracle(b, "class_scene", Map.of("reported", "true")));
    assertTrue(rep.getMessage().contains("parameter 'reported' must be one of predicted, table, got 'true'"), rep.getMessage());
    NashException typo = assertThrows(NashException.class, () -> oracle(b, "class_scene", Map.of("trainsize", 10)));
    assertTrue(typo.getMessage().contains("unknown parameter(s) [trainsize]"), typo.getMessage());
  }
}
