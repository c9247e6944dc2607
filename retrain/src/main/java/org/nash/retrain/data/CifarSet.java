package org.nash.retrain.data;

import java.util.List;

/**
 * The training and test images of one dataset.
 *
 * @param officialOrder whether {@code train} and {@code test} are in the official order of the release,
 *     so that NAS-Bench-201's split files (cifar-split.txt, the test splits) apply to them
 * @param files the files read, each as {@code name sha256=<hex>}, for the output
 */
public record CifarSet(CifarImages train, CifarImages test, String origin, boolean officialOrder, List<String> files) {
  public CifarSet(CifarImages train, CifarImages test, String origin, boolean officialOrder) {
    this(train, test, origin, officialOrder, List.of());
  }
}
