package org.nash.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming trial line is, byte for byte, what databind writes for the same record. */
class TrialLineTest {
  private static String databind(TrialResult r) throws Exception {
    return TrialsFile.JSON.writeValueAsString(r) + "\n";
  }

  private static void same(TrialResult r) throws Exception {
    assertEquals(databind(r), TrialLine.of(r));
  }

  private static TrialResult.Step step(int q, double v) {
    return new TrialResult.Step(q, 12.5 * q, 7 + q, v, v + 1e-9, 94.37 - v, 0.1 * q);
  }

  @Test
  void aDefaultRecordAsDatabindWritesIt() throws Exception {
    TrialResult.Step s = step(1, 90);
    same(new TrialResult("cifar10/full/rs/0", "nb201", "v1", "cifar10", "full", "rs", 0, "table", "table",
        "cifar10-valid/valid-acc@12", "cifar10/test-acc@200", false, true, null, 20000.0, 503, 439, 19961.53407284001,
        "budget", 94.37333333333333, 86.79666666666667, s, List.of(s, step(3, 91.25)), null));
  }

  @Test
  void everyOptionalFieldPresent() throws Exception {
    Map<String, Integer> sources = new LinkedHashMap<>();
    sources.put("trained", 3);
    sources.put("table", 97);
    sources.put("cached", null);
    List<double[]> trace = new ArrayList<>();
    trace.add(new double[] {12286, 73.75400000610352, 276.104661779});
    trace.add(new double[] {5, Double.NaN, 0});
    trace.add(null);
    trace.add(new double[] {1e7});
    TrialResult r = new TrialResult("ImageNet16-120/none+skip/re/41", "nb201", "713dd7ba55b3", "ImageNet16-120",
        "none+skip", "re", 41, "trained", "mixed", "nats", sources, "ImageNet16-120/valid-acc@12", "seed_mean",
        "ImageNet16-120/test-acc@200", true, false, 100, 1.2e5, 100, 0, 1e-7, "stop_after_overshoot",
        "query limit (10000 per trial)", Double.NaN, Double.NEGATIVE_INFINITY, null, List.of(), trace);
    same(r);
  }

  @Test
  void stringsThatNeedEscapingAndNonAsciiText() throws Exception {
    TrialResult.Step s = step(2, Double.POSITIVE_INFINITY);
    same(new TrialResult("a\"b\\c/\u00e9\u6f22/\n\t\u0001/0", "nb201", "v", "d\u2028", "p", "s", -3, "o", "table",
        "sig", "rep", true, true, 0, null, 0, 0, -0.0, "budget", Double.MIN_VALUE, Double.MAX_VALUE, s,
        Arrays.asList(s, null), null));
  }

  @Test
  void randomValuesAsDatabindWritesThem() throws Exception {
    SplittableRandom rng = new SplittableRandom(26);
    for (int n = 0; n < 300; n++) {
      List<TrialResult.Step> steps = new ArrayList<>();
      for (int i = rng.nextInt(6); i > 0; i--) {
        steps.add(new TrialResult.Step(rng.nextInt(), rng.nextDouble() * Math.pow(10, rng.nextInt(-12, 12)),
            rng.nextInt(15625), rng.nextDouble(100), Double.longBitsToDouble(rng.nextLong()), -rng.nextDouble(),
            rng.nextDouble()));
      }
      List<double[]> trace = rng.nextBoolean() ? null : new ArrayList<>();
      for (int i = trace == null ? 0 : rng.nextInt(5); i > 0; i--) {
        trace.add(new double[] {rng.nextInt(15625), rng.nextDouble(100), Double.longBitsToDouble(rng.nextLong())});
      }
      same(new TrialResult("k" + n, "nb201", "v", "cifar100", "full", "ls", n, "table", "table", null, null, "sig",
          rng.nextBoolean() ? "single_run" : null, "rep", rng.nextBoolean(), rng.nextBoolean(),
          rng.nextBoolean() ? rng.nextInt(1000) : null, rng.nextBoolean() ? rng.nextDouble() * 1e5 : null,
          rng.nextInt(1000), rng.nextInt(1000), rng.nextDouble() * 1e5, rng.nextBoolean() ? "stop_before_overshoot" : null,
          "budget", rng.nextDouble(100), rng.nextDouble(100), steps.isEmpty() ? null : steps.get(steps.size() - 1),
          steps, trace));
    }
  }
}
