package org.nash.random;

import java.util.SplittableRandom;

/** Standard normal draws from a trial's generator (Java 17's SplittableRandom has no nextGaussian). */
public final class Gaussian {
  private Gaussian() {}

  /**
   * One N(0, 1) draw by Box-Muller. StrictMath, not Math: the JIT may use platform intrinsics for
   * Math.log/cos, and results must be the same bytes on every machine.
   */
  public static double next(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // in (0, 1]: log never sees 0
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }
}
