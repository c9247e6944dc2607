package org.nash.retrain.train;

import ai.djl.training.tracker.Tracker;

/**
 * Cosine annealing from {@code base} to 0 over {@code totalSteps}, updated every step as NB201's
 * scheduler does (it advances by i/len(loader) within the epoch): lr(t) = base (1 + cos(pi t/T)) / 2.
 */
public final class CosineLr implements Tracker {
  private final float base;
  private final int totalSteps;

  public CosineLr(float base, int totalSteps) {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("totalSteps must be >= 1");
    }
    this.base = base;
    this.totalSteps = totalSteps;
  }

  @Override
  public float getNewValue(int step) {
    int t = Math.min(Math.max(step, 0), totalSteps);
    return (float) (base * 0.5 * (1 + Math.cos(Math.PI * t / totalSteps)));
  }
}
