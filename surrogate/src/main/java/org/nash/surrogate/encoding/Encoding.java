package org.nash.surrogate.encoding;

import java.util.List;
import org.nash.space.Arch;

/** Turns architectures of one space into fixed-length feature vectors for a predictor. */
public interface Encoding {
  /** Short name used on the command line and in results, e.g. {@code onehot}. */
  String name();

  /** Number of features. */
  int dim();

  /** Writes the features of {@code arch} into {@code out[offset .. offset + dim())}, which is zeroed. */
  void encode(Arch arch, float[] out, int offset);

  /** The features of several architectures, row-major ({@code archs.size() x dim()}). */
  default float[] encodeAll(List<Arch> archs) {
    int d = dim();
    float[] out = new float[archs.size() * d];
    for (int i = 0; i < archs.size(); i++) {
      encode(archs.get(i), out, i * d);
    }
    return out;
  }
}
