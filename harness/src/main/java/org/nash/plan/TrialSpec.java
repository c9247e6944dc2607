package org.nash.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * One trial of an experiment: a searcher on a dataset and pool with a seed, under a budget. Its
 * key is stable across runs and machines; the trial's random generator is seeded from the key, so a
 * trial gives the same result whatever else runs and in whatever order.
 */
public record TrialSpec(String dataset, String pool, String searcherLabel, String searcherName,
    Map<String, Object> params, int seed, int maxQueries, double maxSeconds) {

  public String key() {
    return dataset + "/" + pool + "/" + searcherLabel + "/" + seed;
  }

  /** A 64-bit seed from the SHA-256 of the key. */
  public long rngSeed() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
      long s = 0;
      for (int i = 0; i < 8; i++) {
        s = (s << 8) | (d[i] & 0xff);
      }
      return s;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
