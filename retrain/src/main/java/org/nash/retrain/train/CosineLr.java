package org.nash.retrain.train;

import ai.djl.training.tracker.Tracker;

/**
 * NAS-Bench-201's learning rate schedule: AutoDL-Projects' {@code CosineAnnealingLR}
 * (xautodl/procedures/optimizers.py, commit f46486e, lines 55-107), driven the way its trainer drives
 * it (exps/NAS-Bench-201/functions.py lines 56 and 124): {@link #update(int, double)} with the epoch
 * number and 0 at the start of each epoch, then with the fraction of the epoch done before each step.
 * After warm-up the rate depends on the epoch number only, so it is constant within an epoch:
 * <pre>
 *   lr(e) = eta_min + (base - eta_min) (1 + cos(pi (e - warmup) / T_max)) / 2,   e = 0, 1, ...
 * </pre>
 * and eta_min from epoch {@code epochs} on. During warm-up (none in NB-201's configs) it rises
 * linearly per step: (e + fraction) / warmup * base. NB-201 trains with base 0.1, eta_min 0, warmup
 * 0, T_max = epochs (configs/nas-benchmark/LESS.config, CIFAR.config, hyper-opts/12E.config;
 * get_optim_scheduler line 240), so the last of 12 epochs runs at 0.1 (1 + cos(11 pi/12))/2 = 0.0017.
 *
 * <p>Summed over the steps this is {@code base (E + 1) / 2} epochs' worth of rate against
 * {@code base (E + 1/S) / 2} for a cosine annealed every step to 0 (S steps per epoch): the per-step
 * schedule trains with a factor (E + 1/S)/(E + 1) less, 7.6 % less for E = 12, S = 98.
 *
 * <p>Stateful like the original: the optimizer asks {@link #getNewValue(int)} and gets the rate set
 * by the last update, whatever step number it passes.
 */
public final class CosineLr implements Tracker {
  private final double base;
  private final double etaMin;
  private final int warmup;
  private final int epochs;
  private final int tMax;
  private int epoch;
  private double fraction;

  /**
   * @param epochs training epochs after warm-up ({@code max_epochs} of the original is
   *     {@code epochs} too: its trainer runs epochs + warmup epochs and compares the raw epoch number)
   */
  public CosineLr(double base, double etaMin, int warmup, int epochs, int tMax) {
    if (epochs < 1 || tMax < 1 || warmup < 0) {
      throw new IllegalArgumentException("epochs and T_max must be >= 1, warmup >= 0");
    }
    this.base = base;
    this.etaMin = etaMin;
    this.warmup = warmup;
    this.epochs = epochs;
    this.tMax = tMax;
  }

  /** NB-201's settings: eta_min 0, no warm-up, T_max = epochs. */
  public static CosineLr nb201(double base, int epochs) {
    return new CosineLr(base, 0, 0, epochs, epochs);
  }

  /**
   * The original's {@code update(cur_epoch, cur_iter)}: {@code epoch} < 0 keeps the current epoch
   * (the original's None).
   */
  public void update(int epoch, double fraction) {
    if (epoch >= 0) {
      this.epoch = epoch;
    }
    this.fraction = fraction;
  }

  /** The rate set by the last {@link #update}. */
  public double rate() {
    return rate(epoch, fraction);
  }

  /** The original's get_lr for 0-based epoch {@code e}, {@code fraction} of it done. */
  public double rate(int e, double fraction) {
    // the original compares the raw epoch with max_epochs = epochs (not epochs + warmup)
    if (e >= warmup && e < epochs) {
      return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * (e - warmup) / tMax)) / 2;
    } else if (e >= epochs) {
      return etaMin;
    }
    return (e + fraction) / warmup * base;
  }

  @Override
  public float getNewValue(int numUpdate) {
    return (float) rate();
  }
}
