package org.nash.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nash.NashException;
import org.nash.space.Arch;
import org.nash.space.SearchSpace;

/**
 * Architectures with a known value of one quantity (a table column, or the NB101 sample's
 * validation accuracy): what a surrogate is trained and evaluated on.
 *
 * @param space the space the architectures belong to
 * @param archs the architectures, in official index order
 * @param values their values, aligned with {@code archs}
 * @param label what the values are, for output (e.g. {@code nb201 cifar10/test-acc@200})
 */
public record LabelledArchs(SearchSpace space, List<Arch> archs, double[] values, String label) {

  public LabelledArchs {
    archs = List.copyOf(archs);
    if (archs.size() != values.length) {
      throw new IllegalArgumentException(archs.size() + " archs but " + values.length + " values");
    }
  }

  public int size() {
    return archs.size();
  }

  /** A training part of {@code trainSize} architectures drawn with {@code seed} and the rest held out. */
  public record Split(LabelledArchs train, LabelledArchs heldOut) {}

  /**
   * The architectures in a seeded random order (Fisher-Yates from {@link SplittableRandom}), so a
   * training set of n is the first n of it and training sets of one seed are nested.
   */
  public int[] order(long seed) {
    int[] p = new int[size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = p.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * Splits off {@code trainSize} randomly drawn architectures; the held-out part is every other one.
   *
   * @param minHeldOut how many must remain held out (0 when the caller needs none)
   */
  public Split split(int trainSize, long seed, int minHeldOut) {
    if (trainSize < 2) {
      throw new NashException("train size must be at least 2, got " + trainSize);
    }
    if (trainSize > size() - minHeldOut) {
      throw new NashException("train size " + trainSize + " is larger than " + label + " allows: it has "
          + size() + " architectures with a value" + (minHeldOut > 0 ? " and at least " + minHeldOut
          + " must be held out for evaluation" : ""));
    }
    int[] p = order(seed);
    boolean[] inTrain = new boolean[size()];
    for (int i = 0; i < trainSize; i++) {
      inTrain[p[i]] = true;
    }
    return new Split(subset(inTrain, true), subset(inTrain, false));
  }

  private LabelledArchs subset(boolean[] mask, boolean keep) {
    List<Arch> a = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (mask[i] == keep) {
        a.add(archs.get(i));
        v.add(values[i]);
      }
    }
    return new LabelledArchs(space, a, v.stream().mapToDouble(Double::doubleValue).toArray(), label);
  }
}
