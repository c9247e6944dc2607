package org.nash.oracle;

import java.util.SplittableRandom;
import org.nash.random.Gaussian;
import org.nash.space.Arch;

/**
 * Adds N(0, sd^2) to another oracle's search signal ({@code noise_sd}), drawn from the trial's
 * generator after the inner query; the reported value and the cost are untouched. Emulates the
 * seed-to-seed spread the tables average away.
 */
public final class NoisyOracle implements Oracle {
  private final Oracle inner;
  private final double sd;

  private NoisyOracle(Oracle inner, double sd) {
    this.inner = inner;
    this.sd = sd;
  }

  /** {@code inner} itself when {@code sd} is 0. */
  public static Oracle wrap(Oracle inner, double sd) {
    if (!(sd >= 0) || Double.isInfinite(sd)) {
      throw new IllegalArgumentException("noise sd must be a finite number >= 0, got " + sd);
    }
    return sd == 0 ? inner : new NoisyOracle(inner, sd);
  }

  @Override
  public Observation query(Arch arch, SplittableRandom rng) {
    Observation o = inner.query(arch, rng);
    return o.withSignal(o.signal() + sd * Gaussian.next(rng));
  }

  @Override
  public boolean answers(Arch arch) {
    return inner.answers(arch);
  }

  @Override
  public boolean countsSources() {
    return inner.countsSources();
  }

  @Override
  public boolean hasCost() {
    return inner.hasCost();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String describe() {
    return inner.describe() + ", signal + N(0, " + sd + "^2)";
  }
}
