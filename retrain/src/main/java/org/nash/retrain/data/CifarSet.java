package org.nash.retrain.data;

/**
 * CIFAR-10 training and test sets.
 *
 * @param officialOrder whether {@code train} is in the official order of the binary release, so that
 *     NAS-Bench-201's cifar-split.txt indices apply to it
 */
public record CifarSet(CifarImages train, CifarImages test, String origin, boolean officialOrder) {}
