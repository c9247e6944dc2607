package org.nash.surrogate;

import java.util.List;
import org.nash.space.Arch;
import org.nash.surrogate.encoding.Encoding;
import org.nash.surrogate.model.GbtEnsemble;
import org.nash.surrogate.model.GbtParams;

/** A fitted predictor for one quantity: an encoding of the space and a tree ensemble over it. */
public final class Surrogate {
  private final Encoding encoding;
  private final GbtEnsemble ensemble;
  private final String description;

  private Surrogate(Encoding encoding, GbtEnsemble ensemble, String description) {
    this.encoding = encoding;
    this.ensemble = ensemble;
    this.description = description;
  }

  /** Fits on every architecture of {@code train}; the same inputs and seed give the same model. */
  public static Surrogate fit(LabelledArchs train, Encoding encoding, GbtParams params, long seed) {
    float[] x = encoding.encodeAll(train.archs());
    GbtEnsemble e = GbtEnsemble.fit(x, encoding.dim(), train.values(), params, seed);
    return new Surrogate(encoding, e, params + " on " + encoding.name() + " features of " + train.size()
        + " archs of " + train.label() + " (seed " + seed + ")");
  }

  public GbtEnsemble.Prediction predict(List<Arch> archs) {
    return ensemble.predict(encoding.encodeAll(archs));
  }

  /** Predicts in batches, so a whole large space never needs its features in memory at once. */
  public GbtEnsemble.Prediction predictBatched(List<Arch> archs, int batch) {
    double[] mean = new double[archs.size()];
    double[] sd = new double[archs.size()];
    for (int from = 0; from < archs.size(); from += batch) {
      int to = Math.min(archs.size(), from + batch);
      GbtEnsemble.Prediction p = predict(archs.subList(from, to));
      System.arraycopy(p.mean(), 0, mean, from, to - from);
      System.arraycopy(p.sd(), 0, sd, from, to - from);
    }
    return new GbtEnsemble.Prediction(mean, sd);
  }

  public Encoding encoding() {
    return encoding;
  }

  public String describe() {
    return description;
  }

  public void dispose() {
    ensemble.dispose();
  }
}
